using System.Text.Json;
using System.Text.RegularExpressions;
using Shipwise.Site.Embeds;

namespace Shipwise.Tests.Browser;

/// <summary>The embed card fits the iframe its snippet names, whatever the tool's text, in light and dark.</summary>
[Collection(nameof(BrowserCollection))]
public sealed partial class EmbedTests(BrowserApp app)
{
    [GeneratedRegex("""&lt;iframe src="[^"]+/embed/(?<slug>[a-z0-9-]+)" title="[^"]*" width="(?<w>\d+)" height="(?<h>\d+)" """)]
    private static partial Regex Snippet();

    [Theory]
    [InlineData("smolvlm2", Microsoft.Playwright.ColorScheme.Light)]
    [InlineData("smolvlm2", Microsoft.Playwright.ColorScheme.Dark)]
    [InlineData("mistral-4b", Microsoft.Playwright.ColorScheme.Light)]
    [InlineData("text-generation-inference", Microsoft.Playwright.ColorScheme.Light)]
    public async Task The_card_fits_the_frame_the_snippet_names(string slug, Microsoft.Playwright.ColorScheme scheme)
    {
        await using var context = await app.NewContextAsync(colorScheme: scheme, width: 1280, height: 900);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/tools/{slug}");
        var snippet = Snippet().Match(await page.ContentAsync());
        Assert.True(snippet.Success, "no iframe snippet on the tool page");
        var (width, height) = (int.Parse(snippet.Groups["w"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(snippet.Groups["h"].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((EmbedPageModel.FrameWidth, EmbedPageModel.FrameHeight), (width, height));

        await using var frame = await app.NewContextAsync(colorScheme: scheme, width: width, height: height);
        var embed = await frame.NewPageAsync();
        await embed.GotoAsync($"/embed/{slug}");
        var size = await embed.EvaluateAsync<JsonElement>("""
            () => {
                const card = document.querySelector('.embed-card').getBoundingClientRect();
                const foot = document.querySelector('.embed-foot').getBoundingClientRect();
                return { scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight,
                         bottom: card.bottom, right: card.right, footBottom: foot.bottom, footTop: foot.top };
            }
            """);
        Assert.True(size.GetProperty("scrollHeight").GetDouble() <= height, $"the card is {size.GetProperty("scrollHeight")} px tall in a {height} px frame");
        Assert.True(size.GetProperty("scrollWidth").GetDouble() <= width, $"the card is {size.GetProperty("scrollWidth")} px wide in a {width} px frame");
        // The last line, which links back, is whole inside the card.
        Assert.True(size.GetProperty("footBottom").GetDouble() <= size.GetProperty("bottom").GetDouble(), "the footer is cut off");
        await Microsoft.Playwright.Assertions.Expect(embed.Locator(".embed-foot a")).ToBeVisibleAsync();
    }
}
