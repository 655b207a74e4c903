using System.Text.Json;
using Shipwise.Core.Catalog;

namespace Shipwise.Tests.Catalog;

public class DemoCatalogTests
{
    private static readonly CatalogDocument Catalog =
        JsonSerializer.Deserialize<CatalogDocument>(File.ReadAllText(RepoPaths.DemoCatalog), CatalogJson.Options)!;

    [Fact]
    public void Every_tool_passes_validation()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var errors = Catalog.Tools.SelectMany((t, i) => CatalogValidator.Validate(t, $"$.tools[{i}]", today)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Holds_at_least_thirty_tools_with_unique_slugs_and_aliases()
    {
        Assert.True(Catalog.Tools.Count >= 30, $"only {Catalog.Tools.Count} tools");
        var names = Catalog.Tools.Select(t => t.Slug)
            .Concat(Catalog.Tools.SelectMany(t => t.Aliases.Select(Slug.From)))
            .ToList();
        var duplicates = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "duplicated slug or alias: " + string.Join(", ", duplicates));
    }

    [Fact]
    public void Competitors_name_tools_in_the_catalog()
    {
        var slugs = Catalog.Tools.Select(t => t.Slug).ToHashSet();
        var dangling = Catalog.Tools
            .SelectMany(t => (t.Facts.Competitors?.Value ?? []).Select(c => (t.Slug, c)))
            .Where(pair => !slugs.Contains(pair.c))
            .ToList();
        Assert.True(dangling.Count == 0, string.Join(", ", dangling.Select(d => $"{d.Slug} -> {d.c}")));
    }

    [Theory]
    [InlineData("smolvlm2")]
    [InlineData("mistral-small-3-1")]
    [InlineData("mistral-medium-3")]
    [InlineData("mistral-large-3")]
    [InlineData("moondream2")]
    [InlineData("llama-cpp")]
    [InlineData("vllm")]
    [InlineData("ollama")]
    [InlineData("lm-studio")]
    [InlineData("mlx")]
    [InlineData("gpt-4o-mini")]
    public void Holds_the_tools_the_reference_pages_name(string slug) =>
        Assert.Contains(Catalog.Tools, t => t.Slug == slug);

    [Theory]
    [InlineData("smolvlm2-2b", "smolvlm2")]
    [InlineData("Mistral 4B", null)]
    [InlineData("Mistral 3 Small (22B)", null)]
    public void Names_from_the_reference_are_findable(string name, string? expectedSlug)
    {
        var alias = Slug.From(name);
        var owner = Catalog.Tools.SingleOrDefault(t => t.Slug == alias || t.Aliases.Select(Slug.From).Contains(alias));
        Assert.NotNull(owner);
        if (expectedSlug is not null)
        {
            Assert.Equal(expectedSlug, owner.Slug);
        }
    }

    [Fact]
    public void Unsupported_reference_names_are_never_presented_as_verified_tools()
    {
        // "Mistral 4B" has no public source. If it is its own entry, none of its facts may be verified.
        var own = Catalog.Tools.Where(t => t.Slug is "mistral-4b" or "mistral-3-small-22b");
        foreach (var tool in own)
        {
            var statuses = new FactStatus?[] { tool.Facts.License?.Status, tool.Facts.Parameters?.Status, tool.Facts.Pricing?.Status };
            Assert.DoesNotContain(FactStatus.Verified, statuses);
        }
    }

    [Fact]
    public void Mistral_medium_3_has_sourced_per_token_prices()
    {
        var pricing = Catalog.Tools.Single(t => t.Slug == "mistral-medium-3").Facts.Pricing;
        Assert.NotNull(pricing);
        Assert.NotNull(pricing.Value.InputPerMillionTokensUsd);
        Assert.NotNull(pricing.Value.OutputPerMillionTokensUsd);
        Assert.StartsWith("https://", pricing.Source);
    }
}
