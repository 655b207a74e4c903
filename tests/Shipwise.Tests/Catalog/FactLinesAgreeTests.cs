using Shipwise.Catalog;
using Shipwise.Core.Compare;
using Shipwise.Tests.Compare;
using Shipwise.Tests.Panel;

namespace Shipwise.Tests.Catalog;

/// <summary>
/// The tool page's fact lines (FactLineView) and the compare page's rows (FactComparisonRow) are two
/// shapes for two jobs; what they share, a fact's text and where it came from, must read the same in both.
/// </summary>
public class FactLinesAgreeTests
{
    [Fact]
    public void A_compare_cell_reads_as_the_tool_page_line_of_the_same_fact()
    {
        var checkedCells = 0;
        foreach (var category in DemoPanel.Tools.GroupBy(t => t.Category))
        {
            var tools = category.OrderBy(t => t.Slug, StringComparer.Ordinal).ToList();
            for (var i = 0; i + 1 < tools.Count; i++)
            {
                var comparison = DemoComparisons.Compare(tools[i], tools[i + 1]);
                foreach (var side in new[] { comparison.Left, comparison.Right })
                {
                    var lines = ToolEvidence.Build(side.Tool, new Dictionary<string, string>(), [], new DateOnly(2026, 12, 7)).Groups.SelectMany(g => g.Lines).ToList();
                    foreach (var row in comparison.FactRows.Where(r => !r.Key.StartsWith("eval:", StringComparison.Ordinal)))
                    {
                        var cell = side == comparison.Left ? row.Left : row.Right;
                        var line = lines.SingleOrDefault(l => l.Label == row.Label && !l.Derived);
                        if (!cell.IsKnown)
                        {
                            Assert.Null(line);
                            continue;
                        }

                        Assert.NotNull(line);
                        var where = $"{side.Tool.Slug} {row.Key}";
                        Assert.Equal((where, line.Value, line.Source, line.AsOf, line.Status), (where, cell.Text, cell.Source, cell.AsOf, cell.StatusWire));
                        checkedCells++;
                    }
                }
            }
        }

        Assert.True(checkedCells > 500, $"only {checkedCells} cells compared");
    }
}
