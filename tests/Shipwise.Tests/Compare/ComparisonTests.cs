using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using Shipwise.Core.Panel;
using static Shipwise.Tests.Compare.CompareTools;

namespace Shipwise.Tests.Compare;

public class ComparisonTests
{
    private static Comparison SmolVersusMistral() => Comparison.Build(
        Side(SmolVlm2(), new CommunityFigure(12, 4), ("builder", Verdict.Ship, 78), ("futurist", Verdict.Ship, 81), ("founder", Verdict.Skip, 40), ("counsel", Verdict.Ship, 70)),
        Side(MistralMedium3(), ("builder", Verdict.Skip, 48), ("operator", Verdict.Ship, 72), ("counsel", Verdict.Skip, 37)),
        Critics);

    private static DecisionRow Decision(Comparison c, string key) => c.DecisionRows.Single(r => r.Key == key);

    private static FactComparisonRow FactRow(Comparison c, string key) => c.FactRows.Single(r => r.Key == key);

    [Fact]
    public void Decision_rows_headline_verdict_community_pricing_best_for_and_category()
    {
        var c = SmolVersusMistral();
        Assert.Equal(["panel", "community", "pricing", "best-for", "category"], c.DecisionRows.Select(r => r.Key));
        // Built in the reader's order: the address keeps it, the canonical one sorts the slugs.
        Assert.Equal("/compare/smolvlm2-vs-mistral-medium-3", c.Path);
        Assert.Equal("/compare/mistral-medium-3-vs-smolvlm2", c.CanonicalPath);

        var panel = Decision(c, "panel");
        Assert.Equal("Ship · 3 ship / 1 skip · 75% ship", panel.Left);
        Assert.Equal("Skip · 1 ship / 2 skip · 33% ship", panel.Right);
        Assert.True(panel.Differs);

        var community = Decision(c, "community");
        Assert.Equal("12 ship / 4 skip · 75% ship", community.Left);
        Assert.Equal("No votes yet", community.Right);

        var pricing = Decision(c, "pricing");
        Assert.Equal("Free · Open source, free to run", pricing.Left);
        Assert.Equal("Paid · Usage-based: $0.40 / $2.00 per 1M tokens (in / out)", pricing.Right);

        Assert.Equal("Captioning video clips on a laptop; Reading documents in images offline", Decision(c, "best-for").Left);
        var category = Decision(c, "category");
        Assert.Equal(("Vision-language models", "Language models", true), (category.Left, category.Right, category.Differs));
    }

    [Fact]
    public void A_missing_best_for_says_not_stated_and_never_repeats_the_tagline()
    {
        var bare = With("bare-tool", new ToolFacts());
        var c = Pair(bare, MistralMedium3() with { BestFor = [] });
        var row = Decision(c, "best-for");
        Assert.Equal(("Not stated", "Not stated", false), (row.Left, row.Right, row.Differs));
        Assert.DoesNotContain(c.DecisionRows, r => r.Left.Contains("tagline", StringComparison.Ordinal) || r.Right.Contains("tagline", StringComparison.Ordinal));
        Assert.Equal("No pricing on record", Decision(c, "pricing").Left);
    }

