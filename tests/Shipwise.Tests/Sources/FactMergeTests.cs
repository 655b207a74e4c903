using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;

namespace Shipwise.Tests.Sources;

/// <summary>Which source wins: the rules of <see cref="FactMerge"/> and staleness (<see cref="FactFreshness"/>).</summary>
public sealed class FactMergeTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static Tool Api(SourcedFact<Pricing>? pricing = null, SourcedFact<int>? context = null) => new()
    {
        Slug = "acme-chat",
        Name = "Acme Chat",
        Vendor = new Vendor { Name = "Acme AI" },
        Kind = "api",
        Category = "language-models",
        Tagline = "A chat model.",
        Facts = new ToolFacts { Pricing = pricing, ContextWindow = context },
    };

    private static SourcedFact<T> Fact<T>(T value, DateOnly asOf, FactStatus status) =>
        new() { Value = value, Source = "https://acme.example/pricing", AsOf = asOf, Status = status };

    private static Pricing Price(decimal input, decimal output) => new() { Model = "usage-based", InputPerMillionTokensUsd = input, OutputPerMillionTokensUsd = output };

    private static SourceEntry Vendor(DateOnly asOf, decimal input, decimal output, int? context = null) => new()
    {
        Name = "acme/acme-chat",
        Candidates = ["acme-chat"],
        Host = new SourceHost("OpenRouter", ["openrouter"], "acme/acme-chat", [], ["acme"], IsVendorApi: false),
        Provenance = new Provenance("https://openrouter.ai/api/v1/models", asOf, FactStatus.ThirdParty),
        Facts = new ReportedFacts { InputPerMillionTokensUsd = input, OutputPerMillionTokensUsd = output, ContextWindow = context },
    };

    [Fact]
    public void A_newer_source_value_replaces_a_third_party_fact()
    {
        var tool = Api(Fact(Price(15, 60), new(2026, 7, 20), FactStatus.ThirdParty));
        var entry = Vendor(Today, 3, 12);
        Assert.True(FactMerge.SpeaksForTool(entry, tool));
        var result = FactMerge.Apply(tool, entry, [entry], Today);

        var pricing = result.Outcomes.Single(o => o.Fact == "pricing");
        Assert.Equal(FactOutcomeKind.Changed, pricing.Kind);
        Assert.Equal(3m, result.After.Facts.Pricing!.Value.InputPerMillionTokensUsd);
        Assert.Equal(FactStatus.ThirdParty, result.After.Facts.Pricing.Status);
        Assert.Equal(Today, result.After.Facts.Pricing.AsOf);
        Assert.Equal("https://openrouter.ai/api/v1/models", result.After.Facts.Pricing.Source);
        // And OpenRouter itself becomes an offering of the tool.
        Assert.Equal("OpenRouter", Assert.Single(result.After.Facts.Offerings).Provider);
    }

    [Fact]
    public void A_verified_fact_is_never_overwritten_a_newer_disagreement_is_a_conflict()
    {
        var tool = Api(Fact(Price(15, 60), new(2026, 11, 1), FactStatus.Verified));
        var newer = FactMerge.Apply(tool, Vendor(Today, 3, 12), [], Today);
        var conflict = newer.Outcomes.Single();
        Assert.Equal(FactOutcomeKind.Conflict, conflict.Kind);
        Assert.False(newer.Changed);
        Assert.Same(tool, newer.After);
        Assert.Contains("\"inputPerMillionTokensUsd\":15", conflict.CurrentJson);
        Assert.Contains("\"inputPerMillionTokensUsd\":3", conflict.ProposedJson);

        var older = FactMerge.Apply(tool, Vendor(new(2026, 10, 1), 3, 12), [], Today);
        Assert.Equal(FactOutcomeKind.Kept, older.Outcomes.Single().Kind);
    }

    [Fact]
    public void An_older_source_does_not_replace_a_newer_fact()
    {
        var tool = Api(Fact(Price(15, 60), Today, FactStatus.VendorClaim));
        var result = FactMerge.Apply(tool, Vendor(new(2026, 7, 20), 3, 12), [], Today);
        Assert.Equal(FactOutcomeKind.Kept, result.Outcomes.Single().Kind);
        Assert.False(result.Changed);
    }

    [Fact]
    public void The_same_value_as_a_reader_says_it_is_only_confirmed()
    {
        var tool = Api(Fact(Price(3, 12), new(2026, 1, 1), FactStatus.ThirdParty), Fact(128_000, new(2026, 1, 1), FactStatus.ThirdParty));
        var result = FactMerge.Apply(tool, Vendor(Today, 3, 12, context: 131_072), [], Today);
        Assert.All(result.Outcomes, o => Assert.Equal(FactOutcomeKind.Confirmed, o.Kind));
        Assert.False(result.Changed);
    }

    [Fact]
    public void A_missing_fact_is_added_and_a_flag_the_source_leaves_out_takes_nothing_away()
    {
        var tool = Api() with { Facts = new ToolFacts { InputModalities = Fact<IReadOnlyList<string>>(["text", "audio"], Today, FactStatus.Verified) } };
        var entry = Vendor(Today, 1, 2) with { Facts = new ReportedFacts { InputPerMillionTokensUsd = 1, InputModalities = ["text"] } };
        var result = FactMerge.Apply(tool, entry, [], Today);
        Assert.Equal(FactOutcomeKind.Added, result.Outcomes.Single(o => o.Fact == "pricing").Kind);
        Assert.Equal(FactOutcomeKind.Confirmed, result.Outcomes.Single(o => o.Fact == "inputModalities").Kind);
    }

    [Fact]
    public void Only_the_vendor_s_listing_speaks_for_a_closed_model_and_never_for_open_weights()
    {
        var entry = Vendor(Today, 1, 2);
        Assert.False(FactMerge.SpeaksForTool(entry, Api() with { Vendor = new Vendor { Name = "Other Lab" } }));
        Assert.False(FactMerge.SpeaksForTool(entry, Api() with { Kind = "model" }));
        Assert.True(FactMerge.MakesOffering(entry, Api() with { Kind = "model" }));
    }

    [Fact]
    public void A_shutdown_date_from_a_source_drives_the_lifecycle()
    {
        var entry = Vendor(Today, 1, 2) with { Facts = new ReportedFacts { ShutdownDate = new(2027, 3, 1) } };
        var result = FactMerge.Apply(Api(), entry, [], Today);
        Assert.Equal(new Lifecycle { Status = LifecycleStatus.Deprecated, ShutdownDate = new(2027, 3, 1) }, result.After.Facts.Lifecycle!.Value);
        Assert.Equal(LifecycleStatus.Retired, LifecycleRead.Effective(result.After.Facts.Lifecycle.Value, new(2027, 3, 1)).Status);
    }

    [Fact]
    public void Facts_older_than_the_limit_are_stale_unless_a_source_confirmed_them()
    {
        var tool = Api(Fact(Price(3, 12), new(2026, 1, 1), FactStatus.Verified), Fact(128_000, new(2026, 11, 1), FactStatus.Verified));
        var stale = FactFreshness.Stale(tool, Today, 180, new Dictionary<string, DateOnly>());
        Assert.Equal(FactName.Pricing, Assert.Single(stale).Fact);
        Assert.Equal(340, stale[0].AgeDays);
        Assert.Empty(FactFreshness.Stale(tool, Today, 180, new Dictionary<string, DateOnly> { ["pricing"] = new(2026, 12, 1) }));
        Assert.Empty(FactFreshness.Stale(tool, Today, 400, new Dictionary<string, DateOnly>()));
    }
}
