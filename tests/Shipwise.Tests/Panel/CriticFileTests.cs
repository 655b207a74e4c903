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
            Assert.All(critic.Criteria, c => Assert.True(c.Weight > 0));
            Assert.InRange(critic.ShipBar, 0, 100);
            Assert.InRange(critic.Beats.Count, CriticFile.MinBeats, CriticFile.MaxBeats);
        }
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
            .Replace("weight: 3", "weight: 0.5", StringComparison.Ordinal);
        var critic = CriticFile.Parse("night-shift.yaml", text);
        Assert.Equal("night-shift", critic.Slug);
        Assert.Equal(0.5, critic.Criteria.Single(c => c.Key == "price-per-token").Weight);
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
    [InlineData("key: runtime-breadth", "key: runtime-depth", "criteria[0].key", "'runtime-depth' is not a scorer")]
    [InlineData("weight: 3", "weight: 0", "criteria[0].weight", "must be greater than 0")]
    [InlineData("weight: 3", "weight: -2", "criteria[0].weight", "must be greater than 0")]
    [InlineData("weight: 3", "weight: heavy", "criteria[0].weight", "not a number")]
    [InlineData("shipBar: 60", "shipBar: 101", "shipBar", "outside 0–100")]
    [InlineData("shipBar: 60", "shipBar: -1", "shipBar", "outside 0–100")]
    [InlineData("shipBar: 60", "shipBar: 60.5", "shipBar", "not a whole number")]
    [InlineData("shipBar: 60\n", "", "shipBar", "is required")]
    [InlineData("motto: Judge the first afternoon, not the launch post.\n", "", "motto", "is required")]
    [InlineData("facts: [runtimes, quantizations]", "facts: [runtimes, licence]", "criteria[0].facts[1]", "'licence' is not a fact")]
    [InlineData("facts: [runtimes, quantizations]", "facts: [runtimes, license]", "criteria[0].facts[1]", "does not read 'license'")]
    [InlineData("facts: [runtimes, quantizations]", "facts: []", "criteria[0].facts", "at least one fact")]
    [InlineData("minCoverage: 0.35", "minCoverage: 1.5", "noTake.minCoverage", "between 0 and 1")]
    [InlineData("minCoverage: 0.35", "minCoverage: 0.35\n  kinds: [robot]", "noTake.kinds", "'robot' is not a kind")]
    [InlineData("minCoverage: 0.35", "minCoverage: 0.35\n  requireAnyModality: [smell]", "noTake.requireAnyModality", "not a modality")]
    [InlineData("shipBar: 60", "shipBar: 60\nshipbar: 61", "shipbar", "is not a field here")]
    [InlineData("about: criterion:runtime-breadth", "about: criterion:uptime-sla", "beats[1].about", "not one of this critic's criteria")]
    [InlineData("about: strongest", "about: loudest", "beats[0].about", "'loudest' is not a topic")]
    [InlineData("a builder gets stuck on its {weakest}.", "a builder calls {weakest} a game-changer.", "summary.skip", "banned phrase 'game-changer'")]
    [InlineData("a builder gets stuck on its {weakest}.", "a builder gets stuck. Badly.", "summary.skip", "single sentence")]
    [InlineData("a builder gets stuck on its {weakest}.", "a builder gets stuck on its {weakest}", "summary.skip", "must end a sentence")]
    [InlineData("a builder gets stuck on its {weakest}.", "a builder gets stuck on {facts}.", "summary.skip", "{facts} is not available here")]
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
        var text = PanelCritics.FileText("counsel").Replace("key: open-weights", "key: licence-openness", StringComparison.Ordinal)
            .Replace("facts: [openWeights]", "facts: [license]", StringComparison.Ordinal);
        var error = Assert.Throws<CriticFileException>(() => CriticFile.Parse("counsel.yaml", text));
        Assert.Equal("criteria[3].key", error.Field);
    }

    [Fact]
    public void Too_few_beats_or_too_short_lines_are_rejected()
    {
        var text = PanelCritics.FileText("builder");
        var beatsStart = text.IndexOf("  - name: the terms", StringComparison.Ordinal);
        var beatsEnd = text.IndexOf("noTakeReview:", StringComparison.Ordinal);
        var error = Assert.Throws<CriticFileException>(() => CriticFile.Parse("builder.yaml", text[..beatsStart] + text[beatsEnd..]));
        Assert.Equal("beats", error.Field);

        var shortLines = ReplaceFirst(text, "A builder's verdict needs something concrete to build against: how it installs, which runtimes carry it, and whose terms it ships under.", "Not enough.");
        error = Assert.Throws<CriticFileException>(() => CriticFile.Parse("builder.yaml", shortLines));
        Assert.Equal("noTakeReview", error.Field);
        Assert.Contains("lengthen", error.Problem);
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
        Assert.Contains("\"facts\":[\"license\"]", json);
        Assert.DoesNotContain("\"scorer\"", json);
    }
}
