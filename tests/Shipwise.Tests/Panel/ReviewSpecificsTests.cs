using System.Text.RegularExpressions;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Peers;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Tests.Panel;

/// <summary>
/// Sentences carry the tool's own specifics rather than a shared template: which peer is named,
/// the alternatives of its size, the dollars a discount saves, the age of its oldest fact.
/// </summary>
public partial class ReviewSpecificsTests
{
    private static ReviewInputs Inputs(Tool tool) => new(tool, DemoPanel.PeersOf(tool), DemoPanel.Today, tool.Slug);

    private static IEnumerable<Finding> Findings(string scorer, Tool tool) =>
        CriterionScorers.Find(scorer)!.Score(Inputs(tool))?.Findings ?? [];

    [Fact]
    public void Tools_level_with_the_same_crowd_name_different_members_of_it()
    {
        // Many language models read about 1M tokens; each used to be "level with" the same first name.
        var models = DemoPanel.Tools.Where(t => t.Category == "language-models" && t.Facts.ContextWindow?.Value is >= 1_000_000 and <= 1_050_000).ToList();
        var peers = DemoPanel.PeersOf(models[0]);
        var named = models
            .Select(t => peers.Standing(t.Slug, t.Facts.ContextWindow!.Value, p => p.Context, level: 0.05m)?.Level)
            .OfType<string>().ToList();
        Assert.True(models.Count >= 10, $"{models.Count} models at 1M tokens");
        Assert.True(named.Distinct().Count() >= 4, string.Join(", ", named.Distinct()));
    }

    [Fact]
    public void The_peers_nearest_in_size_are_the_nearest_licensed_ones()
    {
        var models = DemoPanel.Tools.Where(t => t.Kind == "model" && t.Facts.Parameters is not null).ToList();
        Assert.NotEmpty(models);
        foreach (var tool in models)
        {
            var peers = DemoPanel.PeersOf(tool);
            var size = tool.Facts.Parameters!.Value.TotalBillions;
            var near = peers.NearestInSize(tool.Slug, size, Phrasing.Hash(tool.Slug));
            var others = peers.Peers.Where(p => p.Slug != tool.Slug && p.CanBePicked && p.License is not null && p.TotalBillions is not null).ToList();
            Assert.Equal(Math.Min(2, others.Count), near.Count);
            Assert.DoesNotContain(near, p => p.Slug == tool.Slug);
            if (near.Count == 0)
            {
                continue;
            }

            // Nothing licensed lies strictly between the tool's size and the first pick's.
            var gap = Math.Abs(near[0].TotalBillions!.Value - size);
            Assert.DoesNotContain(others, p => Math.Abs(p.TotalBillions!.Value - size) < gap);
        }
    }

