using Shipwise.Core.Catalog;
using static Shipwise.Tests.Compare.CompareTools;

namespace Shipwise.Tests.Compare;

public class FactChangesTests
{
    private static Tool Edit(Func<ToolFacts, ToolFacts> change)
    {
        var tool = MistralMedium3();
        return tool with { Facts = change(tool.Facts) };
    }

    private static FactChange Single(Func<ToolFacts, ToolFacts> change) =>
        Assert.Single(FactChanges.Between(MistralMedium3(), Edit(change)));

    private static SourcedFact<Pricing> Price(decimal input, decimal output, bool freeTier = false) =>
        Fact(new Pricing { Model = "usage-based", InputPerMillionTokensUsd = input, OutputPerMillionTokensUsd = output, FreeTier = freeTier });

    [Fact]
    public void The_same_tool_has_no_changes()
    {
        Assert.Empty(FactChanges.Between(MistralMedium3(), MistralMedium3()));
        Assert.Equal("", FactChanges.Describe([]));
    }

    [Fact]
    public void A_lower_output_price_is_a_price_drop()
    {
        var change = Single(f => f with { Pricing = Price(0.40m, 1.50m) });
        Assert.Equal("pricing", change.Fact);
        Assert.Equal("Usage-based: $0.40 / $2.00 per 1M tokens (in / out)", change.Before);
        Assert.Equal("Usage-based: $0.40 / $1.50 per 1M tokens (in / out)", change.After);
        Assert.Equal("after the price drop", change.Phrase);
        Assert.False(change.SourceOnly);
    }

