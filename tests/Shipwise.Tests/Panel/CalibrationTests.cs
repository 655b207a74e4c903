using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Tests.Panel;

/// <summary>
/// The shipped critics on hypothetical tools whose right answer a practitioner knows, reviewed
/// against the demo catalog's real peers. If one of these fails, the panel is wrong, not the test.
/// </summary>
public class CalibrationTests
{
    private static IReadOnlyList<PanelReview> Panel(Tool tool) =>
        [.. PanelCritics.Set.All.Select(c => DemoPanel.Review(tool, c.Slug))];

    private static string Show(IEnumerable<PanelReview> reviews) =>
        string.Join("\n", reviews.Select(r => $"{r.CriticSlug}: {r.Verdict} {r.Score} | {r.Summary}"));

    [Fact]
    public void A_current_best_case_hosted_api_gets_a_panel_ship_with_builder_and_counsel_shipping()
    {
        var reviews = Panel(SyntheticTools.BestCaseApi(released: DemoPanel.Today.AddDays(-30)));

        Assert.True(PanelArithmetic.SummarizeReviews(reviews).Verdict == Verdict.Ship, Show(reviews));
        Assert.True(reviews.Single(r => r.CriticSlug == "builder").Verdict == Verdict.Ship, Show(reviews));
        Assert.True(reviews.Single(r => r.CriticSlug == "counsel").Verdict == Verdict.Ship, Show(reviews));
    }

    [Fact]
    public void Closed_weights_alone_never_sink_a_hosted_api()
    {
        var api = SyntheticTools.BestCaseApi(released: DemoPanel.Today.AddDays(-30));
        var open = api with { Facts = api.Facts with { OpenWeights = SyntheticTools.Fact(true), License = SyntheticTools.Fact("Apache-2.0") } };
        foreach (var critic in PanelCritics.Set.All)
        {
            var closed = DemoPanel.Review(api, critic.Slug);
            var opened = DemoPanel.Review(open, critic.Slug);
            Assert.True(closed.Verdict == opened.Verdict, $"{critic.Slug}: closed {closed.Verdict} {closed.Score}, open {opened.Verdict} {opened.Score}");
        }
    }

    [Theory]
    [InlineData("builder")]
    [InlineData("operator")]
    public void A_bare_open_model_with_six_facts_and_no_evidence_of_quality_cannot_reach_a_ship(string critic)
    {
        var review = DemoPanel.Review(SyntheticTools.SixFactOpenModel(), critic);
        Assert.True(review.Verdict != Verdict.Ship, $"{critic}: {review.Verdict} {review.Score}\n{review.Summary}\n{review.Body}");
    }

    [Fact]
    public void No_critic_ships_the_six_fact_model_on_facts_that_say_nothing_of_quality()
    {
        var reviews = Panel(SyntheticTools.SixFactOpenModel());
        Assert.True(PanelArithmetic.SummarizeReviews(reviews).Verdict != Verdict.Ship, Show(reviews));
    }

    [Fact]
    public void A_tool_without_evaluations_never_outscores_one_with_strong_independent_evaluations_on_a_quality_criterion()
    {
        var strong = SyntheticTools.BestCaseApi(released: DemoPanel.Today.AddDays(-30));
        var unmeasured = strong with { Slug = "unmeasured-api", Facts = strong.Facts with { Evaluations = [] } };
        foreach (var critic in PanelCritics.Set.All.Where(c => DemoPanel.Review(strong, c.Slug).Verdict != Verdict.NoTake))
        {
            foreach (var criterion in critic.CriteriaFor("api").Where(c => c.Key is "quality-vs-peers" or "evidence-independence"))
            {
                int? Quality(Tool tool) => DemoPanel.Review(tool, critic.Slug).Criteria.FirstOrDefault(c => c.Key == criterion.Key)?.Score;
                var (measured, blank) = (Quality(strong), Quality(unmeasured));
                Assert.NotNull(measured);
                Assert.True(blank is null || blank <= measured, $"{critic.Slug}/{criterion.Key}: {blank} vs {measured}");
            }

            var withEvidence = DemoPanel.Review(strong, critic.Slug);
            var without = DemoPanel.Review(unmeasured, critic.Slug);
            if (withEvidence.Score is { } a && without.Score is { } b)
            {
                Assert.True(b <= a, $"{critic.Slug}: {b} without evaluations vs {a} with");
            }
        }
    }

    [Fact]
    public void A_critic_that_requires_quality_evidence_does_not_ship_without_it()
    {
        var strong = SyntheticTools.BestCaseApi(released: DemoPanel.Today.AddDays(-30));
        var unmeasured = strong with { Slug = "unmeasured-api", Facts = strong.Facts with { Evaluations = [] } };
        foreach (var critic in PanelCritics.Set.All.Where(c => c.ShipRequires.Any(k => c.CriteriaFor("api").Any(x => x.Key == k))))
        {
            var review = DemoPanel.Review(unmeasured, critic.Slug);
            Assert.True(review.Verdict != Verdict.Ship, $"{critic.Slug}: {review.Score}\n{review.Body}");
        }
    }