    [Fact]
    public void The_panel_row_tells_unreviewed_from_all_abstaining()
    {
        var c = Comparison.Build(
            Side(SmolVlm2()),
            Side(MistralMedium3(), ("creator", Verdict.NoTake, null), ("founder", Verdict.NoTake, null)),
            Critics);
        Assert.Equal("Not reviewed yet", Decision(c, "panel").Left);
        Assert.Equal("No verdict · 2 no take", Decision(c, "panel").Right);
    }

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(1, 2, 33)]
    [InlineData(2, 1, 67)]
    [InlineData(1, 7, 13)] // 12.5 rounds away from zero, not to the even 12
    [InlineData(0, 5, 0)]
    public void Community_ship_percent_is_null_without_votes_and_rounds_half_away_from_zero(int ships, int skips, int? expected) =>
        Assert.Equal(expected, new CommunityFigure(ships, skips).ShipPercent);

    [Fact]
    public void Fact_cells_carry_value_source_date_and_status_or_say_unknown()
    {
        var c = SmolVersusMistral();
        // Neither side has a lifecycle on record, so there is no lifecycle row to read "Not on record" twice.
        Assert.Equal(
            ["license", "open-weights", "parameters", "context-window", "input-modalities", "output-modalities", "deployment-targets", "price"],
            c.FactRows.Select(r => r.Key));

        var targets = FactRow(c, "deployment-targets");
        Assert.Equal("phone, laptop, single GPU", targets.Left.Text);
        Assert.Equal((Source, AsOf, FactStatus.VendorClaim, "vendor-claim"), (targets.Left.Source, targets.Left.AsOf, targets.Left.Status, targets.Left.StatusWire));
        Assert.Equal("cloud API", targets.Right.Text);
        Assert.Equal(Leader.None, targets.Leader);

        var parameters = FactRow(c, "parameters");
        Assert.Equal(("2.2B", "Not on record"), (parameters.Left.Text, parameters.Right.Text));
        Assert.False(parameters.Right.IsKnown);
        Assert.Null(parameters.Right.Source);
        Assert.Null(parameters.Right.AsOf);
        Assert.True(parameters.Differs);

        var context = FactRow(c, "context-window");
        Assert.Equal(("Not on record", "128K tokens", Leader.None), (context.Left.Text, context.Right.Text, context.Leader));

        var price = FactRow(c, "price");
        // Spelt as the tool page spells pricing: one formatter per fact.
        Assert.Equal(("Open source, free to run", "Usage-based: $0.40 / $2.00 per 1M tokens (in / out)"), (price.Left.Text, price.Right.Text));
        Assert.Equal(Leader.None, price.Leader); // hardware against a per-token bill is not a like-for-like price

        var output = FactRow(c, "output-modalities");
        Assert.Equal((false, Leader.Tie), (output.Differs, output.Leader));
    }

    [Fact]
    public void Leaders_favour_the_more_permissive_licence_open_weights_more_inputs_larger_context_and_lower_price()
    {
        var c = SmolVersusMistral();
        Assert.Equal(Leader.Left, FactRow(c, "license").Leader);
        Assert.Equal(("Apache-2.0", "Proprietary"), (FactRow(c, "license").Left.Text, FactRow(c, "license").Right.Text));
        Assert.Equal(Leader.Left, FactRow(c, "open-weights").Leader);
        Assert.Equal(Leader.Left, FactRow(c, "input-modalities").Leader); // text, image and video covers text and image

        var cheapLong = With("cheap-long", new ToolFacts
        {
            ContextWindow = Fact(1_000_000),
            Pricing = Fact(new Pricing { Model = "usage-based", InputPerMillionTokensUsd = 0.10m, OutputPerMillionTokensUsd = 0.40m }),
        });
        var d = Pair(MistralMedium3(), cheapLong);
        Assert.Equal(Leader.Right, FactRow(d, "context-window").Leader);
        Assert.Equal(Leader.Right, FactRow(d, "price").Leader);
        Assert.Equal("Usage-based: $0.10 / $0.40 per 1M tokens (in / out)", FactRow(d, "price").Right.Text);
        Assert.DoesNotContain(d.FactRows, r => r.Key == "parameters"); // unknown on both sides: no row, not a difference
    }

    [Fact]
    public void Lists_compare_as_sets_and_windows_that_read_the_same_tie()
    {
        var a = With("tool-a", new ToolFacts { InputModalities = List("image", "text"), ContextWindow = Fact(131_072) });
        var b = With("tool-b", new ToolFacts { InputModalities = List("text", "image"), ContextWindow = Fact(128_000) });
        var c = Pair(a, b);
        Assert.Equal((false, Leader.Tie), (FactRow(c, "input-modalities").Differs, FactRow(c, "input-modalities").Leader));
        Assert.Equal((false, Leader.Tie), (FactRow(c, "context-window").Differs, FactRow(c, "context-window").Leader));

        var image = With("tool-c", new ToolFacts { InputModalities = List("text", "image") });
        var audio = With("tool-d", new ToolFacts { InputModalities = List("text", "audio") });
        var row = FactRow(Pair(image, audio), "input-modalities");
        Assert.Equal((true, Leader.None), (row.Differs, row.Leader)); // neither covers the other
    }

    [Fact]
    public void The_licence_row_ranks_openness_so_non_commercial_leads_proprietary_there()
    {
        var nc = With("nc-model", new ToolFacts { License = Fact("CC-BY-NC-4.0") });
        var closed = With("closed-model", new ToolFacts { License = Fact("proprietary") });
        Assert.Equal(Leader.Left, FactRow(Pair(nc, closed), "license").Leader);
    }

    [Fact]
    public void A_mixture_of_experts_shows_total_and_active_in_its_cell()
    {
        var moe = With("moe-model", new ToolFacts { Parameters = Fact(new Parameters { TotalBillions = 24, ActiveBillions = 3 }) });
        Assert.Equal("24B total, 3B active", FactRow(Pair(moe, SmolVlm2()), "parameters").Left.Text);
    }

    [Fact]
    public void The_scorecard_has_a_row_per_critic_in_panel_order_even_without_reviews()
    {
        var c = SmolVersusMistral();
        Assert.Equal(["builder", "skeptic", "futurist", "founder", "creator", "operator", "counsel"], c.Scorecard.Select(r => r.CriticSlug));

        var builder = c.Scorecard[0];
        Assert.Equal((78, 48, Leader.Left), (builder.Left?.Score, builder.Right?.Score, builder.Higher));
        Assert.Equal(Verdict.Ship, builder.Left?.Verdict);
        Assert.Equal("Builder on SmolVLM2", builder.Left?.Summary);

        var skeptic = c.Scorecard.Single(r => r.CriticSlug == "skeptic");
        Assert.Equal((null, null, Leader.None), (skeptic.Left, skeptic.Right, skeptic.Higher));

        var operatorRow = c.Scorecard.Single(r => r.CriticSlug == "operator");
        Assert.Null(operatorRow.Left); // reviewed on one side only
        Assert.Equal(72, operatorRow.Right?.Score);
        Assert.Equal(Leader.None, operatorRow.Higher);

        Assert.Equal(Leader.Left, c.Scorecard.Single(r => r.CriticSlug == "counsel").Higher);
    }

    [Fact]
    public void Scorecard_marks_ties_and_right_wins_and_keeps_critics_missing_from_the_panel_list()
    {
        var c = Comparison.Build(
            Side(SmolVlm2(), ("builder", Verdict.Ship, 70), ("skeptic", Verdict.Skip, 50), ("guest", Verdict.Ship, 90)),
            Side(MistralMedium3(), ("builder", Verdict.Ship, 70), ("skeptic", Verdict.Ship, 66)),
            Critics);
        Assert.Equal(Leader.Tie, c.Scorecard.Single(r => r.CriticSlug == "builder").Higher);
        Assert.Equal(Leader.Right, c.Scorecard.Single(r => r.CriticSlug == "skeptic").Higher);
        Assert.Equal("guest", c.Scorecard[^1].CriticSlug);
        Assert.Equal(8, c.Scorecard.Count);
    }
}
