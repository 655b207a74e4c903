using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Peers;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Tests.Panel;

public class CriterionScorerTests
{
    private static ReviewInputs Inputs(Tool tool, PeerSnapshot? peers = null) =>
        new(tool, peers ?? DemoPanel.PeersWith(tool), DemoPanel.Today, tool.Slug);

    [Fact]
    public void Scorer_keys_are_unique_and_include_the_documented_set()
    {
        var keys = CriterionScorers.All.Select(s => s.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        string[] expected =
        [
            "quality-vs-peers", "evidence-independence", "fact-verification", "price-at-volume", "unit-price", "first-try-cost",
            "self-host-cost", "fits-hardware", "runtime-support", "offerings-choice", "api-integration", "serving-features",
            "platform-reach", "context-length", "modality-breadth", "speed", "recency", "limits-and-sla", "data-handling",
            "residency-compliance", "licence-terms",
        ];
        Assert.Equal(expected.Order(), keys.Order());
    }

    [Fact]
    public void Scorers_stay_within_0_to_100_and_cite_only_the_facts_they_declare()
    {
        var rng = new Random(61);
        var tools = DemoPanel.Tools.Concat(Enumerable.Range(0, 300).Select(i => SyntheticTools.Random(rng, i)));
        foreach (var tool in tools)
        {
            var inputs = Inputs(tool, DemoPanel.PeersOf(tool));
            foreach (var scorer in CriterionScorers.All)
            {
                if (scorer.Score(inputs) is not { } outcome)
                {
                    continue;
                }

                Assert.InRange(outcome.Score, 0, 100);
                Assert.NotEmpty(outcome.Facts);
                Assert.All(outcome.Facts, f => Assert.True(scorer.Reads.Contains(f.Name), $"{scorer.Key} cited {f.Name} on {tool.Slug}"));
                Assert.All(outcome.Facts, f => Assert.Contains(f.Cited.Path, FactPaths.All(tool)));
            }
        }
    }

    [Fact]
    public void With_no_facts_every_scorer_reports_no_evidence()
    {
        var inputs = Inputs(SyntheticTools.Bare());
        Assert.All(CriterionScorers.All, s => Assert.Null(s.Score(inputs)));
        Assert.Empty(FactPaths.All(SyntheticTools.Bare()));
    }

    [Theory]
    [InlineData("MIT")]
    [InlineData("Apache-2.0")]
    [InlineData("GPL-3.0-or-later")]
    [InlineData("AGPL-3.0-only")]
    [InlineData("CC-BY-NC-4.0")]
    [InlineData("BUSL-1.1")]
    [InlineData("LicenseRef-llama-3.1")]
    [InlineData("Unknown-1.0")]
    public void Proprietary_is_the_least_open_licence(string license) =>
        Assert.True(LicenceClass.Score(license) > LicenceClass.Score("proprietary"));

    [Fact]
    public void Price_at_volume_never_rises_with_the_price()
    {
        var scorer = CriterionScorers.Find("price-at-volume")!;
        var rng = new Random(67);
        var api = SyntheticTools.HostedApi();
        for (var run = 0; run < 300; run++)
        {
            var input = Math.Round((decimal)(rng.NextDouble() * 20), 2) + 0.01m;
            var output = input * (1 + rng.Next(0, 6));
            Tool Priced(decimal factor) => api with
            {
                Facts = api.Facts with { Pricing = SyntheticTools.Fact(new Pricing { Model = "usage-based", InputPerMillionTokensUsd = input * factor, OutputPerMillionTokensUsd = output * factor }) },
            };
            double? Score(Tool tool) => scorer.Score(Inputs(tool))?.Score;
            Assert.True(Score(Priced(2)) <= Score(Priced(1)), $"${input}/${output}");
        }
    }

    [Fact]
    public void Vendor_run_evaluations_count_for_less_than_independent_ones()
    {
        var critic = PanelCritics.Get("skeptic").CriteriaFor("api").Single(c => c.Key == "quality-vs-peers");
        var best = SyntheticTools.BestCaseApi(DemoPanel.Today);
        EvaluatedCriterion Quality(string relation) => CriterionEvaluation.Evaluate(critic, Inputs(best with
        {
            Facts = best.Facts with { Evaluations = [.. best.Facts.Evaluations.Select(e => e with { Relation = relation })] },
        }));
        var (independent, vendor, rival) = (Quality(EvaluatorRelation.Independent), Quality(EvaluatorRelation.Vendor), Quality(EvaluatorRelation.RivalVendor));
        Assert.True(independent.Result.EvidenceWeight > rival.Result.EvidenceWeight);
        Assert.True(rival.Result.EvidenceWeight > vendor.Result.EvidenceWeight);
        Assert.True(independent.Result.Score > vendor.Result.Score, $"{independent.Result.Score} vs {vendor.Result.Score}");
    }

    [Fact]
    public void A_vendor_claim_pulls_a_sub_score_less_far_from_neutral()
    {
        var criterion = PanelCritics.Get("counsel").CriteriaFor("model").Single(c => c.Key == "licence-terms");
        var raw = CriterionScorers.Find("licence-terms")!.Score(Inputs(SyntheticTools.Bare(facts: new ToolFacts { License = SyntheticTools.Fact("MIT") })))!.Score;
        int? Scored(FactStatus status) => CriterionEvaluation.Evaluate(
            criterion, Inputs(SyntheticTools.Bare(facts: new ToolFacts { License = SyntheticTools.Fact("MIT", status) }))).Result.Score;
        int Expected(double trust) => (int)Math.Round(50 + ((raw - 50) * trust), MidpointRounding.AwayFromZero);
        Assert.Equal(Expected(1.0), Scored(FactStatus.Verified));
        Assert.Equal(Expected(0.7), Scored(FactStatus.VendorClaim));
        Assert.Equal(Expected(0.4), Scored(FactStatus.Unverified));
        Assert.True(raw > 50);
    }

    [Fact]
    public void A_rescaled_index_is_ranked_only_within_its_version()
    {
        var tool = SyntheticTools.BestCaseApi(DemoPanel.Today);
        var peers = DemoPanel.PeersWith(tool);
        var v5 = peers.Rank(tool.Slug, "aa-intelligence-index@v5", 70, lowerIsBetter: false);
        var v2 = peers.Rank(tool.Slug, "aa-intelligence-index@v2", 70, lowerIsBetter: false);
        int Reporting(string version) => DemoPanel.Tools.Count(t => t.Category == tool.Category
            && (t.Facts.Lifecycle?.Value.Status ?? LifecycleStatus.Active) is not (LifecycleStatus.Retired or LifecycleStatus.Unconfirmed)
            && t.Facts.Evaluations.Any(e => e.Benchmark == "aa-intelligence-index" && e.Version == version));
        Assert.Equal(Reporting("v5") + 1, v5?.Of);
        Assert.Equal(Reporting("v2") + 1, v2?.Of);
        Assert.NotEqual(v5!.Of, v2!.Of);
        Assert.Null(peers.Rank(tool.Slug, "aa-intelligence-index@v9", 70, lowerIsBetter: false));
    }

    [Fact]
    public void Fact_paths_list_what_is_on_the_tool()
    {
        var paths = FactPaths.All(SyntheticTools.OpenModel());
        Assert.Contains("facts.license", paths);
        Assert.Contains("facts.evaluations[0]", paths);
        Assert.Contains("facts.evaluations[1]", paths);
        Assert.Contains("releaseDate", paths);
        Assert.DoesNotContain("facts.uptimeSla", paths);
        Assert.DoesNotContain("facts.evaluations[2]", paths);
    }

    [Fact]
    public void Docs_describe_every_scorer()
    {
        var docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "panel.md"));
        Assert.All(CriterionScorers.All, s => Assert.Contains($"| `{s.Key}` |", docs));
    }
}
