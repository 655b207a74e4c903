using Shipwise.Core.Community;
using Shipwise.Core.Compare;
using Shipwise.Core.Panel;

namespace Shipwise.Tests.Community;

public class CommunityRankingTests
{
    private static readonly RankingCandidate Alpha = new(1, "alpha", "Alpha");
    private static readonly RankingCandidate Beta = new(2, "beta", "Beta");
    private static readonly RankingCandidate Gamma = new(3, "gamma", "Gamma");
    private static readonly RankingCandidate Delta = new(4, "delta", "Delta");

    [Fact]
    public void Tools_are_ranked_by_strength_and_unpicked_tools_listed_apart()
    {
        var ranking = CommunityRanking.Build(
            [Alpha, Beta, Gamma, Delta],
            [new PickCount(2, 1, 30), new PickCount(1, 2, 10), new PickCount(2, 3, 25), new PickCount(3, 2, 15), new PickCount(1, 3, 20), new PickCount(3, 1, 20)],
            new RankingRules(MinimumPicks: 100, MinimumPicksPerTool: 10));

        // Beta beat both; Gamma did better against Beta than Alpha did, and drew with Alpha.
        Assert.Equal(["beta", "gamma", "alpha"], ranking.Ranked.Select(r => r.Tool.Slug));
        Assert.Equal([1, 2, 3], ranking.Ranked.Select(r => r.Rank));
        Assert.Equal([Delta], ranking.Unranked);
        Assert.Equal(120, ranking.Picks);
        Assert.True(ranking.Connected);
        Assert.False(ranking.Provisional);
        Assert.All(ranking.Ranked, r => Assert.True(r.PickChanceLower < r.PickChance && r.PickChance < r.PickChanceUpper));
        Assert.Equal(55, ranking.Ranked[0].Wins);
        Assert.Equal(80, ranking.Ranked[0].Picks);
    }

    [Fact]
    public void Too_few_picks_or_a_split_graph_is_provisional()
    {
        var few = CommunityRanking.Build([Alpha, Beta], [new PickCount(1, 2, 3)], new RankingRules(MinimumPicks: 50, MinimumPicksPerTool: 10));
        Assert.True(few.Provisional);
        Assert.All(few.Ranked, r => Assert.True(r.Provisional));

        var split = CommunityRanking.Build([Alpha, Beta, Gamma, Delta], [new PickCount(1, 2, 40), new PickCount(3, 4, 40)], new RankingRules(MinimumPicks: 50, MinimumPicksPerTool: 10));
        Assert.False(split.Connected);
        Assert.True(split.Provisional);

        var thin = CommunityRanking.Build([Alpha, Beta, Gamma], [new PickCount(1, 2, 60), new PickCount(2, 1, 40), new PickCount(3, 1, 2)], new RankingRules(MinimumPicks: 50, MinimumPicksPerTool: 10));
        Assert.False(thin.Provisional);
        Assert.True(thin.Ranked.Single(r => r.Tool == Gamma).Provisional);
        Assert.False(thin.Ranked.Single(r => r.Tool == Beta).Provisional);
    }

    [Fact]
    public void Picks_naming_tools_outside_the_category_are_ignored()
    {
        var ranking = CommunityRanking.Build([Alpha, Beta], [new PickCount(1, 2, 5), new PickCount(1, 99, 50)]);
        Assert.Equal(5, ranking.Picks);
        Assert.Equal(2, ranking.Ranked.Count);
    }

    [Theory]
    [InlineData(Verdict.Ship, 10, 30, 20, "The panel says ship Alpha, but readers disagree: 25 % of 40 votes would ship it.")]
    [InlineData(Verdict.Skip, 30, 10, 20, "The panel says skip Alpha, but readers disagree: 75 % of 40 votes would ship it.")]
    [InlineData(Verdict.Ship, 30, 10, 20, null)]
    [InlineData(Verdict.Skip, 10, 30, 20, null)]
    [InlineData(Verdict.Ship, 20, 20, 20, null)]
    [InlineData(Verdict.Ship, 1, 9, 20, null)]
    [InlineData(Verdict.NoTake, 1, 30, 20, null)]
    public void Disagreement_is_stated_only_with_enough_votes_on_the_other_side(Verdict panel, int ships, int skips, int minimum, string? expected) =>
        Assert.Equal(expected, CommunityDisagreement.Describe("Alpha", panel, new CommunityFigure(ships, skips), minimum));

    [Fact]
    public void No_panel_verdict_or_no_votes_is_no_disagreement()
    {
        Assert.Null(CommunityDisagreement.Describe("Alpha", null, new CommunityFigure(0, 50), 20));
        Assert.Null(CommunityDisagreement.Describe("Alpha", Verdict.Ship, null, 20));
        Assert.Null(CommunityDisagreement.Describe("Alpha", Verdict.Ship, new CommunityFigure(0, 0), 0));
    }
}
