using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Shipwise.Tests.Browser;

/// <summary>A keyboard user: the skip link comes first and works, and focus is always visible.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class KeyboardTests(BrowserApp app)
{
    private const string FocusedElement = """
        () => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const label = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '"';
            return { label, outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth, inMain: !!el.closest('main') };
        }
        """;

    [Theory]
    [InlineData("/")]
    [InlineData("/tools/smolvlm2")]
    public async Task The_first_tab_shows_the_skip_link_and_enter_moves_focus_to_the_content(string path)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).Not.ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync(new() { Ratio = 1 });
        var box = await skip.BoundingBoxAsync();
        Assert.True(box is { Width: > 20, Height: > 10 }, $"the focused skip link is not visibly on screen: {box?.X},{box?.Y} {box?.Width}x{box?.Height}");
        var focused = await FocusAsync(page);
        Assert.True(focused.OutlineStyle != "none" && focused.OutlineWidth != "0px", $"the focused skip link has no outline ({focused.OutlineStyle} {focused.OutlineWidth})");

        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(app.BaseUrl + path + "#main");
        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.True((await FocusAsync(page)).InMain, "the Tab after the skip link left the main content");
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Every_focused_control_on_the_tool_page_shows_an_outline(string scheme)
    {
        await using var context = await app.NewContextAsync(colorScheme: scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/tools/smolvlm2");

        // The header's links, search box and button, then the first controls of the content.
        var invisible = new List<string>();
        for (var i = 0; i < 14; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await FocusAsync(page);
            if (focused.OutlineStyle == "none" || focused.OutlineWidth == "0px")
            {
                invisible.Add(focused.Label);
            }
        }

        Assert.True(invisible.Count == 0, "focused without a visible outline: " + string.Join(", ", invisible));
    }

    private static async Task<FocusState> FocusAsync(IPage page)
    {
        var state = await page.EvaluateAsync<JsonElement>(FocusedElement);
        return new FocusState(
            state.GetProperty("label").GetString()!,
            state.GetProperty("outlineStyle").GetString()!,
            state.GetProperty("outlineWidth").GetString()!,
            state.GetProperty("inMain").GetBoolean());
    }

    private sealed record FocusState(string Label, string OutlineStyle, string OutlineWidth, bool InMain);
}
