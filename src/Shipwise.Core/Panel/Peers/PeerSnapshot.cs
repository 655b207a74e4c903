using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Peers;

/// <summary>Where a tool stands on one measure among its peers; see <see cref="PeerSnapshot.Standing"/>.</summary>
public sealed record PeerStanding(int Beaten, int Tied, int Of, (string Name, decimal Value)? NextBetter, (string Name, decimal Value)? NextWorse, string? Level)
{
    /// <summary>The share of peers it beats, ties counting half: 0 last, 1 first, 0.5 in the middle of a tie.</summary>
    public double Share => (Beaten + (0.5 * Tied)) / Of;

    public int Better => Of - Beaten - Tied;
}

/// <summary>Where a tool stands among its peers on one test: "3rd of 14", who is ahead and who is just behind.</summary>
public sealed record PeerRank(
    string Benchmark, int Position, int Of, (string Name, decimal Score)? Leader, (string Name, decimal Score)? NextAbove, (string Name, decimal Score)? NextBelow, decimal? Median)
{
    /// <summary>The share of peers it beats, 0 (last) to 1 (first).</summary>
    public double Percentile => Of <= 1 ? 0.5 : (double)(Of - Position) / (Of - 1);
}

/// <summary>
/// The rest of the catalog as a review sees it: the pickable tools of the same category, and
/// the GPUs self-hosting costs are worked out on. A review that ranks a tool against its peers
/// is computed from one snapshot and records its <see cref="Version"/>, so the same snapshot
/// always gives the same review and history can say what changed in the field.
/// </summary>
public sealed class PeerSnapshot
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Lazy<Dictionary<string, List<(PeerSummary Peer, decimal Score)>>> _byBenchmark;

    [JsonConstructor]
    public PeerSnapshot(string category, IReadOnlyList<PeerSummary> peers, IReadOnlyList<GpuOption> gpus, IReadOnlyDictionary<string, string>? names = null)
    {
        Category = category;
        Peers = peers;
        Gpus = gpus;
        Names = names ?? new SortedDictionary<string, string>(StringComparer.Ordinal);
        Version = VersionOf(category, peers, gpus, Names);
        _byBenchmark = new(IndexScores);
    }

    /// <summary>Names of tools the category's members point at (successors in other categories), by slug.</summary>
    public IReadOnlyDictionary<string, string> Names { get; }

    /// <summary>A tool's name for a sentence: a peer's, a named successor's, or the slug itself.</summary>
    public string NameOf(string slug) =>
        Peers.FirstOrDefault(p => p.Slug == slug)?.Name ?? Names.GetValueOrDefault(slug) ?? slug;

    public string Category { get; }

    /// <summary>The category's tools (every lifecycle), in slug order.</summary>
    public IReadOnlyList<PeerSummary> Peers { get; }

    /// <summary>Priced accelerators, cheapest first.</summary>
    public IReadOnlyList<GpuOption> Gpus { get; }

    [JsonIgnore]
    public string Version { get; }

    public static PeerSnapshot Empty(string category) => new(category, [], []);

    /// <summary>The snapshot of one category from every tool's summary (other categories' tools are ignored, hardware gives the GPUs).</summary>
    public static PeerSnapshot Build(string category, IEnumerable<PeerSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var all = summaries.ToList();
        var members = all.Where(p => p.Category == category).OrderBy(p => p.Slug, StringComparer.Ordinal).ToList();
        var successors = members.Select(p => p.Successor).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var peer in all.Where(p => successors.Contains(p.Slug) && p.Category != category))
        {
            names[peer.Slug] = peer.Name;
        }

        return new PeerSnapshot(
            category,
            members,
            [.. all.Select(p => p.Gpu).OfType<GpuOption>().OrderBy(g => g.UsdPerHour).ThenBy(g => g.Slug, StringComparer.Ordinal)],
            names);
    }

    public string ToJson() => JsonSerializer.Serialize(this, _json);

    public static PeerSnapshot FromJson(string json) => JsonSerializer.Deserialize<PeerSnapshot>(json, _json)!;

    /// <summary>Pickable peers other than the tool itself.</summary>
    public IEnumerable<PeerSummary> Others(string slug) => Peers.Where(p => p.CanBePicked && p.Slug != slug);

    /// <summary>How the tool ranks on a benchmark among the peers that report it; null when fewer than two others do.</summary>
    public PeerRank? Rank(string slug, string benchmark, decimal score, bool lowerIsBetter)
    {
        if (!_byBenchmark.Value.TryGetValue(benchmark, out var scored))
        {
            return null;
        }

        var others = scored.Where(x => x.Peer.Slug != slug).ToList();
        if (others.Count < 2)
        {
            return null;
        }

        bool Better(decimal other) => lowerIsBetter ? other < score : other > score;
        var ahead = others.Where(x => Better(x.Score))
            .OrderBy(x => lowerIsBetter ? x.Score : -x.Score)
            .ThenBy(x => x.Peer.Slug, StringComparer.Ordinal)
            .Select(x => (x.Peer.Name, x.Score))
            .ToList();
        var behind = others.Where(x => !Better(x.Score) && x.Score != score)
            .OrderBy(x => lowerIsBetter ? x.Score : -x.Score)
            .ThenBy(x => x.Peer.Slug, StringComparer.Ordinal)
            .Select(x => (x.Peer.Name, x.Score))
            .ToList();
        var ordered = others.Select(x => x.Score).Append(score).Order().ToList();
        var median = ordered[ordered.Count / 2];
        return new PeerRank(
            benchmark, ahead.Count + 1, others.Count + 1,
            ahead.Count > 0 ? ahead[0] : null, ahead.Count > 0 ? ahead[^1] : null, behind.Count > 0 ? behind[0] : null, median);
    }

    /// <summary>The median of a measure over the other pickable peers that have it, with how many there were.</summary>
    public (decimal Median, int Count)? Median(string slug, Func<PeerSummary, decimal?> measure, Func<PeerSummary, bool>? include = null)
    {
        var values = Others(slug).Where(p => include?.Invoke(p) ?? true).Select(measure).OfType<decimal>().Order().ToList();
        return values.Count < 2 ? null : (values[values.Count / 2], values.Count);
    }

    /// <summary>
    /// Peers of similar quality: within <paramref name="band"/> (a share) of the tool's score on the
    /// broadest test it shares with them (an index or arena first, else the most reported one).
    /// Null when no test is shared with at least three peers.
    /// </summary>
    public (string Benchmark, Func<PeerSummary, bool> Includes)? SimilarQuality(string slug, IEnumerable<(string Benchmark, decimal Score)> scores, decimal band = 0.1m)
    {
        var index = _byBenchmark.Value;
        var shared = scores
            .Where(s => index.TryGetValue(s.Benchmark, out var list) && list.Count(x => x.Peer.Slug != slug) >= 3)
            .OrderByDescending(s => s.Benchmark.Split('@')[0] is "aa-intelligence-index" or "lmarena-text" or "lmarena-text-to-image" or "lmarena-text-to-video" or "lmarena-vision")
            .ThenByDescending(s => index[s.Benchmark].Count)
            .ThenBy(s => s.Benchmark, StringComparer.Ordinal)
            .FirstOrDefault();
        if (shared.Benchmark is null || shared.Score <= 0)
        {
            return null;
        }

        var near = index[shared.Benchmark].Where(x => Math.Abs(x.Score - shared.Score) <= shared.Score * band).Select(x => x.Peer.Slug).ToHashSet(StringComparer.Ordinal);
        return (shared.Benchmark, p => near.Contains(p.Slug));
    }

    /// <summary>
    /// Where a value stands among the other pickable peers that have the measure: how many it
    /// beats and ties, and the nearest peer on either side and level with it, by name, so a
    /// sentence can say "ahead of X, behind Y". Null with fewer than two peers to compare.
    /// </summary>
    /// <param name="level">How close (a share of the value) counts as level: 1M and 1,048,576 tokens are the same window to a reader.</param>
    public PeerStanding? Standing(string slug, decimal value, Func<PeerSummary, decimal?> measure, bool lowerIsBetter = false, Func<PeerSummary, bool>? include = null, decimal level = 0)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var values = Others(slug).Where(p => include?.Invoke(p) ?? true).Select(p => (p.Name, Value: measure(p))).Where(x => x.Value is not null).Select(x => (x.Name, Value: x.Value!.Value)).ToList();
        if (values.Count < 2)
        {
            return null;
        }

        var tolerance = Math.Abs(value) * level;
        bool Level(decimal other) => Math.Abs(other - value) <= tolerance;
        bool Better(decimal other) => !Level(other) && (lowerIsBetter ? other < value : other > value);
        bool Worse(decimal other) => !Level(other) && (lowerIsBetter ? other > value : other < value);
        var better = values.Where(x => Better(x.Value)).OrderBy(x => Math.Abs(x.Value - value)).ThenBy(x => x.Name, StringComparer.Ordinal).Select(x => ((string, decimal)?)x).FirstOrDefault();
        var worse = values.Where(x => Worse(x.Value)).OrderBy(x => Math.Abs(x.Value - value)).ThenBy(x => x.Name, StringComparer.Ordinal).Select(x => ((string, decimal)?)x).FirstOrDefault();
        var same = values.Where(x => Level(x.Value)).Select(x => x.Name).Order(StringComparer.Ordinal).FirstOrDefault();
        return new PeerStanding(values.Count(x => Worse(x.Value)), values.Count(x => Level(x.Value)), values.Count, better, worse, same);
    }

    /// <summary>Peers that arrived, left or changed since <paramref name="before"/>, for history lines.</summary>
    public (IReadOnlyList<string> Arrived, IReadOnlyList<string> Left, IReadOnlyList<string> Changed) Since(PeerSnapshot before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var old = before.Peers.ToDictionary(p => p.Slug);
        var now = Peers.ToDictionary(p => p.Slug);
        return (
            [.. Peers.Where(p => !old.ContainsKey(p.Slug) && p.CanBePicked).Select(p => p.Name)],
            [.. before.Peers.Where(p => p.CanBePicked && (!now.TryGetValue(p.Slug, out var n) || !n.CanBePicked)).Select(p => p.Name)],
            [.. Peers.Where(p => old.TryGetValue(p.Slug, out var o) && Json(o) != Json(p) && p.CanBePicked).Select(p => p.Name)]);
    }

    // One score per peer per benchmark: the most trusted relation first, then the highest figure.
    private Dictionary<string, List<(PeerSummary Peer, decimal Score)>> IndexScores()
    {
        var index = new Dictionary<string, List<(PeerSummary, decimal)>>(StringComparer.Ordinal);
        foreach (var peer in Peers.Where(p => p.CanBePicked))
        {
            foreach (var group in peer.Scores.GroupBy(s => s.Benchmark))
            {
                var best = group.OrderByDescending(s => RelationRank(s.Relation)).ThenByDescending(s => s.Score).First();
                if (!index.TryGetValue(group.Key, out var list))
                {
                    index[group.Key] = list = [];
                }

                list.Add((peer, best.Score));
            }
        }

        return index;
    }

    private static int RelationRank(string relation) => relation switch
    {
        EvaluatorRelation.Independent => 3,
        EvaluatorRelation.RivalVendor => 2,
        EvaluatorRelation.Vendor => 1,
        _ => 0,
    };

    private static string Json(PeerSummary summary) => JsonSerializer.Serialize(summary, _json);

    private static string VersionOf(string category, IReadOnlyList<PeerSummary> peers, IReadOnlyList<GpuOption> gpus, IReadOnlyDictionary<string, string> names)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { category, peers, gpus, names }, _json);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
    }
}
