using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;

namespace Shipwise.Tests.Panel;

public class ReviewValidatorTests
{
    private static readonly Tool _tool = SyntheticTools.HostedApi();
    private static readonly Shipwise.Core.Panel.Critics.Critic _critic = PanelCritics.Get("futurist");
    private static readonly string _body = string.Join(" ", Enumerable.Repeat("The trend line favours tools that run where the data already lives.", 5));

    private static ReviewCandidate Good() => new(40, Verdict.Skip, "Behind the curve for now.", _body, ["facts.license", "facts.evaluations[0]"]);

    private static IReadOnlyList<ValidationError> Validate(ReviewCandidate candidate) => ReviewValidator.Validate(candidate, _critic, _tool);

    private static void AssertRejected(ReviewCandidate candidate, string field)
    {
        var errors = Validate(candidate);
        Assert.True(errors.Any(e => e.Path == field), $"expected an error on {field}, got: {string.Join("; ", errors)}");
    }

    [Fact]
    public void A_sound_candidate_passes() => Assert.Empty(Validate(Good()));

    [Fact]
    public void No_take_with_no_score_and_no_citations_passes() =>
        Assert.Empty(Validate(Good() with { Score = null, Verdict = Verdict.NoTake, CitedFactPaths = [] }));

    [Theory]
    [InlineData(101)]
    [InlineData(-1)]
    public void A_score_outside_0_to_100_is_rejected(int score) =>
        AssertRejected(Good() with { Score = score, Verdict = score >= _critic.ShipBar ? Verdict.Ship : Verdict.Skip }, "score");

    [Fact]
    public void A_verdict_that_contradicts_the_score_is_rejected()
    {
        AssertRejected(Good() with { Score = _critic.ShipBar - 1, Verdict = Verdict.Ship }, "verdict");
        AssertRejected(Good() with { Score = _critic.ShipBar, Verdict = Verdict.Skip }, "verdict");
        Assert.Empty(Validate(Good() with { Score = _critic.ShipBar, Verdict = Verdict.Ship }));
    }

    [Fact]
    public void No_take_must_have_no_score_and_a_side_must_have_one()
    {
        AssertRejected(Good() with { Score = 40, Verdict = Verdict.NoTake }, "score");
        AssertRejected(Good() with { Score = null, Verdict = Verdict.Ship }, "score");
    }

    [Theory]
    [InlineData("facts.uptimeSla.value")]
    [InlineData("facts.parameters")]
    [InlineData("facts.evaluations[1]")]
    [InlineData("description")]
    public void Citing_a_fact_the_tool_does_not_have_is_rejected(string path) =>
        AssertRejected(Good() with { CitedFactPaths = ["facts.license", path] }, "citedFacts[1]");

    [Fact]
    public void A_side_without_citations_is_rejected() =>
        AssertRejected(Good() with { CitedFactPaths = [] }, "citedFacts");

    [Fact]
    public void Banned_phrases_are_rejected_whatever_their_case_or_spacing()
    {
        AssertRejected(Good() with { Body = _body + " A real PARADIGM   shift." }, "body");
        AssertRejected(Good() with { Summary = "Skip: not the Future Of anything." }, "summary");
    }

    [Fact]
    public void Length_limits_are_enforced()
    {
        AssertRejected(Good() with { Summary = "" }, "summary");
        AssertRejected(Good() with { Summary = new string('a', ReviewLimits.MaxSummaryLength + 1) }, "summary");
        AssertRejected(Good() with { Body = "Too short to be a review." }, "body");
        AssertRejected(Good() with { Body = new string('a', ReviewLimits.MaxBodyLength + 1) }, "body");
        Assert.Empty(Validate(Good() with { Summary = new string('a', ReviewLimits.MaxSummaryLength), Body = new string('a', ReviewLimits.MinBodyLength) }));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var errors = Validate(new ReviewCandidate(150, Verdict.NoTake, "", "short", ["nope"]));
        Assert.Equal(["score", "score", "summary", "body", "citedFacts[0]"], errors.Select(e => e.Path));
    }
}
