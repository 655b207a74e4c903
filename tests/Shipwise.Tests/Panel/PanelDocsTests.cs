using System.Text.RegularExpressions;
using Shipwise.Core.Panel;

namespace Shipwise.Tests.Panel;

/// <summary>docs/panel.md shows real numbers; these tests keep them true when the panel or the catalog changes.</summary>
public partial class PanelDocsTests
{
    private static readonly string _docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "panel.md"));

    [Fact]
    public void Every_worked_example_matches_the_reviewer()
    {
        var examples = Example().Matches(_docs);
        Assert.True(examples.Count >= 6, "expected a worked example per kind");
        foreach (Match m in examples)
        {
            var tool = DemoPanel.Tools.Single(t => t.Name == m.Groups["name"].Value);
            var critic = PanelCritics.Set.All.Single(c => c.Name == m.Groups["critic"].Value);
            var review = DemoPanel.Reviews.Single(r => r.Tool.Slug == tool.Slug && r.Critic.Slug == critic.Slug).Review;
            var verdict = review.Verdict switch { Verdict.Ship => "ship", Verdict.Skip => "skip", _ => "no take" };
            Assert.Equal((review.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", verdict), (m.Groups["score"].Value, m.Groups["verdict"].Value));
            Assert.Contains($"> {review.Summary}\n>\n> {review.Body}\n", _docs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_verdict_table_shows_every_demo_tools_current_panel_verdict()
    {
        var rows = VerdictRow().Matches(_docs).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["now"].Value.Trim());
        foreach (var tool in DemoPanel.Tools)
        {
            var summary = PanelArithmetic.SummarizeReviews(DemoPanel.Reviews.Where(r => r.Tool.Slug == tool.Slug).Select(r => r.Review));
            var expected = summary.Verdict is null ? "no verdict" : $"{(summary.Verdict == Verdict.Ship ? "ship" : "skip")} {summary.ShipPercent} %";
            Assert.True(rows.TryGetValue(tool.Name, out var shown), $"{tool.Name} is missing from the table");
            Assert.True(expected == shown, $"{tool.Name}: the table says {shown}, the panel {expected}");
        }
    }

    [Fact]
    public void Every_changed_verdict_carries_a_reason()
    {
        foreach (Match m in VerdictRow().Matches(_docs))
        {
            var before = m.Groups["before"].Value.Split(' ')[0];
            var now = m.Groups["now"].Value.Split(' ')[0];
            Assert.True(before == now || m.Groups["why"].Value.Trim().Length > 10, $"{m.Groups["name"].Value} changed with no reason");
        }
    }

    [GeneratedRegex(@"^### (?<name>.+) \((?<kind>[a-z]+)\) by (?<critic>\w+), bar \d+\n(?:.*\n)*?Score \*\*(?<score>\w+)\*\*, verdict \*\*(?<verdict>[a-z ]+)\*\*", RegexOptions.Multiline)]
    private static partial Regex Example();

    [GeneratedRegex(@"^\| (?<name>[^|]+?) \| (?:api|model|runtime|app|library|provider|hardware) \| (?<before>[^|]+?) \| (?<now>[^|]+?) \| (?<why>[^\n]*)\|$", RegexOptions.Multiline)]
    private static partial Regex VerdictRow();
}
