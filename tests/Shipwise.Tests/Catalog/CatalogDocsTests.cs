using System.Globalization;
using System.Text.RegularExpressions;
using Shipwise.Core.Catalog;

namespace Shipwise.Tests.Catalog;

/// <summary>docs/catalog.md prints the demo catalog's core-fact coverage; this keeps the page true.</summary>
public partial class CatalogDocsTests
{
    [Fact]
    public void The_coverage_table_in_docs_catalog_md_matches_the_demo_catalog()
    {
        var tools = TestCatalogs.Read(RepoPaths.DemoCatalog).Tools;
        var measured = tools.GroupBy(t => t.Kind).ToDictionary(
            g => g.Key,
            g => (Tools: g.Count(), Applicable: g.Sum(t => CoreFacts.For(t).Count), Filled: g.Sum(t => CoreFacts.For(t).Count - CoreFacts.Missing(t).Count)));

        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "catalog.md"));
        var rows = Row().Matches(doc).ToDictionary(m => m.Groups["kind"].Value, m => (
            Tools: int.Parse(m.Groups["tools"].Value, CultureInfo.InvariantCulture),
            Applicable: int.Parse(m.Groups["applicable"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
            Filled: int.Parse(m.Groups["filled"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
            Percent: m.Groups["percent"].Value));
        Assert.Equal(measured.Keys.Order(), rows.Keys.Order());
        foreach (var (kind, m) in measured)
        {
            var percent = (100.0 * m.Filled / m.Applicable).ToString("0.0", CultureInfo.InvariantCulture);
            Assert.Equal((m.Tools, m.Applicable, m.Filled, percent), rows[kind]);
        }
    }

    [GeneratedRegex(@"^\| `(?<kind>[a-z]+)` \| (?<tools>\d+) \| (?<applicable>[\d,]+) \| (?<filled>[\d,]+) \| (?<percent>[\d.]+) % \|$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