    [Fact]
    public void A_retired_tool_gets_no_verdict_and_is_pointed_at_its_successor()
    {
        var tool = SyntheticTools.WithLifecycle(SyntheticTools.BestCaseApi(new DateOnly(2024, 1, 1)), LifecycleStatus.Retired, new DateOnly(2026, 6, 1), "gpt-5-5");
        foreach (var review in Panel(tool))
        {
            Assert.Equal((null, Verdict.NoTake), (review.Score, review.Verdict));
            Assert.Contains("retired", review.Summary + review.Body, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(DemoPanel.Tool("gpt-5-5").Name, review.Summary + review.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_hosted_api_past_its_shutdown_date_reads_retired_without_a_new_import()
    {
        // Recorded as deprecated, with a shutdown date the review's day has passed.
        var tool = SyntheticTools.WithLifecycle(SyntheticTools.BestCaseApi(new DateOnly(2024, 1, 1)), LifecycleStatus.Deprecated, DemoPanel.Today.AddDays(-1), "gpt-5-5");
        Assert.All(Panel(tool), r => Assert.Equal((null, Verdict.NoTake), (r.Score, r.Verdict)));
    }

    [Fact]
    public void Open_weights_past_their_hosted_shutdown_stay_deprecated_not_retired()
    {
        // A model's shutdown date is its vendor's hosted service going away; the weights still download.
        var shutdown = DemoPanel.Today.AddDays(-30);
        var model = SyntheticTools.WithLifecycle(DemoPanel.Tool("devstral-small-2"), LifecycleStatus.Deprecated, shutdown, "mistral-medium-3-5");
        Assert.Equal(LifecycleStatus.Deprecated, LifecycleRead.AsOf(model, DemoPanel.Today).Facts.Lifecycle!.Value.Status);
        var sided = Panel(model).Where(r => r.Verdict != Verdict.NoTake).ToList();
        Assert.NotEmpty(sided);
        Assert.All(sided, r =>
        {
            Assert.Equal(Verdict.Skip, r.Verdict);
            Assert.Contains($"shut down on {FactFormat.Date(shutdown)}", r.Summary + " " + r.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("shuts down on", r.Summary + " " + r.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_tool_nobody_can_confirm_gets_no_verdict()
    {
        var tool = SyntheticTools.WithLifecycle(SyntheticTools.BestCaseApi(new DateOnly(2026, 1, 1)), LifecycleStatus.Unconfirmed);
        Assert.All(Panel(tool), r => Assert.Equal(Verdict.NoTake, r.Verdict));
    }

    [Fact]
    public void A_deprecated_tools_reviews_state_the_shutdown_date_and_none_ships()
    {
        var shutdown = new DateOnly(2027, 2, 15);
        var tool = SyntheticTools.WithLifecycle(SyntheticTools.BestCaseApi(new DateOnly(2025, 6, 1)), LifecycleStatus.Deprecated, shutdown, "gpt-5-5");
        foreach (var review in Panel(tool).Where(r => r.Verdict != Verdict.NoTake))
        {
            Assert.Contains(FactFormat.Date(shutdown), review.Summary + " " + review.Body, StringComparison.Ordinal);
            Assert.True(review.Verdict == Verdict.Skip, $"{review.CriticSlug}: {review.Score}");
        }
    }

    [Fact]
    public void A_maintenance_only_runtime_is_marked_down_for_new_projects()
    {
        var active = DemoPanel.Tools.First(t => t.Kind == "runtime" && (t.Facts.Lifecycle?.Value.Status ?? LifecycleStatus.Active) == LifecycleStatus.Active);
        var kept = SyntheticTools.WithLifecycle(active, LifecycleStatus.MaintenanceOnly);
        foreach (var critic in PanelCritics.Set.All)
        {
            var (before, after) = (DemoPanel.Review(active, critic.Slug), DemoPanel.Review(kept, critic.Slug));
            if (before.Score is { } was)
            {
                Assert.True(after.Score < was && after.Verdict == Verdict.Skip, $"{critic.Slug}: {was} → {after.Score}");
            }
        }
    }

    [Fact]
    public void Self_hosting_cost_follows_total_parameters_not_active_ones()
    {
        // A 675B mixture with 41B active needs more memory than a 405B dense model: the
        // hardware criterion must say so, whatever the active count.
        Tool Model(string slug, decimal total, decimal? active) => SyntheticTools.Bare(slug, "model", new ToolFacts
        {
            License = SyntheticTools.Fact("Apache-2.0"),
            OpenWeights = SyntheticTools.Fact(true),
            Parameters = SyntheticTools.Fact(new Parameters { TotalBillions = total, ActiveBillions = active }),
        });
        var moe = Model("big-moe", 675, 41);
        var dense = Model("big-dense", 405, null);
        var operatorCritic = PanelCritics.Get("operator");
        int? Hardware(Tool tool) => DemoPanel.Review(tool, "operator").Criteria.FirstOrDefault(c => c.Key is "fits-hardware" or "self-host-cost")?.Score;
        Assert.Contains(operatorCritic.CriteriaFor("model"), c => c.Key is "fits-hardware" or "self-host-cost");
        Assert.True(Hardware(moe) <= Hardware(dense), $"675B MoE {Hardware(moe)} vs 405B dense {Hardware(dense)}");
    }

    [Fact]
    public void Open_weights_are_not_free_at_scale()
    {
        // A 405B dense model costs GPUs to serve: the self-hosting finding names a GPU bill, never "free".
        var tool = SyntheticTools.Bare("dense-405", "model", new ToolFacts
        {
            License = SyntheticTools.Fact("LicenseRef-llama-3.1"),
            OpenWeights = SyntheticTools.Fact(true),
            Parameters = SyntheticTools.Fact(new Parameters { TotalBillions = 405 }),
            Pricing = SyntheticTools.Fact(new Pricing { Model = "open-source" }),
        });
        var explained = string.Join(" ", EvidenceReviewer.Explain(tool, PanelCritics.Get("operator"), DemoPanel.Today, DemoPanel.PeersWith(tool)));
        Assert.Contains("GPU", explained, StringComparison.Ordinal);
        Assert.Matches(@"\$[\d,.]+k? a month|\$[\d,.]+k? monthly", explained);
        Assert.DoesNotContain("free", explained, StringComparison.OrdinalIgnoreCase);
    }
}
