using System.Text.RegularExpressions;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;

namespace Shipwise.Tests.Panel;

/// <summary>Every review the evidence panel writes for the shipped demo catalog, read the way a reader would.</summary>
public partial class DemoReviewTests
{
    /// <summary>
    /// The share of a review's 4-word sequences that also occur in the same critic's reviews of
    /// other tools, averaged over every sided review; docs/panel.md reports the figure per critic.
    /// The goal is under 30 %; this bound is what the writer reaches today (docs/panel.md says
    /// which critics miss the goal and why), so a change that makes the prose more repetitive fails.
    /// </summary>
    public const double MaxRecurringFourGrams = 0.35;

    [Fact]
    public void Every_demo_review_passes_the_validator_and_the_contradiction_checks()
    {
        var failures = DemoPanel.Reviews
            .Select(r => (r.Tool, r.Critic, r.Review, Errors: ReviewValidator.Validate(r.Review, r.Critic, r.Tool)))
            .Where(r => r.Errors.Count > 0)
            .Select(r => $"{r.Critic.Slug} on {r.Tool.Slug}: {string.Join("; ", r.Errors)}\n  {r.Review.Summary}\n  {r.Review.Body}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void No_two_demo_tools_get_byte_identical_reviews()
    {
        var twins = DemoPanel.Reviews
            .GroupBy(r => (r.Critic.Slug, Text: r.Review.Summary + "\n" + r.Review.Body))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Slug}: {string.Join(", ", g.Select(r => r.Tool.Slug))}")
            .ToList();
        Assert.True(twins.Count == 0, string.Join("\n", twins));
    }

    [Fact]
    public void No_review_counts_zero_peers_or_writes_a_before_a_vowel_sounding_number()
    {
        // "newer than 0 of 8 embedding models" and "A 8.2K tokens window" read as a machine's output.
        var zero = new System.Text.RegularExpressions.Regex(@"\b0 of \d", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        var article = new System.Text.RegularExpressions.Regex(@"\b[Aa] (8|11\b|11[.,KMB]|18\b|18[.,KMB])", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        var bad = DemoPanel.Reviews
            .Select(r => (r, text: r.Review.Summary + " " + r.Review.Body))
            .Where(x => zero.IsMatch(x.text) || article.IsMatch(x.text))
            .Select(x => $"{x.r.Tool.Slug}/{x.r.Critic.Slug}: {x.text}")
            .ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Take(10)));
    }

    [Fact]
    public void No_review_stacks_two_connectors_or_lowers_a_sentence_wrongly()
    {
        // "The catch: But no an OpenAI-compatible endpoint", "In its favour, Runtimes for X" and "trails all 2 others" were all written once.
        var stacked = new Regex(@"(The catch:|Against that,|Still,|In its favour,|To be fair,|Granted,|One plus:) (But|Still|Granted|To be fair|In its favour)\b", RegexOptions.None, TimeSpan.FromSeconds(1));
        // Also "Llama 3.1 405B (405B)", "Fireworks AI's Fireworks AI API", "Cohere's Cohere Rerank 5 service" and
        // "Together Computer's Together AI API", "on Agentset reranker leaderboard … per Agentset reranker leaderboard": a name told twice.
        // And "limits of 6,000 requests/min (Payment method on file (account-wide))": parentheses inside parentheses;
        // "Cerebras Systems's audits": a name ending in s takes an apostrophe alone.
        var article = new Regex(@"\bno an? |\b[Aa]ll 2 |\b(\d+(?:\.\d+)?B) \(\1\)|\b([A-Z]\w+)(?: [A-Z]\w+)?'s \2\b[^.]*?\b(API|service)\b|\bon ([A-Z]\w+) [^.]*per \4\b|\([^()]*\([^()]*\)\)|\b[A-Z]\w*s's\b", RegexOptions.None, TimeSpan.FromSeconds(1));
        var capital = new Regex(@"(In its favour,|To be fair,|Granted,|Still,|Against that,) (Runtimes|Hosts|Products|Closest|The|Its|Every|Other)\b", RegexOptions.None, TimeSpan.FromSeconds(1));
        var bad = DemoPanel.Reviews
            .Select(r => (r, text: r.Review.Summary + " " + r.Review.Body))
            .Where(x => stacked.IsMatch(x.text) || article.IsMatch(x.text) || capital.IsMatch(x.text))
            .Select(x => $"{x.r.Tool.Slug}/{x.r.Critic.Slug}: {x.text}")
            .ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Take(10)));
    }

    [Theory]
    [InlineData("Google", "Gemini 4 Neon", "Google's Gemini 4 Neon")]
    [InlineData("Cohere", "Cohere Rerank 5", "the Cohere Rerank 5")]
    [InlineData("Together Computer", "Together AI", "the Together AI")]
    [InlineData("Cerebras Systems", "Gemma Serve", "Cerebras Systems' Gemma Serve")]
    public void A_vendor_is_not_named_twice_before_its_own_product(string vendor, string name, string said) =>
        Assert.Equal(said, Shipwise.Core.Panel.Scoring.Phrasing.VendorsName(vendor, name));

    [Theory]
    [InlineData("30.9% (from rival Alibaba Cloud (Qwen team)), under", "30.9% (from rival Alibaba Cloud [Qwen team]), under")]
    [InlineData("(a (b (c)) d) (e)", "(a [b (c)] d) (e)")]
    [InlineData("FLUX.1 [dev] (open) and 3)", "FLUX.1 [dev] (open) and 3)")]
    public void Parentheses_inside_parentheses_become_brackets(string text, string said) =>
        Assert.Equal(said, Shipwise.Core.Panel.Scoring.Phrasing.NestedBrackets(text));

    [Theory]
    [InlineData("0.54", "54% of")]
    [InlineData("0.5", "half")]
    [InlineData("0.39", "39% of")]
    [InlineData("0.33", "a third of")]
    [InlineData("0.25", "a quarter of")]
    [InlineData("1.8", "80% above")]
    [InlineData("2", "twice")]
    [InlineData("2.4", "2.4 times")]
    public void A_ratio_is_said_in_words_only_where_the_words_are_true(string ratio, string said) =>
        Assert.Equal(said, Shipwise.Core.Panel.Scoring.Phrasing.Ratio(decimal.Parse(ratio, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("8.2K", "An")]
    [InlineData("80K", "An")]
    [InlineData("11B", "An")]
    [InlineData("18K", "An")]
    [InlineData("128K", "A")]
    [InlineData("110K", "A")]
    [InlineData("1M", "A")]
    public void A_number_takes_the_article_it_is_read_with(string number, string article) =>
        Assert.Equal(article, Shipwise.Core.Panel.Scoring.Phrasing.IndefiniteArticle(number));

    [Fact]
    public void Phrasing_varies_with_the_facts_across_the_demo_catalog()
    {
        var figure = RecurringFourGrams(DemoPanel.Reviews.Where(r => r.Review.Verdict != Verdict.NoTake).Select(r => (r.Critic.Slug, r.Tool.Slug, r.Review.Body)));
        Assert.True(figure.Overall < MaxRecurringFourGrams, $"{figure.Overall:P1} of a review's 4-grams recur; per critic: {string.Join(", ", figure.PerCritic.Select(c => $"{c.Key} {c.Value:P1}"))}");
    }

    [Fact]
    public void The_recurrence_figure_counts_a_repeated_template_and_not_distinct_prose()
    {
        // The measure itself: a template with only the name changed recurs almost entirely; distinct sentences do not.
        var template = RecurringFourGrams([("c", "a", "Alpha costs little and runs on every laptop we tried today."), ("c", "b", "Beta costs little and runs on every laptop we tried today.")]);
        var distinct = RecurringFourGrams([("c", "a", "Alpha reads a million tokens at once, more than its rivals."), ("c", "b", "Beta writes two hundred tokens a second on rented GPUs.")]);
        Assert.True(template.Overall > 0.8, template.Overall.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, distinct.Overall);
    }

    [Fact]
    public void Every_sided_review_of_a_model_or_an_api_names_a_number()
    {
        var bare = DemoPanel.Reviews
            .Where(r => r.Review.Verdict != Verdict.NoTake && r.Tool.Kind is "api" or "model" && !Digit().IsMatch(r.Review.Summary + r.Review.Body))
            .Select(r => $"{r.Critic.Slug} on {r.Tool.Slug}")
            .ToList();
        var sided = DemoPanel.Reviews.Count(r => r.Review.Verdict != Verdict.NoTake && r.Tool.Kind is "api" or "model");
        Assert.True(bare.Count * 50 <= sided, $"{bare.Count} of {sided}: {string.Join(", ", bare)}");
    }

    [Fact]
    public void A_retired_demo_tool_gets_no_verdict_from_anyone()
    {
        var retired = DemoPanel.Reviews.Where(r => r.Tool.Facts.Lifecycle?.Value.Status == LifecycleStatus.Retired).ToList();
        Assert.NotEmpty(retired);
        Assert.All(retired, r => Assert.Equal(Verdict.NoTake, r.Review.Verdict));
    }

    /// <summary>The mean, over reviews, of the share of their 4-grams found in another tool's review by the same critic.</summary>
    public static (double Overall, IReadOnlyDictionary<string, double> PerCritic) RecurringFourGrams(IEnumerable<(string Critic, string Tool, string Text)> reviews)
    {
        var list = reviews.Select(r => (r.Critic, r.Tool, Grams: Grams(r.Text))).Where(r => r.Grams.Count > 0).ToList();
        var owners = new Dictionary<(string, string), HashSet<string>>();
        foreach (var (critic, tool, grams) in list)
        {
            foreach (var gram in grams.Distinct())
            {
                if (!owners.TryGetValue((critic, gram), out var set))
                {
                    owners[(critic, gram)] = set = [];
                }

                set.Add(tool);
            }
        }

        var shares = list.Select(r => (r.Critic, Share: (double)r.Grams.Count(g => owners[(r.Critic, g)].Any(t => t != r.Tool)) / r.Grams.Count)).ToList();
        return (shares.Average(s => s.Share), shares.GroupBy(s => s.Critic).ToDictionary(g => g.Key, g => g.Average(s => s.Share)));
    }

    private static List<string> Grams(string text)
    {
        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value.Trim('.', ',')).Where(w => w.Length > 0).ToList();
        return [.. Enumerable.Range(0, Math.Max(0, words.Count - 3)).Select(i => string.Join(' ', words.Skip(i).Take(4)))];
    }

    [GeneratedRegex(@"[a-z0-9$%.,/'-]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();
}
