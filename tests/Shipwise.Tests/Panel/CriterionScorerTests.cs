using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Tests.Panel;

public class CriterionScorerTests
{
    [Fact]
    public void Scorer_keys_are_unique_and_include_the_documented_set()
    {
        var keys = CriterionScorers.All.Select(s => s.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        string[] expected =
        [
            "licence-openness", "open-weights", "self-hostable", "runtime-breadth", "on-device-fit", "price-per-token", "free-entry",
            "context-length", "multimodality", "creative-modalities", "benchmark-evidence", "third-party-evidence",
            "competition-pressure", "recency", "uptime-sla", "support-depth", "data-residency", "certifications", "latency",
        ];
        Assert.All(expected, key => Assert.Contains(key, keys));
    }

    [Fact]
    public void Scorers_read_only_the_facts_they_declare_and_stay_within_0_to_100()
    {
        var rng = new Random(61);
        for (var run = 0; run < 500; run++)
        {
            var view = FactView.Of(SyntheticTools.Random(rng, run));
            foreach (var scorer in CriterionScorers.All)
            {
                var full = scorer.Score(view, SyntheticTools.Today);
                var masked = scorer.Score(view.Only(scorer.Reads), SyntheticTools.Today);
                Assert.Equal(full?.Score, masked?.Score);
                Assert.Equal(full?.Facts.Select(f => f.Cited), masked?.Facts.Select(f => f.Cited));
                if (full is not null)
                {
                    Assert.InRange(full.Score, 0, 100);
                    Assert.NotEmpty(full.Facts);
                    Assert.All(full.Facts, f => Assert.Contains(f.Name, scorer.Reads));
                }
            }
        }
    }

    [Fact]
    public void With_no_facts_every_scorer_reports_no_evidence()
    {
        var view = FactView.Of(SyntheticTools.Bare());
        Assert.All(CriterionScorers.All, s => Assert.Null(s.Score(view, SyntheticTools.Today)));
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
    public void Licence_families_rank_by_obligations()
    {
        Assert.True(LicenceClass.Score("Apache-2.0") > LicenceClass.Score("MPL-2.0"));
        Assert.True(LicenceClass.Score("MPL-2.0") > LicenceClass.Score("GPL-3.0-only"));
        Assert.True(LicenceClass.Score("GPL-3.0-only") > LicenceClass.Score("AGPL-3.0-only"));
        Assert.True(LicenceClass.Score("LicenseRef-custom") > LicenceClass.Score("CC-BY-NC-4.0"));
    }

    [Fact]
    public void Price_per_token_never_rises_with_the_price()
    {
        var scorer = new PricePerTokenScorer();
        var rng = new Random(67);
        for (var run = 0; run < 1000; run++)
        {
            var pricing = SyntheticTools.RandomPricing(rng);
            var dearer = pricing with
            {
                InputPerMillionTokensUsd = pricing.InputPerMillionTokensUsd * 2 + 0.01m,
                OutputPerMillionTokensUsd = pricing.OutputPerMillionTokensUsd * 2 + 0.01m,
                MonthlyUsd = pricing.MonthlyUsd * 2 + 1,
            };
            double? Score(Pricing p) => scorer.Score(FactView.Of(SyntheticTools.Bare(facts: new ToolFacts { Pricing = SyntheticTools.Fact(p) })), SyntheticTools.Today)?.Score;
            Assert.True(Score(dearer) <= Score(pricing), $"{PricingRead.Describe(pricing)}");
        }
    }

    [Fact]
    public void Vendor_run_benchmarks_count_for_less_than_independent_ones()
    {
        var scorer = new BenchmarkEvidenceScorer();
        double Score(string author) => scorer.Score(
            FactView.Of(SyntheticTools.Bare(facts: new ToolFacts { Evaluations = [SyntheticTools.Benchmark("MMLU", 80, author)] })),
            SyntheticTools.Today)!.Score;
        Assert.True(Score("third-party") > Score("vendor"));
    }

    [Fact]
    public void A_vendor_claim_pulls_a_sub_score_less_far_from_neutral()
    {
        var critic = PanelCritics.Get("counsel").Criteria.Single(c => c.Key == "licence-openness");
        int? Scored(FactStatus status) => CriterionEvaluation.Evaluate(
            critic, FactView.Of(SyntheticTools.Bare(facts: new ToolFacts { License = SyntheticTools.Fact("MIT", status) })), SyntheticTools.Today).Result.Score;
        Assert.Equal(95, Scored(FactStatus.Verified));
        Assert.Equal(82, Scored(FactStatus.VendorClaim));   // 50 + 45 × 0.7 = 81.5, rounded away from zero
        Assert.Equal(68, Scored(FactStatus.Unverified));    // 50 + 45 × 0.4
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

    [Fact]
    public void The_worked_example_in_the_docs_matches_the_reviewer()
    {
        var review = new EvidenceReviewer().Review(SyntheticTools.HostedApi(), PanelCritics.Get("counsel"), SyntheticTools.Today);
        Assert.Equal(37, review.Score);
        Assert.Equal([22, 61, 64, 0], review.Criteria.Select(c => c.Score!.Value));
        Assert.Equal(0.7375, ReviewScore.Coverage(review.Criteria));
    }
}
