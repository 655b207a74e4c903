using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Shipwise.Tests.Browser;

/// <summary>
/// axe-core on every page type, light and dark, against WCAG 2.0, 2.1 and 2.2 A and AA
/// (colour contrast included). The site's CSP forbids scripts, so the context bypasses it
/// to inject axe.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class AccessibilityTests(BrowserApp app)
{
    private const string RunAxe = """
        async () => {
            const results = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
                resultTypes: ['violations'],
            });
            return results.violations.map(v => ({
                id: v.id,
                impact: v.impact || '',
                help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
            }));
        }
        """;

    public static TheoryData<string, string> Pages() => SitePages.AllNamesInBothSchemes();

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_wcag_violations(string name, string scheme)
    {
        var path = SitePages.All[name];
        var violations = await ViolationsAsync(scheme, page => page.GotoAsync(path));
        Assert.True(violations.Count == 0, $"axe found {violations.Count} violation(s) on {path} ({scheme}):\n" + Describe(violations));
    }

    [Fact]
    public async Task Axe_reports_a_page_that_breaks_the_rules()
    {
        // The harness itself must be able to fail: an image without alt text and grey-on-grey text.
        var violations = await ViolationsAsync("light", page => page.SetContentAsync(
            """<!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><main><img src="x.png"><p style="color:#aaa;background:#bbb">faint</p></main></body></html>"""));
        var ids = violations.Select(v => v.GetProperty("id").GetString()).ToList();
        Assert.Contains("image-alt", ids);
        Assert.Contains("color-contrast", ids);
    }

    private async Task<List<JsonElement>> ViolationsAsync(string scheme, Func<IPage, Task> load)
    {
        var axe = ExternalTools.Require(ExternalTools.AxeVariable, "axe-core");
        await using var context = await app.NewContextAsync(colorScheme: scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, bypassCsp: true);
        var page = await context.NewPageAsync();
        await load(page);
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axe });
        var result = await page.EvaluateAsync<JsonElement>(RunAxe);
        return [.. result.EnumerateArray()];
    }

    private static string Describe(List<JsonElement> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.Append($"- {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()}\n");
            foreach (var node in v.GetProperty("nodes").EnumerateArray().Take(10))
            {
                text.Append($"    {node.GetString()}\n");
            }
        }

        return text.ToString();
    }
}
