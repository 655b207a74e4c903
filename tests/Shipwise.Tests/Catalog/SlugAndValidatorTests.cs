using Shipwise.Core.Catalog;

namespace Shipwise.Tests.Catalog;

public class SlugAndValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static Tool Valid() => new()
    {
        Slug = "tool-a",
        Name = "Tool A",
        Vendor = new Vendor { Name = "Acme" },
        Kind = "model",
        Category = "language-models",
        Tagline = "A tool",
    };

    [Theory]
    [InlineData("Mistral 3 Small (22B)", "mistral-3-small-22b")]
    [InlineData("SmolVLM2-2B", "smolvlm2-2b")]
    [InlineData("llama.cpp", "llama-cpp")]
    [InlineData("  GPT-4o mini ", "gpt-4o-mini")]
    public void Names_become_slugs(string name, string slug) => Assert.Equal(slug, Slug.From(name));

    [Theory]
    [InlineData("a-vs-b")]
    [InlineData("Upper")]
    [InlineData("double--dash")]
    [InlineData("")]
    [InlineData("nl-slug\n")]
    public void Invalid_slugs_are_rejected(string slug) => Assert.False(Slug.IsValid(slug));

    [Fact]
    public void Licence_and_token_facts_refuse_a_trailing_newline()
    {
        static SourcedFact<T> Fact<T>(T value) => new() { Value = value, Source = "https://example.com", AsOf = new DateOnly(2025, 1, 1), Status = FactStatus.Verified };
        var tool = Valid() with
        {
            Facts = new ToolFacts { License = Fact("MIT\n"), Runtimes = Fact<IReadOnlyList<string>>(["gguf\n"]), Competitors = Fact<IReadOnlyList<string>>(["tool-b\n"]) },
        };
        var errors = CatalogValidator.Validate(tool, "$", Today);
        Assert.Contains(errors, e => e.Path == "$.facts.license.value");
        Assert.Contains(errors, e => e.Path == "$.facts.runtimes.value");
        Assert.Contains(errors, e => e.Path == "$.facts.competitors.value");
    }

    [Fact]
    public void A_valid_tool_has_no_errors() => Assert.Empty(CatalogValidator.Validate(Valid(), "$", Today));

    [Fact]
    public void Best_for_must_not_repeat_the_tagline()
    {
        var errors = CatalogValidator.Validate(Valid() with { BestFor = ["a tool"] }, "$", Today);
        Assert.Contains(errors, e => e.Path == "$.bestFor[0]");
    }

    [Fact]
    public void A_fact_without_a_source_or_from_the_future_is_rejected()
    {
        var tool = Valid() with
        {
            Facts = new ToolFacts
            {
                License = new SourcedFact<string> { Value = "MIT", Source = "", AsOf = new DateOnly(2025, 1, 1), Status = FactStatus.Verified },
                ContextWindow = new SourcedFact<int> { Value = 128_000, Source = "https://example.com", AsOf = new DateOnly(2027, 1, 1), Status = FactStatus.Verified },
            },
        };
        var errors = CatalogValidator.Validate(tool, "$", Today);
        Assert.Contains(errors, e => e.Path == "$.facts.license.source");
        Assert.Contains(errors, e => e.Path == "$.facts.contextWindow.asOf");
    }

    [Theory]
    [InlineData("open-source", 1.0, "cannot carry a price")]
    [InlineData("usage-based", null, "needs inputPerMillionTokensUsd")]
    [InlineData("pay-what-you-want", null, "is not one of")]
    public void Pricing_is_consistent(string model, double? inputPrice, string message)
    {
        var tool = Valid() with
        {
            Facts = new ToolFacts
            {
                Pricing = new SourcedFact<Pricing>
                {
                    Value = new Pricing { Model = model, InputPerMillionTokensUsd = (decimal?)inputPrice },
                    Source = "https://example.com/pricing",
                    AsOf = new DateOnly(2025, 1, 1),
                    Status = FactStatus.Verified,
                },
            },
        };
        Assert.Contains(CatalogValidator.Validate(tool, "$", Today), e => e.Path == "$.facts.pricing.value" && e.Message.Contains(message));
    }

    [Theory]
    [InlineData("free", EntryTier.Free)]
    [InlineData("open-source", EntryTier.Free)]
    [InlineData("freemium", EntryTier.FreeTier)]
    [InlineData("usage-based", EntryTier.Paid)]
    [InlineData("subscription", EntryTier.Paid)]
    public void Entry_is_derived_from_the_pricing_model(string model, EntryTier entry) =>
        Assert.Equal(entry, PricingRead.Entry(new Pricing { Model = model }));

    [Fact]
    public void A_free_tier_makes_a_paid_model_a_free_tier_entry() =>
        Assert.Equal(EntryTier.FreeTier, PricingRead.Entry(new Pricing { Model = "usage-based", InputPerMillionTokensUsd = 1, FreeTier = true }));

    [Fact]
    public void A_tool_cannot_name_itself_as_a_competitor_by_an_alias()
    {
        var tool = Valid() with
        {
            Aliases = ["Tool A Classic"],
            Facts = new ToolFacts
            {
                Competitors = new SourcedFact<IReadOnlyList<string>> { Value = ["tool-a-classic"], Source = "https://example.com", AsOf = new DateOnly(2025, 1, 1), Status = FactStatus.Verified },
            },
        };
        Assert.Contains(CatalogValidator.Validate(tool, "$", Today), e => e.Path == "$.facts.competitors.value" && e.Message.Contains("itself"));
    }
}