    [Theory]
    [InlineData("0.30", "2.00", "after the price drop")]
    [InlineData("0.40", "2.50", "after a price rise")]
    [InlineData("0.50", "2.50", "after a price rise")]
    [InlineData("0.30", "2.50", "after the price change")]
    public void Price_moves_read_as_a_drop_a_rise_or_a_change(string input, string output, string phrase)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var change = Single(f => f with { Pricing = Price(decimal.Parse(input, culture), decimal.Parse(output, culture)) });
        Assert.Equal(phrase, change.Phrase);
    }

    [Fact]
    public void A_new_free_tier_at_the_same_prices_is_said_as_such()
    {
        Assert.Equal("after a free tier was added", Single(f => f with { Pricing = Price(0.40m, 2.00m, freeTier: true) }).Phrase);
    }

    [Fact]
    public void A_licence_change_names_the_new_licence()
    {
        var change = Single(f => f with { License = Fact("Apache-2.0") });
        Assert.Equal(("license", "proprietary", "Apache-2.0"), (change.Fact, change.Before, change.After));
        Assert.Equal("after the licence changed to Apache-2.0", change.Phrase);
    }

    [Fact]
    public void Context_window_growth_and_shrinkage_give_the_new_size()
    {
        var grew = Single(f => f with { ContextWindow = Fact(1_000_000) });
        Assert.Equal(("128K tokens", "1M tokens", "after the context window grew to 1M tokens"), (grew.Before, grew.After, grew.Phrase));
        Assert.Equal("after the context window shrank to 32K tokens", Single(f => f with { ContextWindow = Fact(32_768) }).Phrase);
    }

    [Fact]
    public void Opening_the_weights_is_a_release()
    {
        var change = Single(f => f with { OpenWeights = Fact(true) });
        Assert.Equal(("openWeights", "closed", "open", "after open weights were released"), (change.Fact, change.Before, change.After, change.Phrase));
    }

    [Fact]
    public void New_and_dropped_certifications_are_named()
    {
        var added = Single(f => f with { Certifications = List(FactStatus.VendorClaim, "SOC 2 Type II", "ISO 27001", "HIPAA") });
        Assert.Equal("after new certifications (HIPAA)", added.Phrase);
        var dropped = Single(f => f with { Certifications = List(FactStatus.VendorClaim, "SOC 2 Type II") });
        Assert.Equal("after certifications were dropped (ISO 27001)", dropped.Phrase);

        var first = Assert.Single(FactChanges.Between(SmolVlm2(), SmolVlm2() with { Facts = SmolVlm2().Facts with { Certifications = List("SOC 2 Type II") } }));
        Assert.Equal(("not on record", "SOC 2 Type II", "after new certifications (SOC 2 Type II)"), (first.Before, first.After, first.Phrase));
    }

    [Fact]
    public void A_new_parameter_count_and_new_modalities_are_reasons_too()
    {
        var smol = SmolVlm2();
        var bigger = smol with
        {
            Facts = smol.Facts with
            {
                Parameters = Fact(new Parameters { TotalBillions = 3 }),
                InputModalities = List("text", "image", "video", "audio"),
                DeploymentTargets = List(FactStatus.VendorClaim, "laptop", "single-gpu"),
            },
        };
        var changes = FactChanges.Between(smol, bigger);
        Assert.Equal(
            ["after the parameter count changed", "after audio input was added", "after phone support was dropped"],
            changes.Select(c => c.Phrase));
        Assert.Equal(("2.2B", "3B"), (changes[0].Before, changes[0].After));
    }

    [Fact]
    public void Reordering_a_list_is_not_a_change()
    {
        Assert.Empty(FactChanges.Between(MistralMedium3(), Edit(f => f with { Certifications = List(FactStatus.VendorClaim, "ISO 27001", "SOC 2 Type II") })));
    }

    [Fact]
    public void The_same_value_with_a_newer_source_is_a_source_update_and_a_new_verification_says_so()
    {
        var newer = Single(f => f with { ContextWindow = f.ContextWindow! with { AsOf = new DateOnly(2025, 10, 19), Source = "https://example.org/newer" } });
        Assert.Equal(("128K tokens", "128K tokens", "after the source was updated"), (newer.Before, newer.After, newer.Phrase));
        Assert.True(newer.SourceOnly);

        var restated = Single(f => f with { ContextWindow = Fact(131_072) with { AsOf = new DateOnly(2026, 2, 1) } });
        Assert.Equal("after the source was updated", restated.Phrase);

        var verified = Single(f => f with { UptimeSla = f.UptimeSla! with { Status = FactStatus.Verified } });
        Assert.Equal("after the uptime SLA was verified", verified.Phrase);
    }

    [Fact]
    public void Uptime_sla_moves_and_facts_coming_or_going()
    {
        Assert.Equal("after the uptime SLA rose to 99.95%", Single(f => f with { UptimeSla = Fact(99.95m) }).Phrase);
        Assert.Equal("after the parameter count was recorded", Single(f => f with { Parameters = Fact(new Parameters { TotalBillions = 24 }) }).Phrase);
        var gone = Single(f => f with { ContextWindow = null });
        Assert.Equal(("128K tokens", "not on record", "after the context window was taken off the record"), (gone.Before, gone.After, gone.Phrase));
    }

    [Fact]
    public void New_benchmark_results_are_named()
    {
        var benchmark = new Evaluation { Benchmark = "mmlu", Score = 80.1m, Unit = "percent", Evaluator = "Artificial Analysis", Relation = EvaluatorRelation.Independent, Source = Source, AsOf = AsOf, Status = FactStatus.Verified };
        var change = Assert.Single(FactChanges.Between(MistralMedium3(), MistralMedium3() with { Facts = MistralMedium3().Facts with { Evaluations = [benchmark] } }));
        Assert.Equal(("evaluations", "after new benchmark results (MMLU)"), (change.Fact, change.Phrase));
    }

    [Fact]
    public void Describe_joins_changes_into_one_phrase()
    {
        var changes = FactChanges.Between(MistralMedium3(), Edit(f => f with { Pricing = Price(0.30m, 1.50m), License = Fact("Apache-2.0") }));
        Assert.Equal("after the price drop and the licence change", FactChanges.Describe(changes));

        Assert.Equal("after the price drop", FactChanges.Describe([changes.Single(c => c.Fact == "pricing")]));
    }

    [Fact]
    public void Describe_leaves_out_source_updates_when_something_real_changed()
    {
        var changes = FactChanges.Between(MistralMedium3(), Edit(f => f with
        {
            Pricing = Price(0.40m, 2.50m),
            ContextWindow = f.ContextWindow! with { AsOf = new DateOnly(2026, 1, 1) },
        }));
        Assert.Equal(2, changes.Count);
        Assert.Equal("after a price rise", FactChanges.Describe(changes));

        var sourcesOnly = FactChanges.Between(MistralMedium3(), Edit(f => f with
        {
            ContextWindow = f.ContextWindow! with { AsOf = new DateOnly(2026, 1, 1) },
            License = f.License! with { AsOf = new DateOnly(2026, 1, 1) },
        }));
        Assert.Equal("after the sources were updated", FactChanges.Describe(sourcesOnly));
    }

    [Fact]
    public void Describe_caps_a_long_list()
    {
        var changes = FactChanges.Between(MistralMedium3(), Edit(f => f with
        {
            Pricing = Price(0.30m, 1.50m),
            License = Fact("Apache-2.0"),
            OpenWeights = Fact(true),
            ContextWindow = Fact(256_000),
            UptimeSla = Fact(99.99m),
        }));
        Assert.Equal(5, changes.Count);
        Assert.Equal("after the price drop, the licence change and 3 other changes", FactChanges.Describe(changes));
    }

    [Fact]
    public void Describe_falls_back_to_the_phrase_for_hand_made_changes()
    {
        FactChange[] changes = [new("pricing", "a", "b", "after the price drop"), new("license", "x", "y", "after the licence changed to MIT")];
        Assert.Equal("after the price drop and the licence changed to MIT", FactChanges.Describe(changes));
    }
}
