using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Search;

/// <summary>The shipped demo catalog searched as readers type: on the site and through the API, which must agree.</summary>
public sealed partial class DemoCatalogSearchTests(SqliteDemoApp app) : IClassFixture<SqliteDemoApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [GeneratedRegex("""<li>\s*<a href="/tools/(?<slug>[a-z0-9-]+)"><strong>""")]
    private static partial Regex SiteHit();

    private async Task<List<string>> SiteAsync(string q)
    {
        var html = await app.Client.GetStringAsync($"/search?q={Uri.EscapeDataString(q)}", Token);
        return [.. SiteHit().Matches(html).Select(m => m.Groups["slug"].Value)];
    }

    private async Task<(List<string> Slugs, long Total)> ApiAsync(string q)
    {
        var body = await app.Client.GetFromJsonAsync<JsonElement>($"/api/tools?pageSize=100&q={Uri.EscapeDataString(q)}", Token);
        return ([.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!)], body.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("mistrl")]
    [InlineData("smol vlm")]
    [InlineData("huggingface")]
    [InlineData("olama")]
    public async Task The_site_and_the_api_give_the_same_answer_in_the_same_order(string q)
    {
        var site = await SiteAsync(q);
        var (api, total) = await ApiAsync(q);
        Assert.NotEmpty(site);
        Assert.Equal(site, api);
        Assert.Equal(site.Count, total);
    }

    [Fact]
    public async Task Spaces_and_punctuation_inside_names_do_not_matter()
    {
        Assert.Equal("smolvlm2", (await ApiAsync("smol vlm")).Slugs.First());
        Assert.Equal("smolvlm2", (await ApiAsync("smolvlm")).Slugs.First());
        Assert.Contains("llama-cpp", (await ApiAsync("llamacpp")).Slugs);
    }

    [Fact]
    public async Task A_vendor_written_as_one_word_finds_its_tools()
    {
        var slugs = (await ApiAsync("huggingface")).Slugs;
        Assert.Contains("smolvlm2", slugs);
        Assert.Contains("transformers", slugs);
    }

    [Fact]
    public async Task The_closest_name_comes_first()
    {
        Assert.Equal("ollama", (await ApiAsync("olama")).Slugs.First());
        Assert.Equal("gpt-4o", (await ApiAsync("gpt 4o")).Slugs.First());
    }

    [Fact]
    public async Task An_empty_search_offers_suggestions_instead_of_a_blank_page()
    {
        var response = await app.Client.GetAsync("/search", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("Try one of these", html, StringComparison.Ordinal);
        Assert.Matches("""<a href="/tools/[a-z0-9-]+">""", html);
        Assert.Matches("""<a href="/categories/[a-z0-9-]+">""", html);
    }

    private async Task<(HttpStatusCode Status, string Html, string? Location)> CompareFormAsync(string query)
    {
        var response = await app.Client.GetAsync("/compare?" + query, Token);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token)), response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_compare_form_suggests_the_catalogs_names_without_script()
    {
        var (status, html, _) = await CompareFormAsync("");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches("""<input id="compare-a" [^>]*list="compare-names" """, html);
        Assert.Contains("""<option value="SmolVLM2"></option>""", html, StringComparison.Ordinal);
        // A name no public source supports is not offered.
        Assert.DoesNotContain("Mistral 4B", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_means_several_tools_is_asked_about_in_the_readers_order()
    {
        var (status, html, location) = await CompareFormAsync("a=llama&b=smolvlm");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(location);
        Assert.Contains("<legend>First tool: Which Llama?</legend>", html, StringComparison.Ordinal);
        Assert.Matches("""<input type="radio" name="a" value="llama-cpp" required>""", html);
        // The second name was clear: it stays in the second field, written as the tool's name.
        Assert.Matches("""<input id="compare-b" type="text" name="b" value="SmolVLM2" """, html);

        (status, html, _) = await CompareFormAsync("a=mistral&b=gpt-4o");
        Assert.Contains("<legend>First tool: Which Mistral?</legend>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unconfirmed_name_is_never_picked_silently()
    {
        var (status, html, location) = await CompareFormAsync("a=mistral-4b&b=gpt-4o");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(location);
        Assert.Contains("unconfirmed: no public source supports this name", html, StringComparison.Ordinal);
        Assert.Matches("""<input type="radio" name="a" value="mistral-4b" required>""", html);
    }

    [Fact]
    public async Task A_clear_pair_goes_straight_to_its_comparison_in_the_order_typed()
    {
        var (status, _, location) = await CompareFormAsync("a=smolvlm&b=mistral+small+3.1");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/compare/smolvlm2-vs-mistral-small-3-1", location);
    }
}
