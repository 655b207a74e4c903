using System.Text.RegularExpressions;
using Shipwise.Core.Catalog;

namespace Shipwise.Tests.Catalog;

/// <summary>The demo catalog the product ships (data/catalog): current, sourced, and honest about who measured what.</summary>
public partial class DemoCatalogTests
{
    private static readonly CatalogDocument Catalog = TestCatalogs.Read(RepoPaths.DemoCatalog);

    private static Tool Tool(string slug) => Catalog.Tools.Single(t => t.Slug == slug);

    [Fact]
    public void Every_tool_and_group_passes_validation()
    {
        var today = new DateOnly(2026, 12, 7);
        var errors = Catalog.Tools.SelectMany((t, i) => CatalogValidator.Validate(t, $"{t.Slug}", today))
            .Concat(Catalog.Groups.SelectMany(g => CatalogValidator.Validate(g, g.Slug)))
            .ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Holds_at_least_150_tools_with_unique_slugs_and_aliases()
    {
        Assert.True(Catalog.Tools.Count >= 150, $"only {Catalog.Tools.Count} tools");
        var names = Catalog.Tools.Select(t => t.Slug)
            .Concat(Catalog.Tools.SelectMany(t => t.Aliases.Select(Slug.From).Where(a => a != t.Slug).Distinct()))
            .Concat(Catalog.Groups.SelectMany(g => g.Aliases.Select(Slug.From).Prepend(g.Slug).Distinct()))
            .ToList();
        var duplicates = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "duplicated slug or alias: " + string.Join(", ", duplicates));
    }

    [Fact]
    public void Every_reference_names_a_tool_in_the_catalog()
    {
        var names = Catalog.Tools.SelectMany(t => t.Aliases.Select(Slug.From).Prepend(t.Slug)).ToHashSet();
        var references = Catalog.Tools.SelectMany(t =>
                (t.Facts.Competitors?.Value ?? []).Select(c => (t.Slug, c))
                .Concat(t.Facts.Offerings.Where(o => o.ProviderSlug is not null).Select(o => (t.Slug, o.ProviderSlug!)))
                .Concat(t.Facts.Lifecycle?.Value.Successor is { } s ? [(t.Slug, s)] : []))
            .Concat(Catalog.Groups.SelectMany(g => g.Members.Select(m => (g.Slug, m))));
        var dangling = references.Where(r => !names.Contains(r.Item2)).ToList();
        Assert.True(dangling.Count == 0, string.Join(", ", dangling.Select(d => $"{d.Item1} -> {d.Item2}")));
    }

