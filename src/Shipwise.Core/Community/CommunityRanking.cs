namespace Shipwise.Core.Community;

/// <summary>A tool that can be ranked, identified by its database id.</summary>
public sealed record RankingCandidate(long Id, string Slug, string Name);

/// <summary>Readers picked <paramref name="WinnerId"/> over <paramref name="LoserId"/> this many times.</summary>
public readonly record struct PickCount(long WinnerId, long LoserId, int Count);

/// <summary>When a ranking is solid enough to stop calling it provisional.</summary>
/// <param name="MinimumPicks">Counted picks among the category's tools before the ranking as a whole is more than provisional.</param>
/// <param name="MinimumPicksPerTool">Picks involving a tool before its own place is more than provisional.</param>
public sealed record RankingRules(int MinimumPicks = 50, int MinimumPicksPerTool = 10);

/// <summary>A ranked tool: its fitted log-strength and the chance of being picked over an average tool of the category, with 95 % intervals.</summary>
public sealed record RankedTool(
    int Rank, RankingCandidate Tool, double Strength, double StandardError, double Lower, double Upper,
    double PickChance, double PickChanceLower, double PickChanceUpper, int Picks, int Wins, bool Provisional);

/// <summary>The community ranking of one category's tools from readers' pair picks.</summary>
/// <param name="Ranked">Tools with at least one pick, strongest first.</param>
/// <param name="Unranked">Tools nobody has picked between yet.</param>
/// <param name="Connected">Every ranked tool is linked to every other through picks; otherwise some groups are only compared through the prior.</param>
public sealed record CommunityRanking(IReadOnlyList<RankedTool> Ranked, IReadOnlyList<RankingCandidate> Unranked, int Picks, bool Connected, bool Provisional, RankingRules Rules)
{
    public static CommunityRanking Build(IReadOnlyList<RankingCandidate> candidates, IEnumerable<PickCount> picks, RankingRules? rules = null, BradleyTerryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(picks);
        rules ??= new RankingRules();
        var byId = candidates.ToDictionary(c => c.Id);
        var counted = picks.Where(p => p.Count > 0 && p.WinnerId != p.LoserId && byId.ContainsKey(p.WinnerId) && byId.ContainsKey(p.LoserId)).ToList();

        // Only tools with picks enter the fit: a tool nobody compared would sit at the prior's
        // average with a huge interval, which says nothing and makes the matrix larger.
        var involved = counted.SelectMany(p => new[] { p.WinnerId, p.LoserId }).Distinct().Order().ToList();
        var index = involved.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var fit = BradleyTerry.Fit(involved.Count, counted.Select(p => new PairOutcome(index[p.WinnerId], index[p.LoserId], p.Count)), options);
        var provisional = fit.Comparisons < rules.MinimumPicks || !fit.Connected;
        var ranked = fit.Items
            .OrderByDescending(item => item.Strength)
            .ThenBy(item => byId[involved[item.Index]].Slug, StringComparer.Ordinal)
            .Select((item, position) => new RankedTool(
                position + 1, byId[involved[item.Index]], item.Strength, item.StandardError, item.Lower, item.Upper,
                item.PickChance, item.PickChanceLower, item.PickChanceUpper, item.Comparisons, item.Wins,
                provisional || item.Comparisons < rules.MinimumPicksPerTool))
            .ToList();
        var unranked = candidates.Where(c => !index.ContainsKey(c.Id)).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Slug, StringComparer.Ordinal).ToList();
        return new CommunityRanking(ranked, unranked, fit.Comparisons, fit.Connected, provisional, rules);
    }
}
