using System.Text.Json;
using Microsoft.Playwright;

namespace Shipwise.Tests.Browser;

/// <summary>
/// The compare page answers before the reader scrolls: the verdict banner and the winners grid
/// sit within the first screen of a laptop (1366×768) and of a phone (390×844), and on the
/// phone no table is cut off or scrolled sideways, while both names stay in view.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class CompareFirstScreenTests(BrowserApp app)
{
    // Tables wider than the viewport, or scrolled inside a box: each named with its widths.
    private const string CutTables = """
        () => {
            const width = document.documentElement.clientWidth;
            const cut = [];
            for (const table of document.querySelectorAll('main table')) {
                const r = table.getBoundingClientRect();
                const box = table.parentElement;
                if (r.right > width + 1 || r.left < -1 || table.scrollWidth > table.clientWidth + 1 || box.scrollWidth > box.clientWidth + 1) {
                    cut.push((table.querySelector('caption')?.textContent ?? 'table') + ': right ' + Math.round(r.right) + ', scroll ' + box.scrollWidth + ' in ' + box.clientWidth);
                }
            }
            return cut;
        }
        """;

    // Row and column labels narrower than their longest word, so the browser broke a word ("Ques-tion").
    private const string BrokenLabels = """
        () => {
            const measure = document.createElement('canvas').getContext('2d');
            const broken = [];
            for (const th of document.querySelectorAll('main table thead th:first-child, main table th[scope="row"]')) {
                const style = getComputedStyle(th);
                measure.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
                const room = th.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                const longest = Math.max(...th.innerText.trim().split(/\s+/).map(w => measure.measureText(w).width));
                if (longest > room + 1) {
                    broken.push(th.innerText.trim() + ': ' + Math.round(longest) + ' px in ' + Math.round(room));
                }
            }
            return broken;
        }
        """;

    public static TheoryData<string, int, int> Screens()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var pair in new[] { "/compare/mistral-small-3-1-vs-smolvlm2", "/compare/smolvlm2-vs-mistral-small-3-1", "/compare/gpt-4o-vs-llama-3-1-405b", "/compare/llama-cpp-vs-ollama", "/compare/gemini-2-5-flash-vs-gpt-4o-mini" })
        {
            data.Add(pair, 1366, 768);
            data.Add(pair, 390, 844);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_verdict_and_the_winners_are_on_the_first_screen(string path, int width, int height)
    {
        await using var context = await app.NewContextAsync(width: width, height: height);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);

        var banner = page.Locator("section.cmp-verdict");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        var verdict = await banner.BoundingBoxAsync();
        Assert.NotNull(verdict);
        Assert.True(verdict.Y + verdict.Height <= height, $"{path} at {width}×{height}: the verdict banner ends at {verdict.Y + verdict.Height:0} px, below the first screen");
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("section.cmp-verdict h2").TextContentAsync()), "the verdict banner says nothing");

        var grid = page.GetByRole(AriaRole.Region, new() { Name = "Who wins what" });
        await Assertions.Expect(grid).ToBeVisibleAsync();
        Assert.True(await grid.Locator("li").CountAsync() >= 1, "the winners grid is empty");
        var box = await grid.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y + box.Height <= height, $"{path} at {width}×{height}: the winners grid ends at {box.Y + box.Height:0} px, below the first screen");

        var broken = await page.EvaluateAsync<JsonElement>(BrokenLabels);
        Assert.True(broken.GetArrayLength() == 0, $"{path} at {width}×{height}: table labels broken mid-word: {broken}");

        if (width < 600)
        {
            var cut = await page.EvaluateAsync<JsonElement>(CutTables);
            Assert.True(cut.GetArrayLength() == 0, $"{path}: tables cut off on a phone: {cut}");

            // Scrolled down to the facts, the title with both names is still in view.
            await page.Locator("#facts").ScrollIntoViewIfNeededAsync();
            var title = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).BoundingBoxAsync();
            Assert.NotNull(title);
            Assert.InRange(title.Y, -1, 1);
        }
    }
}
