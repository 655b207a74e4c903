using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Site;

/// <summary>Every public route over HTTP: content, canonical redirects and 404s.</summary>
public abstract partial class SiteRouteTests(AppFixture app)
{
    private HttpClient Client => app.Client;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<string> HtmlAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.GetAsync(path, Token);
        Assert.Equal(expected, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Token);
    }

    [Theory]
    [InlineData("/", "What changed this week, and why")]
    [InlineData("/tools/smolvlm2", "What each critic says")]
    [InlineData("/compare/mistral-small-3-1-vs-smolvlm2", "Reviewer scorecard")]
    [InlineData("/compare", "Compare any two AI tools")]
    [InlineData("/critics", "The panel")]
    [InlineData("/critics/skeptic", "Verdicts by category")]
    [InlineData("/critics/builder?category=vision-language-models", "Builder on vision-language models")]
    [InlineData("/categories", "Vision-language models")]
    [InlineData("/categories/inference-runtimes", "Serving runtimes, ranked")]
    [InlineData("/search?q=mistal+small", "Mistral Small 3.1")]
    [InlineData("/about", "How the panel works")]
    [InlineData("/embed/smolvlm2", "SmolVLM2")]
    public async Task Every_page_renders(string path, string expected)
    {
        var html = await HtmlAsync(path);
        Assert.Contains(expected, html);
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart());
        Assert.Matches("<link rel=\"canonical\" href=\"http[^\"]+\">", html);
    }

    [Theory]
    [InlineData("/tools/SmolVLM2-2B", "/tools/smolvlm2")]
    [InlineData("/tools/SmolVLM2", "/tools/smolvlm2")]
    [InlineData("/compare/smolvlm2-2b-vs-mistral-small-3-1", "/compare/smolvlm2-vs-mistral-small-3-1")]
    [InlineData("/compare/mistral-small-3-1-vs-smolvlm2-2b", "/compare/mistral-small-3-1-vs-smolvlm2")]
    [InlineData("/compare/SmolVLM2-vs-Mistral-Small-3-1", "/compare/smolvlm2-vs-mistral-small-3-1")]
    [InlineData("/api/compare/smolvlm2-2b/mistral-small-3-1", "/api/compare/smolvlm2/mistral-small-3-1")]
    [InlineData("/badge/SmolVLM2-2B.svg", "/badge/smolvlm2.svg")]
    [InlineData("/embed/smolvlm2-2b", "/embed/smolvlm2")]
    [InlineData("/critics/Builder", "/critics/builder")]
    [InlineData("/categories/Language-Models", "/categories/language-models")]
    public async Task Other_spellings_redirect_permanently_to_the_canonical_address(string path, string canonical)
    {
        var response = await Client.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/tools/no-such-tool")]
    [InlineData("/compare/no-such-tool-vs-smolvlm2")]
    [InlineData("/compare/smolvlm2-vs-smolvlm2")]
    [InlineData("/compare/gpt-4o-mini%0A-vs-smolvlm2")]
    [InlineData("/compare/smolvlm2%0A-vs-gpt-4o-mini")]
    [InlineData("/compare/just-one-tool")]
    [InlineData("/critics/nobody")]
    [InlineData("/categories/robots")]
    [InlineData("/categories/language-models?page=99")]
    [InlineData("/embed/no-such-tool")]
    [InlineData("/nothing/here")]
    public async Task Missing_pages_are_a_404_page(string path)
    {
        var html = await HtmlAsync(path, HttpStatusCode.NotFound);
        Assert.Contains("Page not found", html);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html);
    }

    [Fact]
    public async Task A_404_suggests_the_nearest_tools()
    {
        var html = await HtmlAsync("/tools/mistral-smal-3-1", HttpStatusCode.NotFound);
        var suggestions = Regex.Matches(html[html.IndexOf("Did you mean", StringComparison.Ordinal)..], "href=\"/tools/([a-z0-9-]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("mistral-small-3-1", suggestions[0]);
    }

    [Theory]
    [InlineData("/badge/no-such-tool.svg")]
    [InlineData("/sitemaps/tools-99.xml")]
    public async Task Missing_files_are_404(string path)
    {
        var response = await Client.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_tool_page_carries_the_verdict_every_critic_sources_and_structured_data()
    {
        var html = await HtmlAsync("/tools/smolvlm2");
        Assert.Matches(@"(Ship|Skip) · \d ship / \d skip|No verdict yet", html);
        Assert.Equal(7, Regex.Matches(html, "class=\"card critic-card\"").Count);
        Assert.Contains("Facts and sources", html);
        Assert.Matches("<a href=\"https://[^\"]+\" rel=\"noopener nofollow\">", html);
        Assert.Contains("Pricing: Free.", html);
        Assert.Contains("role=\"img\"", html);
        Assert.Contains("/badge/smolvlm2.svg", html);
        Assert.Contains("&lt;iframe src=", html);
        Assert.Contains("property=\"og:title\"", html);

        var jsonLd = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var data = JsonDocument.Parse(jsonLd).RootElement;
        Assert.Equal("SoftwareApplication", data.GetProperty("@type").GetString());
        var reviews = data.GetProperty("review").EnumerateArray().ToList();
        Assert.NotEmpty(reviews);
        Assert.All(reviews, r =>
        {
            Assert.Equal("SoftwareApplication", r.GetProperty("author").GetProperty("@type").GetString());
            Assert.Contains("not written by a person", r.GetProperty("author").GetProperty("description").GetString());
        });
    }

    [Fact]
    public async Task The_compare_page_answers_per_use_case_with_the_decision_table_and_scorecard()
    {
        var html = await HtmlAsync("/compare/mistral-small-3-1-vs-smolvlm2");
        Assert.Contains("Which one should you ship with?", html);
        Assert.Contains("The answer", html);
        Assert.Contains("Running on a phone or laptop?", html);
        Assert.Contains("Decision table", html);
        foreach (var label in new[] { "Panel verdict", "Community", "Pricing", "Best for", "Category" })
        {
            Assert.Contains($"<th scope=\"row\">{label}</th>", html);
        }

        Assert.Contains("Licence", html);
        Assert.Contains("Context window", html);
        Assert.Equal(7, Regex.Matches(html, "<th scope=\"row\"><a href=\"/critics/").Count);
    }

    [Fact]
    public async Task The_compare_api_returns_both_sides_the_rows_the_scorecard_and_the_answer()
    {
        var response = await Client.GetAsync("/api/compare/mistral-small-3-1/smolvlm2", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("mistral-small-3-1", body.GetProperty("left").GetProperty("slug").GetString());
        Assert.Equal("smolvlm2", body.GetProperty("right").GetProperty("slug").GetString());
        Assert.Equal("/compare/mistral-small-3-1-vs-smolvlm2", body.GetProperty("path").GetString());
        Assert.Equal(5, body.GetProperty("decisionRows").GetArrayLength());
        Assert.True(body.GetProperty("factRows").GetArrayLength() >= 8);
        Assert.Equal(7, body.GetProperty("scorecard").GetArrayLength());
        var answers = body.GetProperty("answers").EnumerateArray().ToList();
        Assert.NotEmpty(answers);
        Assert.All(answers, a => Assert.Contains(a.GetProperty("pick").GetString(), new[] { "left", "right", "depends", "neither", "unknown" }));
        Assert.Contains(answers, a => a.GetProperty("useCase").GetString() == "overall");

        // The verdict the page's banner shows, from the same view model.
        var verdict = body.GetProperty("verdict");
        Assert.False(string.IsNullOrWhiteSpace(verdict.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(verdict.GetProperty("why").GetString()));
        var html = await HtmlAsync("/compare/mistral-small-3-1-vs-smolvlm2", HttpStatusCode.OK);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(verdict.GetProperty("title").GetString()!), html);
    }

    [Theory]
    [InlineData("/api/compare/no-such-tool/smolvlm2", HttpStatusCode.NotFound, "no-such-tool")]
    [InlineData("/api/compare/smolvlm2/smolvlm2-2b", HttpStatusCode.BadRequest, "same tool")]
    public async Task The_compare_api_names_what_is_wrong(string path, HttpStatusCode status, string named)
    {
        var response = await Client.GetAsync(path, Token);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task The_compare_form_keeps_the_readers_order_and_names_an_unknown_tool()
    {
        var found = await Client.GetAsync("/compare?a=smolvlm&b=mistral+small+3.1", Token);
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal("/compare/smolvlm2-vs-mistral-small-3-1", found.Headers.Location?.OriginalString);
        var other = await Client.GetAsync("/compare?a=mistral+small+3.1&b=smolvlm", Token);
        Assert.Equal("/compare/mistral-small-3-1-vs-smolvlm2", other.Headers.Location?.OriginalString);

        var html = await HtmlAsync("/compare?a=smolvlm2&b=zzqqxx", HttpStatusCode.BadRequest);
        Assert.Contains("The second tool: No tool matches “zzqqxx”", html);
    }

    [Fact]
    public async Task A_page_has_an_etag_and_a_matching_conditional_get_is_304()
    {
        var first = await Client.GetAsync("/tools/vllm", Token);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/tools/vllm");
        request.Headers.IfNoneMatch.Add(etag);
        var second = await Client.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public async Task Pages_send_a_content_security_policy_and_only_the_embed_card_may_be_framed()
    {
        var page = await Client.GetAsync("/tools/vllm", Token);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        var embed = await Client.GetAsync("/embed/vllm", Token);
        Assert.Contains("frame-ancestors *", embed.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task The_badge_is_an_svg_with_the_verdict()
    {
        var response = await Client.GetAsync("/badge/smolvlm2.svg", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Matches("(Ship|Skip) \\d+(\\.\\d)?/10|No verdict", svg.Root!.Value);
    }

    [Fact]
    public async Task The_feed_lists_verdicts_as_atom()
    {
        var response = await Client.GetAsync("/feed.atom", Token);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entries = feed.Root!.Elements(atom + "entry").ToList();
        Assert.InRange(entries.Count, 30, 50);
        Assert.All(entries, e => Assert.StartsWith("http", e.Element(atom + "link")!.Attribute("href")!.Value));
    }

    [Fact]
    public async Task The_sitemap_lists_tools_critics_categories_and_competitor_comparisons_that_all_exist()
    {
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var index = XDocument.Parse(await Client.GetStringAsync("/sitemap.xml", Token));
        var files = index.Root!.Elements(sm + "sitemap").Select(s => new Uri(s.Element(sm + "loc")!.Value).PathAndQuery).ToList();
        Assert.Contains("/sitemaps/pages.xml", files);
        var urls = new List<string>();
        foreach (var file in files)
        {
            var set = XDocument.Parse(await Client.GetStringAsync(file, Token));
            urls.AddRange(set.Root!.Elements(sm + "url").Select(u => new Uri(u.Element(sm + "loc")!.Value).PathAndQuery));
        }

        Assert.Contains("/tools/smolvlm2", urls);
        Assert.Contains("/critics/counsel", urls);
        Assert.Contains("/categories/local-ai-apps", urls);
        var comparisons = urls.Where(u => u.StartsWith("/compare/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(comparisons);
        Assert.Equal(urls.Count, urls.Distinct().Count());
        foreach (var url in comparisons)
        {
            var response = await Client.GetAsync(url, Token);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} is listed in the sitemap but answers {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Category_pages_rank_ship_before_skip_before_no_verdict()
    {
        var html = await HtmlAsync("/categories/vision-language-models");
        var verdicts = Regex.Matches(html, "<span class=\"verdict verdict-(ship|skip|none)\">").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(verdicts);
        var rank = verdicts.Select(v => v switch { "ship" => 0, "skip" => 1, _ => 2 }).ToList();
        Assert.Equal(rank.Order().ToList(), rank);
    }

    [Fact]
    public async Task A_critic_page_groups_its_verdicts_by_category_and_links_the_rest_of_the_panel()
    {
        var html = await HtmlAsync("/critics/counsel");
        Assert.Matches(@"Language models</a>: \d+ tools, \d+ shipped", html);
        Assert.Equal(6, Regex.Matches(html[html.IndexOf("The rest of the panel", StringComparison.Ordinal)..], "href=\"/critics/").Count);
    }
}

public sealed class SqliteSiteRouteTests(SqliteApp app) : SiteRouteTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSiteRouteTests(PostgresApp app) : SiteRouteTests(app), IClassFixture<PostgresApp>;
