using System.Xml.Linq;
using Shipwise.Site.Charts;

namespace Shipwise.Tests.Site.Charts;

/// <summary>
/// Output must not depend on the thread culture: "7,5" in a badge or "114,67" in a coordinate
/// would be wrong or break the SVG. The tests run the renderers under a comma-decimal culture.
/// </summary>
public class CultureTests
{
    [Fact]
    public void Badge_scores_use_a_dot_under_a_comma_culture()
    {
        SvgAssert.UnderCommaCulture(() =>
        {
            var root = SvgAssert.Parse(Badge.Render("Shipwise", "ship", 7.5m));
            Assert.Equal("Shipwise: Ship 7.5/10", (string?)root.Attribute("aria-label"));
            SvgAssert.InvariantNumbers(root);
        });
    }

    [Fact]
    public void Chart_coordinates_use_a_dot_under_a_comma_culture()
    {
        SvgAssert.UnderCommaCulture(() =>
        {
            // Thirds and 1/7ths give fractional coordinates, where a culture leak would show.
            var split = SvgAssert.Parse(SplitBar.Render("s", 1, 1, 5));
            Assert.Contains(split.Descendants().Attributes("x"), a => a.Value.Contains('.'));
            SvgAssert.InvariantNumbers(split);
            SvgAssert.InvariantNumbers(SvgAssert.Parse(ScoreChart.Render("s", "t", [new("A", 33, "skip", 67), new("B", 1, "skip")])));
            SvgAssert.InvariantNumbers(SvgAssert.Parse(CompareChart.Render("c", "t", "L", "R", [new("A", 33, "skip", 67, "ship")])));
        });
    }

    [Fact]
    public void Large_counts_are_not_grouped()
    {
        SvgAssert.UnderCommaCulture(() =>
        {
            var root = SvgAssert.Parse(SplitBar.Render("s", 1200, 0, 0));
            Assert.Contains("1200 ship", SvgAssert.AllText(root));
        });
    }
}
