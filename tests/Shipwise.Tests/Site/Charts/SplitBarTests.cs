using System.Xml.Linq;
using Shipwise.Site.Charts;

namespace Shipwise.Tests.Site.Charts;

public class SplitBarTests
{
    private static List<XElement> Segments(XElement root) =>
        [.. root.Descendants(SvgAssert.Ns + "rect").Where(r => ((string?)r.Attribute("class") ?? "").Contains("chart-segment"))];

    private static string Label(XElement root) =>
        root.Descendants(SvgAssert.Ns + "text").Single(t => (string?)t.Attribute("class") == "chart-label").Value;

    [Fact]
    public void Labels_the_split_in_words()
    {
        var root = SvgAssert.Accessible(SplitBar.Render("split", 3, 1, 3));
        Assert.Equal("3 ship · 1 skip · 3 no take", Label(root));
        Assert.Contains("3 ship · 1 skip · 3 no take", SvgAssert.ById(root, "split-desc").Value);
    }

    [Fact]
    public void Segments_are_ordered_and_proportional()
    {
        var segments = Segments(SvgAssert.Parse(SplitBar.Render("s", 4, 2, 2)));
        Assert.Equal(["chart-ship", "chart-skip", "chart-notake"], segments.Select(s => ((string)s.Attribute("class")!).Split(' ')[1]));
        var xs = segments.Select(s => SvgAssert.Number(s, "x")).ToList();
        // Starts are exact (the 1-unit gap only trims each segment's end): ship covers half.
        Assert.Equal(SplitBar.Width - (2 * SplitBar.Left), (xs[1] - xs[0]) * 2, 2);
        Assert.Equal(xs[1] - xs[0], (xs[2] - xs[1]) * 2, 2);
        var last = segments[2];
        Assert.Equal(SplitBar.Left + SplitBar.BarWidth, SvgAssert.Number(last, "x") + SvgAssert.Number(last, "width"), 2);
    }

    [Fact]
    public void Zero_counts_draw_no_segment()
    {
        var segments = Segments(SvgAssert.Parse(SplitBar.Render("s", 7, 0, 0)));
        var only = Assert.Single(segments);
        Assert.Equal(SplitBar.BarWidth, SvgAssert.Number(only, "width"), 2);
    }

    [Fact]
    public void All_zero_renders_an_empty_outline_and_says_so()
    {
        var root = SvgAssert.Accessible(SplitBar.Render("s", 0, 0, 0));
        Assert.Empty(Segments(root));
        Assert.Equal("No reviews yet", Label(root));
        Assert.Single(root.Descendants(SvgAssert.Ns + "rect"), r => (string?)r.Attribute("class") == "chart-empty");
    }

    [Fact]
    public void Negative_counts_are_treated_as_zero()
    {
        var root = SvgAssert.Parse(SplitBar.Render("s", -2, 1, 0));
        Assert.Equal("0 ship · 1 skip · 0 no take", Label(root));
        Assert.Single(Segments(root));
    }
}
