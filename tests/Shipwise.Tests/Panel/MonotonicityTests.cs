using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Peers;

namespace Shipwise.Tests.Panel;

/// <summary>Seeded-random property tests: better facts never make a critic think less of a tool.</summary>
public class MonotonicityTests
{
    private const int Runs = 400;
    private static readonly EvidenceReviewer _reviewer = new();
    private static readonly string[] _openLicences = ["MIT", "Apache-2.0", "BSD-3-Clause", "MPL-2.0", "LGPL-3.0-only", "GPL-3.0-only", "AGPL-3.0-only", "CC-BY-NC-4.0", "BUSL-1.1", "LicenseRef-community", "Some-Other-1.0"];

    private static PanelReview Review(Tool tool, string critic) =>
        _reviewer.Review(tool, PanelCritics.Get(critic), SyntheticTools.Today, PeerSnapshot.Build(tool.Category, [PeerSummary.Of(tool), .. _peers.Value]));

    /// <summary>A few fixed peers, so scorers that compare have something to compare with.</summary>
    private static readonly Lazy<IReadOnlyList<PeerSummary>> _peers = new(() =>
        [.. SyntheticTools.Catalog(seed: 99, count: 30).Select(PeerSummary.Of), .. DemoPanel.Tools.Where(t => t.Kind == "hardware").Select(PeerSummary.Of)]);

    private static Tool WithPricing(Tool tool, Pricing pricing, FactStatus status) =>
        tool with { Facts = tool.Facts with { Pricing = SyntheticTools.Fact(pricing, status) } };

    /// <summary>A score comparison that only means something when both reviews take a side.</summary>
    private static void AssertNotLower(PanelReview before, PanelReview after, string context)
    {
        Assert.Equal(before.Verdict == Verdict.NoTake, after.Verdict == Verdict.NoTake);
        if (before.Score is { } was)
        {
            Assert.True(after.Score >= was, $"{context}: {was} became {after.Score}");
        }
    }

    [Theory]
    [InlineData("founder")]
    [InlineData("operator")]
    public void A_lower_price_never_lowers_the_score(string critic)
    {
        var rng = new Random(17);
        for (var run = 0; run < Runs; run++)
        {
            var status = (FactStatus)rng.Next(3);
            var pricing = SyntheticTools.RandomPricing(rng);
            var factor = (decimal)rng.NextDouble();
            var cheaper = pricing with
            {
                InputPerMillionTokensUsd = pricing.InputPerMillionTokensUsd * factor,
                OutputPerMillionTokensUsd = pricing.OutputPerMillionTokensUsd * factor,
                MonthlyUsd = pricing.MonthlyUsd * factor,
            };
            var tool = SyntheticTools.Random(rng, run);
            AssertNotLower(
                Review(WithPricing(tool, pricing, status), critic),
                Review(WithPricing(tool, cheaper, status), critic),
                $"{critic}, {PricingRead.Describe(pricing)} -> {PricingRead.Describe(cheaper)}");
        }
    }

    [Fact]
    public void An_open_licence_never_scores_lower_than_proprietary_for_any_critic()
    {
        var rng = new Random(23);
        for (var run = 0; run < Runs; run++)
        {
            var tool = SyntheticTools.Random(rng, run);
            var status = (FactStatus)rng.Next(3);
            var open = _openLicences[rng.Next(_openLicences.Length)];
            var closedTool = tool with { Facts = tool.Facts with { License = SyntheticTools.Fact("proprietary", status) } };
            var openTool = tool with { Facts = tool.Facts with { License = SyntheticTools.Fact(open, status) } };
            foreach (var critic in PanelCritics.Set.All)
            {
                AssertNotLower(Review(closedTool, critic.Slug), Review(openTool, critic.Slug), $"{critic.Slug}: proprietary vs {open}");
            }
        }
    }

    [Fact]
    public void Counsel_scores_a_permissive_licence_above_proprietary_on_open_weights_but_not_on_an_api()
    {
        Tool Licensed(Tool tool, string licence) => tool with { Facts = tool.Facts with { License = SyntheticTools.Fact(licence) } };
        var model = SyntheticTools.OpenModel();
        Assert.True(Review(Licensed(model, "Apache-2.0"), "counsel").Score > Review(Licensed(model, "proprietary"), "counsel").Score);

        // A hosted API is judged on what happens to your data, not on its weights' licence.
        var api = SyntheticTools.HostedApi();
        Assert.Equal(Review(Licensed(api, "proprietary"), "counsel").Score, Review(Licensed(api, "Apache-2.0"), "counsel").Score);
    }

