using System.Text.Json;
using Microsoft.Playwright;

namespace Shipwise.Tests.Browser;

/// <summary>
/// Every page type on a phone (390×844) and a desktop (1366×768), light and dark: the first screen
/// and the full page, for people to look at (artifacts/screenshots, kept by CI), and no sideways
/// scrolling on the phone.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class ScreenshotTests(BrowserApp app)
{
    private const int PhoneWidth = 390;

    // The elements that stick out past the viewport, so a failure names what to fix.
    private const string Overflow = """
        (width) => {
            const root = document.documentElement;
            const wide = [];
            for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.right > width + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1)) {
                    wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' (right edge ' + Math.round(r.right) + ' px)');
                }
            }
            return { scrollWidth: root.scrollWidth, culprits: wide.slice(0, 8) };
        }
        """;

    public static TheoryData<string> Pages() => [.. SitePages.All.Keys];

    // Pages that answer with an error status on purpose.
    private static int ExpectedStatus(string name) => name switch
    {
        "not-found" => 404,
        "compare-error" => 400,
        _ => 200,
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_fits_a_phone_and_is_captured_in_light_and_dark(string name)
    {
        var path = SitePages.All[name];
        Directory.CreateDirectory(BrowserApp.ScreenshotFolder);
        var backgrounds = new Dictionary<ColorScheme, string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            foreach (var (device, width, height) in new[] { ("phone", PhoneWidth, 844), ("desktop", 1366, 768) })
            {
                await using var context = await app.NewContextAsync(colorScheme: scheme, width: width, height: height);
                var page = await context.NewPageAsync();
                var response = await page.GotoAsync(path);
                Assert.Equal(ExpectedStatus(name), response!.Status);

                if (width == PhoneWidth)
                {
                    var overflow = await page.EvaluateAsync<JsonElement>(Overflow, PhoneWidth);
                    var scrollWidth = overflow.GetProperty("scrollWidth").GetInt32();
                    Assert.True(
                        scrollWidth <= PhoneWidth + 1,
                        $"{path} ({scheme}) scrolls sideways at {PhoneWidth} px: scrollWidth {scrollWidth}; too wide: "
                        + string.Join("; ", overflow.GetProperty("culprits").EnumerateArray().Select(c => c.GetString())));
                }

                var file = Path.Combine(BrowserApp.ScreenshotFolder, $"{name}-{device}-{scheme.ToString().ToLowerInvariant()}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file.Replace(".png", "-first-screen.png", StringComparison.Ordinal) });
                Assert.True(new FileInfo(file).Length > 2_000, $"{file} is (nearly) empty");
                backgrounds[scheme] = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.embed-card') ?? document.body).backgroundColor");
            }
        }

        // Dark mode is real, not just a second copy of the light page.
        Assert.NotEqual(backgrounds[ColorScheme.Light], backgrounds[ColorScheme.Dark]);
    }
}
