using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shipwise.Tests.Site;

/// <summary>The compare page, the form and the API keep the order the reader named the tools in.</summary>
public abstract partial class SiteRouteTests
{
    [Theory]
    [InlineData("smolvlm2", "SmolVLM2", "mistral-small-3-1", "Mistral Small 3.1")]
    [InlineData("mistral-small-3-1", "Mistral Small 3.1", "smolvlm2", "SmolVLM2")]
    public async Task The_compare_page_puts_the_first_named_tool_on_the_left_and_names_one_canonical_address(
        string left, string leftName, string right, string rightName)
    {
        // Twice: the second answer comes from the page cache, which must keep the two orders apart.
        for (var i = 0; i < 2; i++)
        {
            var html = await HtmlAsync($"/compare/{left}-vs-{right}");
            Assert.Contains($"<h1 class=\"cmp-title\"><span class=\"cmp-name-left\">{leftName}</span> <span class=\"cmp-vs\">vs</span> <span class=\"cmp-name-right\">{rightName}</span></h1>", html);
            Assert.Contains($"<th scope=\"col\">Question</th><th scope=\"col\">{leftName}</th><th scope=\"col\">{rightName}</th>", html);
            Assert.Contains($"<h2 id=\"side-left\"><a href=\"/tools/{left}\">", html);
            Assert.Contains($"<h2 id=\"side-right\"><a href=\"/tools/{right}\">", html);
            Assert.Matches("<link rel=\"canonical\" href=\"http[^\"]+/compare/mistral-small-3-1-vs-smolvlm2\">", html);
            Assert.Matches("<meta property=\"og:url\" content=\"http[^\"]+/compare/mistral-small-3-1-vs-smolvlm2\">", html);
        }
    }

    [Fact]
    public async Task The_compare_api_keeps_the_order_asked_and_picks_the_same_tool_either_way()
    {
        var forward = await Client.GetFromJsonAsync<JsonElement>("/api/compare/smolvlm2/mistral-small-3-1", Token);
        var reversed = await Client.GetFromJsonAsync<JsonElement>("/api/compare/mistral-small-3-1/smolvlm2", Token);
        Assert.Equal("smolvlm2", forward.GetProperty("left").GetProperty("slug").GetString());
        Assert.Equal("/compare/smolvlm2-vs-mistral-small-3-1", forward.GetProperty("path").GetString());
        Assert.Equal("mistral-small-3-1", reversed.GetProperty("left").GetProperty("slug").GetString());
        Assert.All([forward, reversed], c => Assert.Equal("/compare/mistral-small-3-1-vs-smolvlm2", c.GetProperty("canonicalPath").GetString()));
        // The verdict names the same tool (or none, when too close to call) and mirrors its side.
        static (string?, string?) Verdict(JsonElement c) =>
            (c.GetProperty("verdict").TryGetProperty("toolSlug", out var slug) ? slug.GetString() : null, c.GetProperty("verdict").GetProperty("pick").GetString());
        var (forwardTool, forwardPick) = Verdict(forward);
        var (reversedTool, reversedPick) = Verdict(reversed);
        Assert.Equal(forwardTool, reversedTool);
        Assert.Equal(forwardPick switch { "left" => "right", "right" => "left", var p => p }, reversedPick);
    }

    [Fact]
    public async Task A_links_text_and_its_compare_address_name_the_tools_in_the_same_order()
    {
        var html = await HtmlAsync("/tools/smolvlm2");
        Assert.Matches("<a href=\"/compare/smolvlm2-vs-[a-z0-9-]+\">SmolVLM2 vs ", html);
        Assert.DoesNotMatch("<a href=\"/compare/[a-z0-9-]+-vs-smolvlm2\">SmolVLM2 vs ", html);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/compare/smolvlm2-vs-mistral-small-3-1", Token)).StatusCode);
    }
}