    [Fact]
    public void Better_status_never_means_less_evidence_weight_or_coverage()
    {
        var rng = new Random(31);
        for (var run = 0; run < Runs / 4; run++)
        {
            var tool = SyntheticTools.Random(rng, run);
            foreach (var critic in PanelCritics.Set.All)
            {
                var verified = Review(WithAllStatuses(tool, FactStatus.Verified), critic.Slug);
                var claimed = Review(WithAllStatuses(tool, FactStatus.VendorClaim), critic.Slug);
                var unverified = Review(WithAllStatuses(tool, FactStatus.Unverified), critic.Slug);
                foreach (var (v, c, u) in verified.Criteria.Zip(claimed.Criteria, unverified.Criteria))
                {
                    Assert.True(v.EvidenceWeight >= c.EvidenceWeight, $"{critic.Slug}/{v.Key}");
                    Assert.True(c.EvidenceWeight >= u.EvidenceWeight, $"{critic.Slug}/{v.Key}");
                    // Weaker evidence pulls a sub-score less far from neutral, never further.
                    if (v.Score is { } vs && c.Score is { } cs)
                    {
                        Assert.True(Math.Abs(cs - 50) <= Math.Abs(vs - 50) + 1, $"{critic.Slug}/{v.Key}: {vs} vs {cs}");
                    }
                }

                Assert.True(ReviewScore.Coverage(verified.Criteria) >= ReviewScore.Coverage(claimed.Criteria));
                Assert.True(ReviewScore.Coverage(claimed.Criteria) >= ReviewScore.Coverage(unverified.Criteria));
                // Upgrading evidence can turn a no-take into a take, never the reverse.
                Assert.False(verified.Verdict == Verdict.NoTake && unverified.Verdict != Verdict.NoTake, critic.Slug);
            }
        }
    }

    [Fact]
    public void Fewer_total_parameters_never_lower_the_operator_score_on_open_weights()
    {
        var rng = new Random(41);
        for (var run = 0; run < Runs; run++)
        {
            var tool = SyntheticTools.Random(rng, run) with { Kind = "model" };
            var status = (FactStatus)rng.Next(3);
            var total = (decimal)(1 + rng.Next(1, 1000));
            Tool Sized(decimal t) => tool with { Facts = tool.Facts with { Parameters = SyntheticTools.Fact(new Parameters { TotalBillions = t, ActiveBillions = Math.Min(t, 8) }, status) } };
            AssertNotLower(Review(Sized(total), "operator"), Review(Sized(Math.Max(0.5m, total / 2)), "operator"), $"{total}B total");
        }
    }

    [Fact]
    public void A_stronger_uptime_commitment_never_lowers_the_operator_score()
    {
        decimal[] levels = [90m, 95m, 99m, 99.5m, 99.9m, 99.95m, 99.99m, 100m];
        var rng = new Random(43);
        for (var run = 0; run < Runs; run++)
        {
            var tool = SyntheticTools.Random(rng, run);
            var status = (FactStatus)rng.Next(3);
            var at = rng.Next(levels.Length - 1);
            Tool With(decimal sla) => tool with { Facts = tool.Facts with { UptimeSla = SyntheticTools.Fact(sla, status) } };
            AssertNotLower(Review(With(levels[at]), "operator"), Review(With(levels[rng.Next(at, levels.Length)]), "operator"), "uptime");
        }
    }

    [Fact]
    public void Raising_one_sub_score_never_lowers_the_overall_score()
    {
        var rng = new Random(47);
        for (var run = 0; run < Runs * 5; run++)
        {
            var criteria = Enumerable.Range(0, rng.Next(1, 7))
                .Select(i => new CriterionResult($"c{i}", $"c{i}", rng.Next(1, 5), rng.Next(4) == 0 ? null : rng.Next(0, 101), new[] { 0.4, 0.7, 1.0 }[rng.Next(3)], []))
                .ToList();
            var pick = rng.Next(criteria.Count);
            if (criteria[pick].Score is not { } old)
            {
                continue;
            }

            var raised = criteria.Select((c, i) => i == pick ? c with { Score = rng.Next(old, 101) } : c).ToList();
            Assert.True(ReviewScore.Overall(raised) >= ReviewScore.Overall(criteria));
            Assert.InRange(ReviewScore.Overall(criteria)!.Value, 0, 100);
        }
    }

    private static Tool WithAllStatuses(Tool tool, FactStatus status)
    {
        SourcedFact<T>? Set<T>(SourcedFact<T>? fact) => fact is null ? null : fact with { Status = status };
        var f = tool.Facts;
        return tool with
        {
            Facts = f with
            {
                License = Set(f.License),
                OpenWeights = Set(f.OpenWeights),
                Parameters = Set(f.Parameters),
                InputModalities = Set(f.InputModalities),
                OutputModalities = Set(f.OutputModalities),
                ContextWindow = Set(f.ContextWindow),
                Pricing = Set(f.Pricing),
                DeploymentTargets = Set(f.DeploymentTargets),
                Runtimes = Set(f.Runtimes),
                Quantizations = Set(f.Quantizations),
                Evaluations = [.. f.Evaluations.Select(b => b with { Status = status })],
                Competitors = Set(f.Competitors),
                DataResidency = Set(f.DataResidency),
                Certifications = Set(f.Certifications),
                UptimeSla = Set(f.UptimeSla),
                Support = Set(f.Support),
            },
        };
    }
}