    [Fact]
    public void A_model_s_licence_peers_are_named_with_their_size_and_licence()
    {
        var scout = DemoPanel.Tool("llama-4-scout");
        var near = DemoPanel.PeersOf(scout).NearestInSize(scout.Slug, scout.Facts.Parameters!.Value.TotalBillions, Phrasing.Hash(scout.Slug));
        var line = Findings("licence-terms", scout).Single(f => f.Aspect == "licence-peers").Text;
        Assert.All(near, p => Assert.Contains($"{p.Name} ({FactFormat.Number(p.TotalBillions!.Value)}B)", line, StringComparison.Ordinal));
        Assert.All(near, p => Assert.Contains(FactFormat.License(p.License!), line, StringComparison.Ordinal));
        Assert.Contains("109B", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_licence_is_called_closed_not_by_the_word_proprietary()
    {
        var lines = DemoPanel.Tools.Where(t => t.Facts.License?.Value == "proprietary" && t.Kind != "api")
            .SelectMany(t => Findings("licence-terms", t)).Where(f => f.Aspect == "licence-peers").Select(f => f.Text).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.DoesNotContain("Proprietary", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("closed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_batch_discount_is_said_in_dollars_on_the_vendor_s_bill()
    {
        var tools = DemoPanel.Tools.Where(t => t.Facts.BatchDiscountPercent is { Value: > 0 } && Inputs(t).VendorPrice is not null).ToList();
        Assert.NotEmpty(tools);
        foreach (var tool in tools)
        {
            var own = Inputs(tool).VendorPrice!;
            var after = own.Monthly * (100 - tool.Facts.BatchDiscountPercent!.Value) / 100;
            var line = Findings("price-at-volume", tool).Single(f => f.Text.Contains("batch API", StringComparison.Ordinal)).Text;
            Assert.Contains($"{Phrasing.Money(own.Monthly)} a month", line, StringComparison.Ordinal);
            Assert.Contains($"becomes {Phrasing.Money(after)}", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unverified_fact_is_called_unverified_and_only_a_vendor_claim_is_the_vendors_word()
    {
        // OpenAI's SDK lists are unverified (read in part from a third party), not OpenAI's own claim.
        var gpt = DemoPanel.Review(DemoPanel.Tool("gpt-5-5"), "founder");
        Assert.Contains("SDKs are unverified", gpt.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("OpenAI's word", gpt.Body, StringComparison.Ordinal);

        var sided = DemoPanel.Reviews.Where(r => r.Review.Verdict != Verdict.NoTake).ToList();
        var onWord = sided.Where(r => r.Review.Body.Contains("'s word", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(onWord);
        Assert.All(onWord, r => Assert.True(
            r.Review.CitedFacts.Any(f => f.Status == FactStatus.VendorClaim),
            $"{r.Critic.Slug} on {r.Tool.Slug} names the vendor's word, but nothing it cites is a vendor claim: {r.Review.Body}"));
    }

    [Fact]
    public void Missing_serving_features_are_listed_with_or()
    {
        var tool = SyntheticTools.Bare("server-only", "runtime", new ToolFacts { ServingFeatures = SyntheticTools.Fact<IReadOnlyList<string>>(["openai-compatible-server"]) });
        var line = Findings("serving-features", tool).Single().Text;
        Assert.Contains("or prefix caching", line, StringComparison.Ordinal);
        Assert.DoesNotContain("and prefix caching", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Counsel_names_the_hosts_whose_terms_also_apply()
    {
        var tool = DemoPanel.Tool("claude-opus-4-8");
        var hosts = tool.Facts.Offerings.Select(o => ReviewInputs.ShortName(o.Provider)).Distinct().ToList();
        var line = Findings("data-handling", tool).Single(f => f.Aspect == "data-hosts").Text;
        Assert.All(hosts, h => Assert.Contains(h, line, StringComparison.Ordinal));
    }

    [Fact]
    public void Counsel_sets_an_apis_retention_and_regions_beside_the_hosted_peers_that_state_them()
    {
        var tool = DemoPanel.Tool("gemini-4-carbon");
        var peers = DemoPanel.Tools.Where(t => t.Category == tool.Category && t.Kind == "api" && t.Slug != tool.Slug
            && t.Facts.Lifecycle?.Value.Status is not (LifecycleStatus.Retired or LifecycleStatus.Unconfirmed)).ToList();
        var stating = peers.Where(t => t.Facts.DataRetentionDays is not null).ToList();
        var shorter = stating.Count(t => t.Facts.DataRetentionDays!.Value < tool.Facts.DataRetentionDays!.Value);
        Assert.InRange(shorter, 1, stating.Count - 1);
        Assert.Contains($"longer than {shorter} of {stating.Count} hosted peers stating a period", Findings("data-handling", tool).Single(f => f.Aspect == "data").Text, StringComparison.Ordinal);

        // A US-only API is told how many peers offer the EU, and one of them is named.
        var usOnly = DemoPanel.Tool("claude-opus-5-5");
        var regions = peers.Append(tool).Where(t => t.Slug != usOnly.Slug && t.Facts.DataResidency is not null).ToList();
        var eu = regions.Where(t => t.Facts.DataResidency!.Value.Contains("eu")).ToList();
        var line = Findings("residency-compliance", usOnly).Single(f => f.Aspect == "residency").Text;
        Assert.Contains($"{eu.Count} of {regions.Count} hosted peers stating regions offer the EU", line, StringComparison.Ordinal);
        Assert.Contains(eu, t => line.Contains($"{ReviewInputs.ShortName(t.Name)} among them", StringComparison.Ordinal));
    }

    [Fact]
    public void A_review_that_dates_its_oldest_fact_gives_the_right_date()
    {
        var dated = 0;
        foreach (var (tool, _, review) in DemoPanel.Reviews)
        {
            if (Oldest().Match(review.Body) is not { Success: true } m)
            {
                continue;
            }

            dated++;
            var oldest = Inputs(tool).AllUses().Where(u => u.Name is not (FactName.Competitors or FactName.ReleaseDate)).Min(u => u.Cited.AsOf);
            Assert.Equal(FactFormat.Date(oldest), m.Groups["date"].Value);
        }

        Assert.True(dated > 10, $"{dated} reviews date their oldest fact");
    }

    [Fact]
    public void A_name_ending_in_s_takes_a_bare_apostrophe_where_facts_are_counted()
    {
        Assert.Equal("Transformers'", Phrasing.Possessive("Transformers"));
        Assert.Equal("vLLM's", Phrasing.Possessive("vLLM"));
        var lines = DemoPanel.Reviews.SelectMany(r => r.Review.Body.Split(". ")).Where(s => s.Contains(" facts,", StringComparison.Ordinal) && s.Contains("verified", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, l => l.Contains("s's ", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"(?:verified, dating from|oldest fact on record, [^,]+, dates from) (?<date>\d{1,2} [A-Z][a-z]{2} \d{4})")]
    private static partial Regex Oldest();
}
