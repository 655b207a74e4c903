using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Peers;

/// <summary>Peers of similar quality on one test (<see cref="PeerSnapshot.SimilarQuality"/>), by slug.</summary>
public sealed record PeerBand(string Benchmark, IReadOnlySet<string> Slugs);

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

    private readonly Lazy<Dictionary<string, SortedPeers>> _byBenchmark;
    private readonly Lazy<Dictionary<string, PeerSummary>> _bySlug;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Func<PeerSummary, decimal?>, SortedPeers> _measures = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SortedPeers> _unitPrices = new(StringComparer.Ordinal);
    private readonly Lazy<SortedDictionary<(string Kind, string License), LicenceGroup>> _byLicence;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Kind, string Question), Answers> _answers = new();

    [JsonConstructor]
    public PeerSnapshot(string category, IReadOnlyList<PeerSummary> peers, IReadOnlyList<GpuOption> gpus, IReadOnlyDictionary<string, string>? names = null)
    {
        Category = category;
        Peers = peers;
        Gpus = gpus;
        Names = names ?? new SortedDictionary<string, string>(StringComparer.Ordinal);
        Version = VersionOf(category, peers, gpus, Names);
        _byBenchmark = new(IndexScores);
        _bySlug = new(() => Peers.GroupBy(p => p.Slug, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));
        _byLicence = new(() => new(Peers.Where(p => p.CanBePicked && p.License is not null).OrderBy(p => p.Slug, StringComparer.Ordinal)
            .GroupBy(p => (p.Kind, License: p.License!)).ToDictionary(g => g.Key, g => new LicenceGroup(g)), KindLicenceOrder.Instance));
    }

    /// <summary>Names of tools the category's members point at (successors in other categories), by slug.</summary>
    public IReadOnlyDictionary<string, string> Names { get; }

    /// <summary>A tool's name for a sentence: a peer's, a named successor's, or the slug itself.</summary>
    public string NameOf(string slug) =>
        _bySlug.Value.GetValueOrDefault(slug)?.Name ?? Names.GetValueOrDefault(slug) ?? slug;

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

    /// <summary>How the tool ranks on a benchmark among the peers that report it; null when fewer than two others do.</summary>
    public PeerRank? Rank(string slug, string benchmark, decimal score, bool lowerIsBetter)
    {
        if (!_byBenchmark.Value.TryGetValue(benchmark, out var s))
        {
            return null;
        }

        var self = s.SelfIndex(slug);
        var n = s.Others(self);
        if (n < 2)
        {
            return null;
        }

        var (lo, hi) = (s.LowerBound(score), s.UpperBound(score));
        var below = SortedPeers.Between(0, lo, self);
        var above = SortedPeers.Between(hi, s.Count, self);
        var better = lowerIsBetter ? below : above;
        (string Name, decimal Score)? leader = better == 0 ? null
            : lowerIsBetter ? s.At(self == 0 ? 1 : 0) : s.At(self == s.Count - 1 ? s.Count - 2 : s.Count - 1);
        var nextAbove = lowerIsBetter ? s.Below(lo, self) : s.Above(hi, self);
        var nextBelow = lowerIsBetter ? s.Above(hi, self) : s.Below(lo, self);

        // The median of the peers and the tool together.
        var k = (n + 1) / 2;
        var median = k < below ? s.KthOther(k, self) : k == below ? score : s.KthOther(k - 1, self);
        return new PeerRank(benchmark, better + 1, n + 1, leader, nextAbove, nextBelow, median);
    }

    /// <summary>The median of a measure over the other pickable peers that have it (or only those in <paramref name="among"/>), with how many there were.</summary>
    public (decimal Median, int Count)? Median(string slug, Func<PeerSummary, decimal?> measure, PeerBand? among = null)
    {
        ArgumentNullException.ThrowIfNull(measure);
        if (among is not null)
        {
            var values = Members(among, slug).Select(measure).OfType<decimal>().Order().ToList();
            return values.Count < 2 ? null : (values[values.Count / 2], values.Count);
        }

        return Median(slug, Sorted(measure));
    }

    /// <summary>The median price per <paramref name="unit"/> (image, second of video...) over the other pickable peers that have one.</summary>
    public (decimal Median, int Count)? UnitPriceMedian(string slug, string unit) =>
        Median(slug, _unitPrices.GetOrAdd(unit, u => Index(p => p.UnitPrices.TryGetValue(u, out var v) ? v : null)));

    private static (decimal Median, int Count)? Median(string slug, SortedPeers s)
    {
        var self = s.SelfIndex(slug);
        var n = s.Others(self);
        return n < 2 ? null : (s.KthOther(n / 2, self), n);
    }

    /// <summary>Most similar in quality: peers within <see cref="SimilarBand"/> of the tool's score on one test, the nearest first, at most <see cref="SimilarMax"/>.</summary>
    public const decimal SimilarBand = 0.1m;

    public const int SimilarMax = 24;

    /// <summary>
    /// Peers of similar quality: within 10 % of the tool's score on the broadest test it shares
    /// with them (an index or arena first, else the most reported one), the nearest first and
    /// at most 24 of them. Null when no test is shared with at least three peers.
    /// </summary>
    public PeerBand? SimilarQuality(string slug, IEnumerable<(string Benchmark, decimal Score)> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var index = _byBenchmark.Value;
        var shared = scores
            .Where(x => index.TryGetValue(x.Benchmark, out var list) && list.Others(list.SelfIndex(slug)) >= 3)
            .OrderByDescending(x => x.Benchmark.Split('@')[0] is "aa-intelligence-index" or "lmarena-text" or "lmarena-text-to-image" or "lmarena-text-to-video" or "lmarena-vision")
            .ThenByDescending(x => index[x.Benchmark].Count)
            .ThenBy(x => x.Benchmark, StringComparer.Ordinal)
            .FirstOrDefault();
        if (shared.Benchmark is null || shared.Score <= 0)
        {
            return null;
        }

        var s = index[shared.Benchmark];
        var self = s.SelfIndex(slug);
        var width = shared.Score * SimilarBand;
        var near = new HashSet<string>(StringComparer.Ordinal);
        int left = s.LowerBound(shared.Score) - 1, right = left + 1;
        while (near.Count < SimilarMax)
        {
            left -= left == self ? 1 : 0;
            right += right == self ? 1 : 0;
            var takeLeft = left >= 0 && shared.Score - s.Value(left) <= width;
            var takeRight = right < s.Count && s.Value(right) - shared.Score <= width;
            if (!takeLeft && !takeRight)
            {
                break;
            }

            if (takeLeft && (!takeRight || shared.Score - s.Value(left) <= s.Value(right) - shared.Score))
            {
                near.Add(s.Slug(left--));
            }
            else
            {
                near.Add(s.Slug(right++));
            }
        }

        return new PeerBand(shared.Benchmark, near);
    }

    /// <summary>
    /// Where a value stands among the other pickable peers that have the measure (or only those in
    /// <paramref name="among"/>): how many it beats and ties, and the nearest peer on either side
    /// and level with it, by name, so a sentence can say "ahead of X, behind Y". Null with fewer
    /// than two peers to compare.
    /// </summary>
    /// <param name="level">How close (a share of the value) counts as level: 1M and 1,048,576 tokens are the same window to a reader.</param>
    public PeerStanding? Standing(string slug, decimal value, Func<PeerSummary, decimal?> measure, bool lowerIsBetter = false, PeerBand? among = null, decimal level = 0)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var s = among is null ? Sorted(measure) : new SortedPeers(Members(among, slug).Select(p => (p.Slug, p.Name, Value: measure(p))).Where(x => x.Value is not null).Select(x => (x.Slug, x.Name, x.Value!.Value)));
        var self = s.SelfIndex(slug);
        var n = s.Others(self);
        if (n < 2)
        {
            return null;
        }

        var tolerance = Math.Abs(value) * level;
        var (lo, hi) = (s.LowerBound(value - tolerance), s.UpperBound(value + tolerance));
        var below = SortedPeers.Between(0, lo, self);
        var ties = SortedPeers.Between(lo, hi, self);
        var above = SortedPeers.Between(hi, s.Count, self);
        // Of several peers at the same value, each tool names its own pick, so a crowd at 1M tokens is not always led by the same name.
        var seed = Scoring.Phrasing.Hash(slug);
        var (nearBelow, nearAbove) = (s.Below(lo, self, seed), s.Above(hi, self, seed));
        return lowerIsBetter
            ? new PeerStanding(above, ties, n, nearBelow, nearAbove, s.FirstName(lo, hi, self, seed))
            : new PeerStanding(below, ties, n, nearAbove, nearBelow, s.FirstName(lo, hi, self, seed));
    }

    /// <summary>
    /// Up to <paramref name="count"/> other pickable peers of the same kind under exactly this
    /// licence, picked by <paramref name="seed"/> so different tools name different ones.
    /// </summary>
    public IReadOnlyList<PeerSummary> SameLicence(string slug, string name, string kind, string license, int count, uint seed)
    {
        if (!_byLicence.Value.TryGetValue((kind, license), out var group))
        {
            return [];
        }

        var peers = group.Without(slug, name);
        // Neighbours in the list would pair the same two names in every review; a seeded stride pairs them differently.
        var stride = peers.Count <= 1 ? 1u : 1 + ((seed / 31) % (uint)(peers.Count - 1));
        return peers.Count == 0 ? [] : [.. Enumerable.Range(0, Math.Min(count, peers.Count)).Select(i => peers[(int)((seed + ((uint)i * stride)) % (uint)peers.Count)]).Distinct()];
    }

    /// <summary>One other pickable peer of the same kind whose licence passes <paramref name="test"/>, picked by <paramref name="seed"/>.</summary>
    public PeerSummary? LicencePeer(string slug, string kind, Func<string, bool> test, uint seed)
    {
        ArgumentNullException.ThrowIfNull(test);
        var licences = _byLicence.Value.Where(g => g.Key.Kind == kind && test(g.Key.License)).Select(g => g.Value).ToList();
        if (licences.Count == 0)
        {
            return null;
        }

        var group = licences[(int)(seed % (uint)licences.Count)].Without(slug);
        return group.Count == 0 ? null : group[(int)((seed / 7) % (uint)group.Count)];
    }

    /// <summary>
    /// Of the other pickable peers of one kind for which <paramref name="test"/> gives an answer
    /// (null: not on record), how many pass, with one that does, picked by <paramref name="seed"/>
    /// so different tools name different ones. Null with fewer than two peers on record.
    /// <paramref name="question"/> names the test ("dpa", "retention<30"): the answers are worked
    /// out once per kind and question, since a category of the 100,000-tool catalog holds thousands
    /// of peers and Counsel asks several questions per review (docs/benchmarks.md).
    /// </summary>
    public (int Yes, int Known, string? Example)? Count(string slug, string kind, string question, Func<PeerSummary, bool?> test, uint seed)
    {
        ArgumentNullException.ThrowIfNull(test);
        var answers = _answers.GetOrAdd((kind, question), key =>
        {
            var answered = Peers.Where(p => p.CanBePicked && p.Kind == key.Kind && test(p) is not null).ToArray();
            return new Answers(answered, [.. answered.Where(p => test(p) == true)]);
        });

        // The tool itself is not its own peer.
        var knownCount = answers.Known - (answers.KnownSlugs.Contains(slug) ? 1 : 0);
        var selfAt = answers.YesIndex.GetValueOrDefault(slug, -1);
        var yesCount = answers.Yes.Length - (selfAt >= 0 ? 1 : 0);
        if (knownCount < 2)
        {
            return null;
        }

        string? example = null;
        if (yesCount > 0)
        {
            var pick = (int)(seed % (uint)yesCount);
            example = answers.Yes[selfAt >= 0 && pick >= selfAt ? pick + 1 : pick].Name;
        }

        return (yesCount, knownCount, example);
    }

    /// <summary>The peers that answer one question, and those that answer yes, indexed by slug so a review finds itself at once.</summary>
    private sealed class Answers(PeerSummary[] known, PeerSummary[] yes)
    {
        public int Known { get; } = known.Length;
        public HashSet<string> KnownSlugs { get; } = new(known.Select(p => p.Slug), StringComparer.Ordinal);
        public PeerSummary[] Yes { get; } = yes;
        public Dictionary<string, int> YesIndex { get; } = yes.Select((p, i) => (p.Slug, i)).DistinctBy(x => x.Slug, StringComparer.Ordinal).ToDictionary(x => x.Slug, x => x.i, StringComparer.Ordinal);
    }

    private static readonly Func<PeerSummary, decimal?> s_size = static p => p.License is null ? null : p.TotalBillions;

    /// <summary>
    /// Up to two licensed peers nearest in total parameters, for "the alternatives of its size and
    /// their licences": one of the same size when there is one (picked by <paramref name="seed"/>),
    /// then outwards from its size, the closer side first. Logarithmic, from the cached size index.
    /// </summary>
    public IReadOnlyList<PeerSummary> NearestInSize(string slug, decimal totalBillions, uint seed)
    {
        var s = Sorted(s_size);
        var self = s.SelfIndex(slug);
        var (lo, hi) = (s.LowerBound(totalBillions), s.UpperBound(totalBillions));
        var picks = new List<int>(3);
        if (SortedPeers.Between(lo, hi, self) > 0)
        {
            var k = lo + (int)(seed % (uint)SortedPeers.Between(lo, hi, self));
            picks.Add(self >= lo && k >= self ? k + 1 : k);
        }

        // Then outwards from the tool's size, the closer side first.
        var (below, above) = (lo - 1, hi);
        while (picks.Count < 2)
        {
            below -= below == self ? 1 : 0;
            above += above == self ? 1 : 0;
            var downFirst = below >= 0 && (above >= s.Count || totalBillions - s.Value(below) <= s.Value(above) - totalBillions);
            if (downFirst)
            {
                picks.Add(below--);
            }
            else if (above < s.Count)
            {
                picks.Add(above++);
            }
            else
            {
                break;
            }
        }

        return [.. picks.Select(i => _bySlug.Value[s.Slug(i)])];
    }

    // Measures are cached by delegate: pass a static lambda (one that captures nothing), or the index is rebuilt per call.
    private SortedPeers Sorted(Func<PeerSummary, decimal?> measure) => _measures.GetOrAdd(measure, Index);

    private SortedPeers Index(Func<PeerSummary, decimal?> measure) =>
        new(Peers.Where(p => p.CanBePicked).Select(p => (p.Slug, p.Name, Value: measure(p))).Where(x => x.Value is not null).Select(x => (x.Slug, x.Name, x.Value!.Value)));

    private IEnumerable<PeerSummary> Members(PeerBand band, string slug) =>
        band.Slugs.Where(x => x != slug).Select(x => _bySlug.Value.GetValueOrDefault(x)).OfType<PeerSummary>().Where(p => p.CanBePicked);

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
    private Dictionary<string, SortedPeers> IndexScores()
    {
        var index = new Dictionary<string, List<(string, string, decimal)>>(StringComparer.Ordinal);
        foreach (var peer in Peers.Where(p => p.CanBePicked))
        {
            foreach (var group in peer.Scores.GroupBy(x => x.Benchmark))
            {
                var best = group.OrderByDescending(x => RelationRank(x.Relation)).ThenByDescending(x => x.Score).First();
                if (!index.TryGetValue(group.Key, out var list))
                {
                    index[group.Key] = list = [];
                }

                list.Add((peer.Slug, peer.Name, best.Score));
            }
        }

        return index.ToDictionary(x => x.Key, x => new SortedPeers(x.Value), StringComparer.Ordinal);
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

/// <summary>Kind, then licence, in ordinal order: the order licence peers are picked in.</summary>
internal sealed class KindLicenceOrder : IComparer<(string Kind, string License)>
{
    public static readonly KindLicenceOrder Instance = new();

    public int Compare((string Kind, string License) x, (string Kind, string License) y)
    {
        var kind = string.CompareOrdinal(x.Kind, y.Kind);
        return kind != 0 ? kind : string.CompareOrdinal(x.License, y.License);
    }
}
