using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Site;

/// <summary>The site's identity as browsers and link previews fetch it: favicons, share images, avatars.</summary>
public sealed partial class IdentityTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Width and height from a PNG's IHDR chunk, after checking the signature.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [GeneratedRegex("""<meta property="og:image" content="(?<url>[^"]+)">""")]
    private static partial Regex OgImage();

    [Fact]
    public async Task A_tool_page_names_its_share_image_which_shows_the_verdict_as_a_cached_png()
    {
        var html = await app.Client.GetStringAsync("/tools/smolvlm2", Token);
        var url = new Uri(OgImage().Match(html).Groups["url"].Value);
        Assert.Equal("/share/tools/smolvlm2.png", url.AbsolutePath);
        Assert.Contains("""<meta name="twitter:card" content="summary_large_image">""", html, StringComparison.Ordinal);

        var first = await app.Client.GetAsync(url.AbsolutePath, Token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/png", first.Content.Headers.ContentType?.MediaType);
        var png = await first.Content.ReadAsByteArrayAsync(Token);
        Assert.Equal((1200, 630), PngSize(png));

        // The pages' caching: the same bytes from the cache, and 304 for a browser that has them.
        var again = await app.Client.GetByteArrayAsync(url.AbsolutePath, Token);
        Assert.Equal(png, again);
        // (The content version may still move once after start-up: then the answer carries the new ETag, which must match next time.)
        var etag = first.Headers.ETag!;
        var status = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 3 && status != HttpStatusCode.NotModified; attempt++)
        {
            using var conditional = new HttpRequestMessage(HttpMethod.Get, url.AbsolutePath);
            conditional.Headers.IfNoneMatch.Add(etag);
            var answer = await app.Client.SendAsync(conditional, Token);
            status = answer.StatusCode;
            etag = answer.Headers.ETag ?? etag;
        }

        Assert.Equal(HttpStatusCode.NotModified, status);

        // Two tools, two images.
        var other = await app.Client.GetByteArrayAsync("/share/tools/llama-cpp.png", Token);
        Assert.NotEqual(png, other);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/share/tools/no-such-tool.png", Token)).StatusCode);
    }

    [Fact]
    public async Task A_compare_page_names_its_share_image_which_shows_both_names_in_its_order_as_a_cached_png()
    {
        var html = await app.Client.GetStringAsync("/compare/smolvlm2-vs-mistral-small-3-1", Token);
        var url = new Uri(OgImage().Match(html).Groups["url"].Value);
        Assert.Equal("/share/compare/smolvlm2-vs-mistral-small-3-1.png", url.AbsolutePath);
        Assert.Contains($"""<meta name="twitter:image" content="{url}">""", html, StringComparison.Ordinal);
        Assert.Matches("""<meta property="og:image:alt" content="SmolVLM2 vs Mistral Small 3.1: [^"]+\.">""", html);

        var first = await app.Client.GetAsync(url.AbsolutePath, Token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/png", first.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(first.Headers.ETag);
        var png = await first.Content.ReadAsByteArrayAsync(Token);
        Assert.Equal((1200, 630), PngSize(png));
        Assert.InRange(png.Length, 1_000, 150_000);
        Assert.Equal(png, await app.Client.GetByteArrayAsync(url.AbsolutePath, Token));

        // The other order, another pair: other images. An alias redirects in the order named; no pair, no image.
        Assert.NotEqual(png, await app.Client.GetByteArrayAsync("/share/compare/mistral-small-3-1-vs-smolvlm2.png", Token));
        var other = await app.Client.GetByteArrayAsync("/share/compare/llama-cpp-vs-ollama.png", Token);
        Assert.Equal((1200, 630), PngSize(other));
        Assert.NotEqual(png, other);
        var alias = await app.Client.GetAsync("/share/compare/smolvlm2-2b-vs-mistral-small-3-1.png", Token);
        Assert.Equal(HttpStatusCode.MovedPermanently, alias.StatusCode);
        Assert.Equal("/share/compare/smolvlm2-vs-mistral-small-3-1.png", alias.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/share/compare/no-such-tool-vs-smolvlm2.png", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/share/compare/smolvlm2-vs-mistral-small-3-1.svg", Token)).StatusCode);
    }

    [Fact]
    public void A_pair_image_shows_its_verdict()
    {
        var close = Shipwise.Site.Identity.ShareImage.RenderPair(new("a-tool", "A tool", "b-tool", "B tool", "Too close to call", null, 7));
        var pick = Shipwise.Site.Identity.ShareImage.RenderPair(new("a-tool", "A tool", "b-tool", "B tool", "Ship with A tool", "a-tool", 7));
        Assert.Equal((1200, 630), PngSize(close));
        Assert.NotEqual(close, pick);
    }

    [Fact]
    public async Task Favicons_are_served_as_svg_and_png_and_every_page_links_them()
    {
        var svg = await app.Client.GetAsync("/favicon.svg", Token);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal("svg", XDocument.Parse(await svg.Content.ReadAsStringAsync(Token)).Root!.Name.LocalName);
        Assert.Equal((32, 32), PngSize(await app.Client.GetByteArrayAsync("/favicon.png", Token)));
        Assert.Equal((32, 32), PngSize(await app.Client.GetByteArrayAsync("/favicon.ico", Token)));
        Assert.Equal((180, 180), PngSize(await app.Client.GetByteArrayAsync("/apple-touch-icon.png", Token)));

        var home = await app.Client.GetStringAsync("/", Token);
        Assert.Contains("""<link rel="icon" href="/favicon.svg" type="image/svg+xml">""", home, StringComparison.Ordinal);
        Assert.Contains("""<svg class="brand-mark" """, home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_wears_the_same_generated_avatar_on_its_page_and_in_its_embed()
    {
        var page = await app.Client.GetStringAsync("/tools/mistral-small-3-1", Token);
        var embed = await app.Client.GetStringAsync("/embed/mistral-small-3-1", Token);
        var fill = Regex.Match(page, """<svg class="tool-avatar"[^>]*><rect [^>]*fill="(?<fill>hsl\([^"]+\))"/><text[^>]*>MS</text>""");
        Assert.True(fill.Success, "no avatar with the initials MS");
        Assert.Contains($"fill=\"{fill.Groups["fill"].Value}\"", embed, StringComparison.Ordinal);
        Assert.Equal("SM", Shipwise.Site.Identity.ToolAvatar.Initials("SmolVLM2"));
        Assert.Equal("LC", Shipwise.Site.Identity.ToolAvatar.Initials("llama.cpp"));
        Assert.NotEqual(Shipwise.Site.Identity.ToolAvatar.Hue("smolvlm2"), Shipwise.Site.Identity.ToolAvatar.Hue("llama-cpp"));
    }
}

/// <summary>A page that throws: browsers get the HTML error page, the API and JSON clients ProblemDetails.</summary>
public sealed class ErrorPageTests(BrokenApp app) : IClassFixture<BrokenApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        return await app.Client.SendAsync(request, Token);
    }

    [Fact]
    public async Task A_browser_gets_the_html_error_page()
    {
        var response = await GetAsync("/tools/smolvlm2", "text/html");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("Something went wrong on our side", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tools/smolvlm2", "application/json")]
    [InlineData("/api/tools/smolvlm2", "text/html")]
    [InlineData("/api/tools/smolvlm2", "application/json")]
    public async Task The_api_and_json_clients_get_problem_details(string path, string accept)
    {
        var response = await GetAsync(path, accept);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>The app on a database whose tools table has gone away under it, so every tool lookup throws.</summary>
public sealed class BrokenApp() : AppFixture("sqlite")
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var connection = await Factory.Services.GetRequiredService<Shipwise.Data.Db>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "ALTER TABLE tools RENAME TO tools_gone";
        await command.ExecuteNonQueryAsync();
    }
}