    [Fact]
    public void Every_tool_has_a_lifecycle_and_the_core_facts_are_at_least_90_percent_filled()
    {
        Assert.All(Catalog.Tools, t => Assert.True(t.Facts.Lifecycle is not null, $"{t.Slug} has no lifecycle"));
        var applicable = Catalog.Tools.Sum(t => CoreFacts.For(t).Count);
        var missing = Catalog.Tools.Sum(t => CoreFacts.Missing(t).Count);
        var filled = (double)(applicable - missing) / applicable;
        Assert.True(filled >= 0.9, $"core facts filled: {filled:P1}");
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

    [Fact]
    public void Every_old_demo_slug_and_alias_still_leads_somewhere()
    {
        var names = Catalog.Tools.SelectMany(t => t.Aliases.Select(Slug.From).Prepend(t.Slug))
            .Concat(Catalog.Groups.SelectMany(g => g.Aliases.Select(Slug.From).Prepend(g.Slug)))
            .ToHashSet();
        var old = TestCatalogs.Read(RepoPaths.FixtureCatalog).Tools.SelectMany(t => t.Aliases.Select(Slug.From).Prepend(t.Slug));
        var lost = old.Where(n => !names.Contains(n)).ToList();
        Assert.True(lost.Count == 0, "no longer found: " + string.Join(", ", lost));
    }

    [Fact]
    public void Mistral_medium_3_is_retired_and_names_its_successor()
    {
        var lifecycle = Tool("mistral-medium-3").Facts.Lifecycle!.Value;
        Assert.Equal((LifecycleStatus.Retired, new DateOnly(2026, 8, 31)), (lifecycle.Status, lifecycle.ShutdownDate));
        Assert.Equal("mistral-medium-3-5", lifecycle.Successor);
        Assert.Contains(Catalog.Tools, t => t.Slug == lifecycle.Successor);
    }

    [Fact]
    public void The_qwen_2_5_sizes_carry_their_own_licences()
    {
        var family = Catalog.Groups.Single(g => g.Slug == "qwen-2-5");
        Assert.Equal("family", family.Kind);
        var licences = family.Members.ToDictionary(m => m, m => Tool(m).Facts.License!.Value);
        Assert.Equal("Apache-2.0", licences["qwen2-5-7b"]);
        Assert.NotEqual("Apache-2.0", licences["qwen2-5-72b"]);
        Assert.NotEqual("Apache-2.0", licences["qwen2-5-3b"]);
        Assert.Equal(100_000_000, Tool("qwen2-5-72b").Facts.LicenseTerms!.Value.UserCap);
        Assert.False(Tool("qwen2-5-3b").Facts.LicenseTerms!.Value.CommercialUse);
    }

    [Fact]
    public void Mistral_3_small_22b_is_a_disambiguation_between_two_licences()
    {
        var name = Slug.From("Mistral 3 Small (22B)");
        var group = Catalog.Groups.Single(g => g.Slug == name || g.Aliases.Select(Slug.From).Contains(name));
        Assert.Equal("disambiguation", group.Kind);
        Assert.Equal(["mistral-small-24-09", "mistral-small-3"], group.Members.Order());
        Assert.Equal("Apache-2.0", Tool("mistral-small-3").Facts.License!.Value);
        Assert.False(Tool("mistral-small-24-09").Facts.LicenseTerms!.Value.CommercialUse);
        Assert.DoesNotContain(Catalog.Tools, t => t.Aliases.Select(Slug.From).Contains(name));
    }

    [Fact]
    public void Unconfirmed_names_are_never_presented_as_verified_facts()
    {
        var unconfirmed = Catalog.Tools.Where(t => t.Facts.Lifecycle?.Value.Status == LifecycleStatus.Unconfirmed).ToList();
        Assert.Contains(unconfirmed, t => t.Slug == "mistral-4b");
        foreach (var tool in unconfirmed)
        {
            var verified = FactNames.All.Where(f => f != FactName.Lifecycle)
                .Where(f => f.ProvenancesOf(tool).Any(p => p.Status == FactStatus.Verified)).ToList();
            Assert.True(verified.Count == 0, $"{tool.Slug}: {string.Join(", ", verified)} verified");
        }
    }

    [Fact]
    public void Text_generation_inference_is_maintenance_only_since_its_readme_said_so()
    {
        var lifecycle = Tool("text-generation-inference").Facts.Lifecycle!.Value;
        Assert.Equal(LifecycleStatus.MaintenanceOnly, lifecycle.Status);
        Assert.Equal(new DateOnly(2025, 12, 11), lifecycle.DeprecationDate);
    }

    /// <summary>
    /// An evaluation is independent only if its evaluator sells no competing model: neither the
    /// tool's own vendor nor the vendor of any other tool in the same category.
    /// </summary>
    [Fact]
    public void An_evaluator_that_sells_a_competing_model_is_never_labelled_independent()
    {
        var vendorsByCategory = Catalog.Tools.GroupBy(t => t.Category)
            .ToDictionary(g => g.Key, g => g.Select(t => CoreName(t.Vendor.Name)).ToHashSet());
        var wrong = Catalog.Tools
            .SelectMany(t => t.Facts.Evaluations.Where(e => e.Relation == EvaluatorRelation.Independent).Select(e => (t, e)))
            .Where(x => Words(x.e.Evaluator).Overlaps(vendorsByCategory[x.t.Category]))
            .Select(x => $"{x.t.Slug}: {x.e.Evaluator}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));

        // The check itself can fail: a vendor scoring itself would be caught.
        var self = Catalog.Tools.First(t => t.Facts.Evaluations.Count > 0);
        Assert.True(Words(self.Vendor.Name).Overlaps(vendorsByCategory[self.Category]));
    }

    // "Mistral AI" → "mistral", "Google DeepMind" → "google": the first word names the company.
    private static string CoreName(string vendor) => WordPattern().Match(vendor.ToLowerInvariant()).Value;

    private static HashSet<string> Words(string name) =>
        [.. WordPattern().Matches(name.ToLowerInvariant()).Select(m => m.Value)];

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex WordPattern();
}
