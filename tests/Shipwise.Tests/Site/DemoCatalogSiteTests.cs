using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Site;

/// <summary>The shipped demo catalog as readers meet it: lifecycles, families, ambiguous names and grouped evidence.</summary>
public abstract class DemoCatalogSiteTests(AppFixture app)
{
    private HttpClient Client => app.Client;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<JsonElement> JsonAsync(string path)
    {
        var response = await Client.GetAsync(path, Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }

    private async Task<string> PageAsync(string path)
    {
        var response = await Client.GetAsync(path, Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task The_tool_page_reads_verdict_specs_comparisons_critics_then_facts()
    {
        var page = await PageAsync("/tools/smolvlm2");
        int At(string marker)
        {
            var at = page.IndexOf(marker, StringComparison.Ordinal);
            Assert.True(at >= 0, $"missing {marker}");
            return at;
        }

        int[] order = [At("class=\"verdict-box\""), At("class=\"spec-strip\""), At(">How it compares</h2>"), At(">What each critic says</h2>"), At(">Facts and sources</h2>")];
        Assert.Equal(order.Order(), order);

        // One headline number; the badge score, the mean and the community figure are not repeated beside it.
        var verdict = page[At("class=\"verdict-box\"")..At("class=\"spec-strip\"")];
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(verdict, "headline-figure"));
        Assert.Matches(@"headline-figure"">\d+%</strong>", verdict);
        Assert.DoesNotContain("badge score", page, StringComparison.Ordinal);
        Assert.DoesNotContain("mean critic score", page, StringComparison.Ordinal);

        var specs = page[At("class=\"spec-strip\"")..At(">How it compares</h2>")];
        Assert.Contains("<dt>Licence</dt><dd>Apache-2.0</dd>", specs, StringComparison.Ordinal);
        Assert.Contains("<dt>Lifecycle</dt><dd>Active</dd>", specs, StringComparison.Ordinal);
        Assert.Contains("<dt>Price</dt>", specs, StringComparison.Ordinal);

        // Its competitors by name, each with a compare link.
        var compares = page[At(">How it compares</h2>")..At(">What each critic says</h2>")];
        Assert.Contains(">SmolVLM2 vs Qwen3-VL</a>", compares, StringComparison.Ordinal);
        Assert.DoesNotContain(">SmolVLM2 vs qwen3-vl<", compares, StringComparison.Ordinal);

        // Every critic's pass mark is drawn on the score chart.
        var critics = (await JsonAsync("/api/critics")).EnumerateArray().Count();
        Assert.Equal(critics, System.Text.RegularExpressions.Regex.Matches(page, "class=\"chart-shipbar\"").Count);
    }

    [Fact]
    public async Task The_home_page_starts_a_comparison_and_lists_only_categories_that_hold_tools()
    {
        var page = await PageAsync("/");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "type=\"search\""));
        Assert.Matches("""<form method="get" action="/compare" class="compare-picker">""", page);
        Assert.Contains("list=\"home-compare-names\"", page, StringComparison.Ordinal);
        Assert.Contains("What changed this week, and why", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">0 tools<", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(@">0 tools,", page);
        Assert.Matches(@"class=""pairs"">\s*<li><a href=""/compare/[a-z0-9-]+-vs-[a-z0-9-]+"">", page);
        // Twelve "new verdict" rows became one line.
        Assert.DoesNotContain("new verdict", page, StringComparison.Ordinal);
        Assert.Matches(@"<strong>\d+ tools got a first verdict:</strong>", page);
    }

    [Fact]
    public async Task Serves_more_than_150_tools()
    {
        var body = await JsonAsync("/api/tools?pageSize=1");
        Assert.True(body.GetProperty("total").GetInt64() >= 150, body.GetProperty("total").ToString());
    }

    [Fact]
    public async Task Open_weights_whose_hosted_service_shut_down_read_deprecated_not_retired()
    {
        // Devstral Small 2's hosted endpoint shut down on 31 Mar 2026; its weights still download.
        var lifecycle = (await JsonAsync("/api/tools/devstral-small-2")).GetProperty("lifecycle");
        Assert.Equal("deprecated", lifecycle.GetProperty("status").GetString());
        Assert.True(lifecycle.GetProperty("canBePicked").GetBoolean());
        var page = await PageAsync("/tools/devstral-small-2");
        Assert.Contains("Deprecated: the vendor's hosted service for it shut down on 31 Mar 2026; the weights still download.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Retired", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mistral_medium_3_says_it_is_retired_and_names_its_successor_in_the_api_and_on_its_page()
    {
        var lifecycle = (await JsonAsync("/api/tools/mistral-medium-3")).GetProperty("lifecycle");
        Assert.Equal("retired", lifecycle.GetProperty("status").GetString());
        Assert.Equal("2026-08-31", lifecycle.GetProperty("shutdownDate").GetString());
        Assert.Equal("mistral-medium-3-5", lifecycle.GetProperty("successorSlug").GetString());
        Assert.False(lifecycle.GetProperty("canBePicked").GetBoolean());

        var page = await PageAsync("/tools/mistral-medium-3");
        Assert.Contains("Retired on 31 Aug 2026: it no longer works. Mistral Medium 3.5 replaces it.", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/tools/mistral-medium-3-5\"", page, StringComparison.Ordinal);

        // One banner, under the name; the facts and their sources link the successor too, by name, never by its slug.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "class=\"lifecycle-banner"));
        var facts = page[page.IndexOf(">Facts and sources</h2>", StringComparison.Ordinal)..];
        Assert.Contains(">Mistral Medium 3.5</a>", facts, StringComparison.Ordinal);
        Assert.DoesNotContain(">mistral-medium-3-5<", page, StringComparison.Ordinal);
        var freshness = (await JsonAsync("/api/tools/mistral-medium-3")).GetProperty("freshness").GetProperty("lifecycle");
        Assert.Equal("Mistral Medium 3.5", freshness.GetProperty("successorName").GetString());
    }

    [Fact]
    public async Task The_qwen_2_5_family_page_shows_each_entry_with_its_own_licence()
    {
        var family = await JsonAsync("/api/tools/qwen-2-5");
        Assert.True(family.GetProperty("isGroup").GetBoolean());
        var licences = family.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("slug").GetString()!, m => m.GetProperty("licence").GetString()!);
        Assert.Equal("Apache-2.0", licences["qwen2-5-7b"]);
        Assert.NotEqual("Apache-2.0", licences["qwen2-5-72b"]);
        Assert.NotEqual(licences["qwen2-5-72b"], licences["qwen2-5-3b"]);

        var page = await PageAsync("/tools/qwen-2-5");
        Assert.Contains("Qwen2.5: which entry?", page, StringComparison.Ordinal);

        // And the 72B's own page points back at its family.
        Assert.Contains("Other entries of the Qwen2.5 family", await PageAsync("/tools/qwen2-5-72b"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ambiguous_name_leads_to_a_page_that_shows_both_tools_and_picks_neither()
    {
        var response = await Client.GetAsync("/tools/Mistral%203%20Small%20(22B)", Token);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/tools/mistral-3-small-22b", response.Headers.Location!.OriginalString);

        var page = await PageAsync("/tools/mistral-3-small-22b");
        Assert.Contains("which tool do you mean?", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/tools/mistral-small-24-09\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/tools/mistral-small-3\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mistral 3 Small (22B)", "mistral-small-24-09")]
    [InlineData("Mistral 3 Small (22B)", "mistral-small-3")]
    [InlineData("Qwen2.5", "qwen2-5-72b")]
    [InlineData("Qwen2.5-72B-Instruct", "qwen2-5-72b")]
    [InlineData("TGI", "text-generation-inference")]
    [InlineData("mistrl medium", "mistral-medium-3-5")]
    public async Task The_api_search_finds_every_alias_and_group_name_like_the_site_does(string query, string slug)
    {
        var body = await JsonAsync($"/api/tools?q={Uri.EscapeDataString(query)}&pageSize=50");
        var found = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        Assert.Contains(slug, found);

        var page = await PageAsync($"/search?q={Uri.EscapeDataString(query)}");
        Assert.Contains($"href=\"/tools/{slug}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facts_are_grouped_evaluations_say_who_ran_them_and_missing_core_facts_share_one_line()
    {
        var tool = await JsonAsync("/api/tools/mistral-medium-3");
        var groups = tool.GetProperty("factGroups").EnumerateArray().Select(g => g.GetProperty("key").GetString()).ToList();
        Assert.Equal(["quality", "capabilities", "cost", "hardware", "api", "data", "licence", "lifecycle", "related"], groups);
        var quality = tool.GetProperty("factGroups")[0].GetProperty("lines")[0];
        Assert.Equal("1,369 Elo · run by LMArena, independent", quality.GetProperty("value").GetString());
        var missing = tool.GetProperty("notOnRecord").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("prompt caching", missing);

        var page = await PageAsync("/tools/mistral-medium-3");
        Assert.Contains("Quality: who measured what", page, StringComparison.Ordinal);
        Assert.Contains("1,369 Elo · run by LMArena, independent", page, StringComparison.Ordinal);
        // The missing core facts are one collapsed line, not a row each.
        Assert.Matches(@"<details class=""not-on-record"">\s*<summary>\d+ facts? not on record</summary>\s*<p>No source on record yet for: [^<]*prompt caching", page);
        Assert.DoesNotContain(">Unknown<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_specs_name_only_what_applies_to_the_tools_kind()
    {
        // A provider has no licence or parameter count: "Not on record: licence, size" read as a gap.
        var provider = await PageAsync("/tools/together-ai");
        Assert.DoesNotContain("Not on record: licence", provider, StringComparison.Ordinal);
        Assert.DoesNotContain("size.</p>", provider, StringComparison.Ordinal);
        Assert.Contains("<dt>Regions</dt><dd>US, CA</dd>", provider, StringComparison.Ordinal);

        // A runtime has a licence but no size; a model has both.
        Assert.DoesNotContain("size.</p>", await PageAsync("/tools/vllm"), StringComparison.Ordinal);
        Assert.Contains("<dt>Size</dt>", await PageAsync("/tools/mistral-7b"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_context_window_reads_the_same_on_the_tool_page_the_compare_page_and_in_the_api()
    {
        var tool = await JsonAsync("/api/tools/qwen2-5-72b");
        var context = tool.GetProperty("factGroups").EnumerateArray()
            .SelectMany(g => g.GetProperty("lines").EnumerateArray())
            .Single(l => l.GetProperty("fact").GetString() == "contextWindow").GetProperty("value").GetString()!;
        Assert.Contains(context, await PageAsync("/tools/qwen2-5-72b"), StringComparison.Ordinal);

        var compare = await JsonAsync("/api/compare/llama-3-1-405b/qwen2-5-72b");
        var row = compare.GetProperty("factRows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "context-window");
        Assert.Equal(context, row.GetProperty("right").GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_retired_tool_on_a_compare_page_has_its_banner_and_is_never_the_pick()
    {
        var page = await PageAsync("/compare/gpt-4o-mini-vs-mistral-medium-3");
        Assert.Contains("Mistral Medium 3: Retired on 31 Aug 2026", page, StringComparison.Ordinal);

        var compare = await JsonAsync("/api/compare/gpt-4o-mini/mistral-medium-3");
        var answers = compare.GetProperty("answers").EnumerateArray().ToList();
        Assert.NotEmpty(answers);
        var picks = answers.Select(a => a.TryGetProperty("toolSlug", out var slug) ? slug.GetString() : null).ToList();
        Assert.DoesNotContain("mistral-medium-3", picks);
    }
}

public sealed class SqliteDemoCatalogSiteTests(SqliteDemoApp app) : DemoCatalogSiteTests(app), IClassFixture<SqliteDemoApp>;

public sealed class PostgresDemoCatalogSiteTests(PostgresDemoApp app) : DemoCatalogSiteTests(app), IClassFixture<PostgresDemoApp>;
