using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Tests.Panel;

public class CriticFileTests
{
    [Fact]
    public void All_seven_critic_files_load_in_panel_order()
    {
        Assert.Equal(
            ["builder", "skeptic", "futurist", "founder", "creator", "operator", "counsel"],
            PanelCritics.Set.All.Select(c => c.Slug));
    }

    [Fact]
    public void Every_critic_uses_only_known_scorers_and_positive_weights()
    {
        foreach (var critic in PanelCritics.Set.All)
        {
            Assert.All(critic.Criteria, c => Assert.NotNull(CriterionScorers.Find(c.Key)));
            Assert.All(critic.CriteriaByKind.Values.SelectMany(c => c), c => Assert.True(c.Weight > 0));
            Assert.InRange(critic.ShipBar, 0, 100);
            Assert.All(critic.ShipRequires, k => Assert.Contains(critic.Criteria, c => c.Key == k));
        }
    }

    [Fact]
    public void Every_kind_of_tool_is_judged_by_at_least_five_critics_and_each_critic_judges_by_kind()
    {
        foreach (var (kind, critics) in new[] { ("api", 6), ("model", 6), ("runtime", 5), ("app", 5), ("provider", 5), ("library", 4) })
        {
            Assert.True(PanelCritics.Set.All.Count(c => c.CriteriaFor(kind).Count > 0) >= critics, kind);
        }

        // Critics weigh an API and open weights on different questions (the Skeptic asks the same one of both: who measured it).
        Assert.True(PanelCritics.Set.All.Count(c => !c.CriteriaFor("api").Select(x => x.Key).SequenceEqual(c.CriteriaFor("model").Select(x => x.Key))) >= 5);
    }

    [Fact]
    public void No_critic_weighs_open_weights_or_self_hosting_against_a_hosted_api()
    {
        string[] selfHosting = ["self-host-cost", "fits-hardware", "runtime-support"];
        Assert.All(PanelCritics.Set.All, c => Assert.DoesNotContain(c.CriteriaFor("api"), x => selfHosting.Contains(x.Key)));
    }

    [Fact]
    public void Version_is_the_first_12_hex_characters_of_the_file_hash()
    {
        var text = PanelCritics.FileText("builder");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
        Assert.Equal(expected, PanelCritics.Get("builder").Version);
        Assert.NotEqual(expected, CriticFile.Parse("builder.yaml", text + "\n# edited\n").Version);
    }

    [Fact]
    public void A_new_critic_can_combine_existing_scorers_without_code()
    {
        var text = PanelCritics.FileText("operator")
            .Replace("slug: operator", "slug: night-shift", StringComparison.Ordinal)
            .Replace("{ key: price-at-volume, label: the bill at volume, weight: 2 }", "{ key: price-at-volume, label: the bill at volume, weight: 0.5 }", StringComparison.Ordinal);
        var critic = CriticFile.Parse("night-shift.yaml", text);
        Assert.Equal("night-shift", critic.Slug);
        Assert.Equal(0.5, critic.CriteriaFor("api").Single(c => c.Key == "price-at-volume").Weight);
    }

    [Fact]
    public void The_same_slug_in_two_files_is_rejected()
    {
        var text = PanelCritics.FileText("builder");
        var error = Assert.Throws<CriticFileException>(() =>
            CriticSet.Load([("builder.yaml", text), ("other/builder.yaml", text)]));
        Assert.Equal("other/builder.yaml", error.FileName);
        Assert.Equal("slug", error.Field);
        Assert.Contains("builder.yaml", error.Message);
    }

    [Theory]
    [InlineData("key: api-integration,", "key: api-glue,", "criteria.api[0].key", "'api-glue' is not a scorer")]
    [InlineData("label: how little glue code it needs, weight: 3", "label: how little glue code it needs, weight: 0", "criteria.api[0].weight", "must be greater than 0")]
    [InlineData("label: how little glue code it needs, weight: 3", "label: how little glue code it needs, weight: -2", "criteria.api[0].weight", "must be greater than 0")]
    [InlineData("label: how little glue code it needs, weight: 3", "label: how little glue code it needs, weight: heavy", "criteria.api[0].weight", "not a number")]
    [InlineData("shipBar: 60", "shipBar: 101", "shipBar", "outside 0–100")]
    [InlineData("shipBar: 60", "shipBar: -1", "shipBar", "outside 0–100")]
    [InlineData("shipBar: 60", "shipBar: 60.5", "shipBar", "not a whole number")]
    [InlineData("shipBar: 60\n", "", "shipBar", "is required")]
    [InlineData("motto: Judge the first afternoon, not the launch post.\n", "", "motto", "is required")]
    [InlineData("minCoverage: 0.4", "minCoverage: 1.5", "minCoverage", "between 0 and 1")]
    [InlineData("minCoverage: 0.4", "minCoverage: 0.4\nrequireAnyOutput: [smell]", "requireAnyOutput", "not a modality")]
    [InlineData("shipRequires: [quality-vs-peers]", "shipRequires: [uptime]", "shipRequires", "not one of this critic's criteria")]
    [InlineData("shipBar: 60", "shipBar: 60\nshipbar: 61", "shipbar", "is not a field here")]
    [InlineData("  api:\n", "  robot:\n", "criteria.robot", "is not a field here")]
    [InlineData("\"Skip: {reason}\"", "\"Skip, a game-changer: {reason}\"", "voice.summarySkip[2]", "banned phrase 'game-changer'")]
    [InlineData("\"Skip: {reason}\"", "\"Skip: {facts} today.\"", "voice.summarySkip[2]", "{facts} is not available here")]
    [InlineData("slug: builder", "slug: Builder!", "slug", "not a valid slug")]
    [InlineData("slug: builder", "slug: maker", "slug", "must match the file name")]
    public void A_broken_file_names_the_file_and_the_field(string find, string replace, string field, string problem)
    {
        var text = PanelCritics.FileText("builder");
        Assert.Contains(find, text);
        var broken = ReplaceFirst(text, find, replace);

        var error = Assert.Throws<CriticFileException>(() => CriticFile.Parse("builder.yaml", broken));

        Assert.Equal("builder.yaml", error.FileName);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Problem);
        Assert.StartsWith("builder.yaml", error.Message);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void A_duplicate_criterion_is_rejected()
    {
        var text = PanelCritics.FileText("builder").Replace("{ key: first-try-cost, label: what a first try costs, weight: 1 }\n    - { key: context-length", "{ key: api-integration, label: what a first try costs, weight: 1 }\n    - { key: context-length", StringComparison.Ordinal);
        var error = Assert.Throws<CriticFileException>(() => CriticFile.Parse("builder.yaml", text));
        Assert.Equal("criteria.api[2].key", error.Field);
        Assert.Contains("weigh it once", error.Problem);
    }

    [Theory]
    [InlineData("", "(file)")]
    [InlineData("just a sentence", "(file)")]
    [InlineData("slug: [unclosed", "(file)")]
    [InlineData("slug: builder\nname: Builder\n", "criteria")]
    public void Malformed_yaml_is_reported_not_thrown_raw(string text, string field)
    {
        var error = Assert.Throws<CriticFileException>(() => CriticFile.Parse("builder.yaml", text));
        Assert.Equal(field, error.Field);
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }

    [Fact]
    public void A_critic_serialises_with_wire_names()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(PanelCritics.Get("counsel"), Shipwise.Core.Catalog.CatalogJson.Options);
        Assert.Contains("\"criteriaByKind\":{", json);
        Assert.DoesNotContain("\"scorer\"", json);
    }
}
