using System.Xml.Linq;
using Shipwise.Site.Charts;

namespace Shipwise.Tests.Site.Charts;

public class CompareChartTests
{
    private static readonly CompareBar[] Panel =
    [
        new("Ada", 100, "ship", 50, "skip"),
        new("Brook", null, "no-take", 80, "ship"),
    ];

    private static List<XElement> Bars(XElement root, string side) =>
        [.. root.Descendants(SvgAssert.Ns + "rect").Where(r => (string?)r.Attribute("data-side") == side)];

    [Fact]
    public void Shared_evaluations_are_paired_bars_in_an_accessible_image_with_every_figure_in_its_description()
    {
        EvaluationBar[] rows =
        [
            new("AA Index v5", 36.5, "36.5 points", 50.5, "50.5 points", 50.5, "both run by Artificial Analysis, independent"),
            new("MMMU <b>", 70, "70%", 42, "42%", 100, "separate runs, not ranked"),
        ];
        var root = SvgAssert.Accessible(CompareChart.RenderEvaluations("evals", "Tests both took", "Alpha", "Beta & Co", rows));
        var desc = SvgAssert.ById(root, "evals-desc").Value;
        Assert.Contains("AA Index v5: Alpha 36.5 points, Beta & Co 50.5 points (both run by Artificial Analysis, independent)", desc);
        Assert.Contains("MMMU <b>: Alpha 70%, Beta & Co 42% (separate runs, not ranked)", desc);

        // The larger figure of a row fills the plot; a percentage is drawn against 100.
        var left = Bars(root, "left");
        var right = Bars(root, "right");
        Assert.Equal(SvgAssert.Number(right[0], "width") * 36.5 / 50.5, SvgAssert.Number(left[0], "width"), 2);
        Assert.Equal(SvgAssert.Number(right[0], "width") * 0.7, SvgAssert.Number(left[1], "width"), 2);
        Assert.Equal("url(#evals-hatch)", (string)right[1].Attribute("fill")!);
        Assert.Contains(root.Descendants(SvgAssert.Ns + "text"), t => t.Value == "50.5 points");
    }

    [Fact]
    public void Is_a_well_formed_accessible_image()
    {
        var root = SvgAssert.Accessible(CompareChart.Render("cmp", "Head to head", "Alpha", "Beta", Panel));
        var desc = SvgAssert.ById(root, "cmp-desc").Value;
        Assert.Contains("Brook: Alpha no take, Beta 80 (ship)", desc);
    }

    [Fact]
    public void Left_bars_are_solid_and_right_bars_use_the_prefixed_hatch_pattern()
    {
        var root = SvgAssert.Parse(CompareChart.Render("cmp", "t", "Alpha", "Beta", Panel));
        Assert.Equal(Svg("pattern"), SvgAssert.ById(root, "cmp-hatch").Name);
        Assert.All(Bars(root, "left"), b => Assert.StartsWith("#", (string)b.Attribute("fill")!));
        Assert.All(Bars(root, "right"), b => Assert.Equal("url(#cmp-hatch)", (string)b.Attribute("fill")!));
        Assert.Contains(Bars(root, "left"), b => ((string?)b.Attribute("class") ?? "").Contains("chart-left"));
        Assert.All(SvgAssert.ById(root, "cmp-hatch").Elements(), e => Assert.Equal("chart-right", (string?)e.Attribute("class")));
    }

    [Fact]
    public void Bars_are_grouped_per_critic_and_proportional()
    {
        var root = SvgAssert.Parse(CompareChart.Render("c", "t", "Alpha", "Beta", Panel));
        var left = Bars(root, "left");
        var right = Bars(root, "right");
        Assert.Single(left);
        Assert.Equal(2, right.Count);
        Assert.Equal(SvgAssert.Number(left[0], "width") / 2, SvgAssert.Number(right[0], "width"), 2);
        Assert.Equal(SvgAssert.Number(left[0], "width") * 0.8, SvgAssert.Number(right[1], "width"), 2);
        // Ada's two bars sit together, above Brook's.
        Assert.True(SvgAssert.Number(left[0], "y") < SvgAssert.Number(right[0], "y"));
        Assert.True(SvgAssert.Number(right[0], "y") < SvgAssert.Number(right[1], "y"));
    }

    [Fact]
    public void The_legend_names_both_tools()
    {
        var root = SvgAssert.Parse(CompareChart.Render("c", "t", "Alpha", "Beta", Panel));
        var legend = root.Descendants(SvgAssert.Ns + "g").Single(g => (string?)g.Attribute("class") == "chart-legend");
        Assert.Equal(["Alpha", "Beta"], legend.Elements(SvgAssert.Ns + "text").Select(t => t.Value));
        Assert.Equal("url(#c-hatch)", (string?)legend.Elements(SvgAssert.Ns + "rect").Last().Attribute("fill"));
    }

    [Fact]
    public void Value_labels_carry_the_verdict_because_colour_shows_the_tool()
    {
        var labels = SvgAssert.Parse(CompareChart.Render("c", "t", "Alpha", "Beta", Panel)).Descendants(SvgAssert.Ns + "text")
            .Where(t => (string?)t.Attribute("class") == "chart-value").Select(t => t.Value);
        Assert.Equal(["100 ship", "50 skip", "no take", "80 ship"], labels);
    }

    [Fact]
    public void Hostile_tool_and_critic_names_are_text_not_markup()
    {
        var h = SvgAssert.Hostile;
        var svg = CompareChart.Render("c", h, h, h, [new(h, 10, "skip", 90, "ship")]);
        var root = SvgAssert.Parse(svg);
        Assert.DoesNotContain(root.Descendants(), e => e.Name.LocalName == "script");
        Assert.Contains("<script>alert(1)</script>", SvgAssert.AllText(root));
    }

    [Fact]
    public void Two_charts_on_one_page_do_not_share_ids()
    {
        var a = SvgAssert.Ids(SvgAssert.Accessible(CompareChart.Render("a", "t", "L", "R", Panel)));
        var b = SvgAssert.Ids(SvgAssert.Accessible(CompareChart.Render("b", "t", "L", "R", Panel)));
        Assert.Contains("a-hatch", a);
        Assert.Empty(a.Intersect(b));
    }

    [Fact]
    public void An_empty_comparison_renders_a_message()
    {
        var root = SvgAssert.Accessible(CompareChart.Render("c", "t", "L", "R", []));
        Assert.Contains(root.Descendants(SvgAssert.Ns + "text"), t => t.Value == "No reviews yet");
    }

    private static XName Svg(string local) => SvgAssert.Ns + local;
}
