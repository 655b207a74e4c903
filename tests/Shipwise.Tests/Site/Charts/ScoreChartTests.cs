using Shipwise.Site.Charts;

namespace Shipwise.Tests.Site.Charts;

public class ScoreChartTests
{
    private static readonly CriticBar[] Panel =
    [
        new("Ada", 100, "ship", 60),
        new("Brook", 50, "skip", 70),
        new("Cato", null, "no-take"),
        new("Dee", 72, "ship"),
    ];

    private static List<System.Xml.Linq.XElement> Bars(System.Xml.Linq.XElement root) =>
        [.. root.Descendants(SvgAssert.Ns + "rect").Where(r => ((string?)r.Attribute("class") ?? "").Contains("chart-bar"))];

    [Fact]
    public void Is_a_well_formed_accessible_image()
    {
        var root = SvgAssert.Accessible(ScoreChart.Render("score", "Panel scores", Panel));
        Assert.Equal("Panel scores", SvgAssert.ById(root, "score-title").Value);
        Assert.Contains("Cato no take", SvgAssert.ById(root, "score-desc").Value);
    }

    [Fact]
    public void Bar_widths_are_proportional_to_scores()
    {
        var bars = Bars(SvgAssert.Parse(ScoreChart.Render("s", "t", Panel)));
        Assert.Equal(3, bars.Count);
        var full = SvgAssert.Number(bars[0], "width");
        Assert.Equal(full / 2, SvgAssert.Number(bars[1], "width"), 2);
        Assert.Equal(full * 0.72, SvgAssert.Number(bars[2], "width"), 2);
    }

    [Fact]
    public void Bars_are_coloured_by_verdict_with_a_fallback_fill()
    {
        var bars = Bars(SvgAssert.Parse(ScoreChart.Render("s", "t", Panel)));
        Assert.Contains("chart-ship", (string)bars[0].Attribute("class")!);
        Assert.Contains("chart-skip", (string)bars[1].Attribute("class")!);
        Assert.All(bars, b => Assert.StartsWith("#", (string)b.Attribute("fill")!));
    }

    [Fact]
    public void A_null_score_draws_no_bar_and_reads_no_take()
    {
        var root = SvgAssert.Parse(ScoreChart.Render("s", "t", [new("Cato", null, "no-take")]));
        Assert.Empty(Bars(root));
        Assert.Contains(root.Descendants(SvgAssert.Ns + "text"), t => t.Value == "no take");
    }

    [Fact]
    public void Value_labels_spell_out_score_and_verdict()
    {
        var labels = SvgAssert.Parse(ScoreChart.Render("s", "t", Panel)).Descendants(SvgAssert.Ns + "text")
            .Where(t => (string?)t.Attribute("class") == "chart-value").Select(t => t.Value).ToList();
        Assert.Equal(["100 ship", "50 skip", "no take", "72 ship"], labels);
    }

    [Fact]
    public void Has_gridlines_at_quarters_and_optional_ship_bar_markers()
    {
        var root = SvgAssert.Parse(ScoreChart.Render("s", "t", Panel));
        var grid = root.Descendants(SvgAssert.Ns + "g").Single(g => (string?)g.Attribute("class") == "chart-grid");
        var xs = grid.Elements(SvgAssert.Ns + "line").Select(l => SvgAssert.Number(l, "x1")).ToList();
        Assert.Equal(5, xs.Count);
        Assert.Equal(xs[4] - xs[0], (xs[2] - xs[0]) * 2, 2);
        var axis = root.Descendants(SvgAssert.Ns + "g").Single(g => (string?)g.Attribute("class") == "chart-axis");
        Assert.Equal(["0", "25", "50", "75", "100"], axis.Elements().Select(e => e.Value));

        var markers = root.Descendants(SvgAssert.Ns + "line").Where(l => (string?)l.Attribute("class") == "chart-shipbar").ToList();
        Assert.Equal(2, markers.Count);
        Assert.Equal(xs[0] + ((xs[4] - xs[0]) * 0.6), SvgAssert.Number(markers[0], "x1"), 2);
    }

    [Fact]
    public void Hostile_names_are_text_not_markup()
    {
        var svg = ScoreChart.Render("s", SvgAssert.Hostile, [new(SvgAssert.Hostile, 40, "skip")]);
        var root = SvgAssert.Parse(svg);
        Assert.DoesNotContain(root.Descendants(), e => e.Name.LocalName == "script");
        Assert.DoesNotContain("<script>", svg);
        Assert.Contains("<script>alert(1)</script>", SvgAssert.AllText(root));
    }

    [Fact]
    public void Long_names_are_shortened_with_the_full_name_kept_as_a_tooltip()
    {
        var name = string.Concat(Enumerable.Repeat("Extraordinarily verbose critic ", 4));
        var root = SvgAssert.Parse(ScoreChart.Render("s", "t", [new(name, 40, "skip")]));
        var label = root.Descendants(SvgAssert.Ns + "text").First(t => t.Element(SvgAssert.Ns + "title") is not null);
        Assert.Equal(name, label.Element(SvgAssert.Ns + "title")!.Value);
        Assert.EndsWith("…", label.Nodes().OfType<System.Xml.Linq.XText>().Single().Value);
    }

    [Fact]
    public void Ids_follow_the_prefix_so_two_charts_can_share_a_page()
    {
        var a = SvgAssert.Ids(SvgAssert.Accessible(ScoreChart.Render("tool-a", "t", Panel)));
        var b = SvgAssert.Ids(SvgAssert.Accessible(ScoreChart.Render("tool-b", "t", Panel)));
        Assert.All(a, id => Assert.StartsWith("tool-a-", id));
        Assert.Empty(a.Intersect(b));
    }

    [Fact]
    public void An_unsafe_prefix_still_yields_valid_ids()
    {
        var root = SvgAssert.Accessible(ScoreChart.Render("1 \"x\" y", "t", Panel));
        Assert.All(SvgAssert.Ids(root), id => Assert.Matches("^[A-Za-z][A-Za-z0-9_-]*$", id));
    }

    [Fact]
    public void An_empty_panel_renders_a_message()
    {
        var root = SvgAssert.Accessible(ScoreChart.Render("s", "t", []));
        Assert.Contains(root.Descendants(SvgAssert.Ns + "text"), t => t.Value == "No reviews yet");
    }

    [Fact]
    public void Out_of_range_scores_stay_inside_the_plot()
    {
        var bars = Bars(SvgAssert.Parse(ScoreChart.Render("s", "t", [new("A", 100, "ship"), new("B", 250, "ship"), new("C", -5, "skip")])));
        Assert.Equal(SvgAssert.Number(bars[0], "width"), SvgAssert.Number(bars[1], "width"));
        Assert.Equal(0, SvgAssert.Number(bars[2], "width"));
    }
}
