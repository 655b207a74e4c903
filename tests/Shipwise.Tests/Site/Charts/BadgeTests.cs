using System.Globalization;
using System.Xml.Linq;
using Shipwise.Site.Charts;

namespace Shipwise.Tests.Site.Charts;

public class BadgeTests
{
    private static XElement Texts(XElement root) =>
        root.Elements(SvgAssert.Ns + "g").Single(g => g.Attribute("font-size") is not null);

    private static List<string> VisibleTexts(XElement root) =>
        [.. Texts(root).Elements(SvgAssert.Ns + "text").Where(t => t.Attribute("aria-hidden") is null).Select(t => t.Value)];

    [Theory]
    [InlineData("ship", "7.5", "Ship 7.5/10", Badge.ShipColor)]
    [InlineData("skip", "2.5", "Skip 2.5/10", Badge.SkipColor)]
    [InlineData("Ship", "10", "Ship 10/10", Badge.ShipColor)]
    [InlineData("skip", "4.2857", "Skip 4.3/10", Badge.SkipColor)]
    [InlineData("no-take", "5", "No verdict", Badge.NoneColor)]
    [InlineData("", null, "No verdict", Badge.NoneColor)]
    public void Shows_the_verdict_and_score_in_the_verdict_colour(string verdict, string? score, string message, string color)
    {
        var svg = Badge.Render("Shipwise", verdict, score is null ? null : decimal.Parse(score, CultureInfo.InvariantCulture));
        var root = SvgAssert.Parse(svg);
        Assert.Equal(["Shipwise", message], VisibleTexts(root));
        Assert.Contains(root.Descendants(SvgAssert.Ns + "rect"), r => (string?)r.Attribute("fill") == color);
        Assert.Equal($"Shipwise: {message}", root.Element(SvgAssert.Ns + "title")!.Value);
    }

    [Fact]
    public void Is_a_standalone_svg_with_a_fixed_size_and_an_accessible_name()
    {
        var root = SvgAssert.Parse(Badge.Render("Shipwise", "ship", 7.5m));
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.Equal("Shipwise: Ship 7.5/10", (string?)root.Attribute("aria-label"));
        Assert.Equal("20", (string?)root.Attribute("height"));
        Assert.Equal($"0 0 {(string)root.Attribute("width")!} 20", (string?)root.Attribute("viewBox"));
    }

    [Fact]
    public void Parts_are_sized_from_the_estimated_text_width()
    {
        var root = SvgAssert.Parse(Badge.Render("Shipwise", "ship", 7.5m));
        var parts = root.Descendants(SvgAssert.Ns + "g").First().Elements(SvgAssert.Ns + "rect").ToList();
        var labelWidth = SvgAssert.Number(parts[0], "width");
        // "Shipwise" in Verdana 11px is about 48.6 px, plus 5 px padding either side.
        Assert.InRange(labelWidth, 57, 61);
        Assert.Equal(labelWidth, SvgAssert.Number(parts[1], "x"));
        Assert.Equal(SvgAssert.Number(root, "width"), labelWidth + SvgAssert.Number(parts[1], "width"));

        var longer = SvgAssert.Parse(Badge.Render("Shipwise panel", "ship", 7.5m));
        Assert.True(SvgAssert.Number(longer, "width") > SvgAssert.Number(root, "width"));
    }

    [Fact]
    public void A_hostile_label_is_escaped()
    {
        var root = SvgAssert.Parse(Badge.Render(SvgAssert.Hostile, "ship", 1m));
        Assert.DoesNotContain(root.Descendants(), e => e.Name.LocalName == "script");
        Assert.StartsWith("<script>alert(1)</script>", VisibleTexts(root)[0]);
    }

    [Theory]
    [InlineData(Badge.LabelColor)]
    [InlineData(Badge.ShipColor)]
    [InlineData(Badge.SkipColor)]
    [InlineData(Badge.NoneColor)]
    public void White_text_meets_WCAG_AA_on_every_background(string background)
    {
        Assert.True(Contrast.Ratio(Badge.TextColor, background) >= 4.5, $"{background}: {Contrast.Ratio(Badge.TextColor, background):0.00}");
        // The flat style's gradient lightens the top with #bbb at 10 %; the worst point must pass too.
        var highlighted = Contrast.Blend(background, "#bbbbbb", 0.1);
        Assert.True(Contrast.Ratio(Badge.TextColor, highlighted) >= 4.5, $"{highlighted}: {Contrast.Ratio(Badge.TextColor, highlighted):0.00}");
    }

    [Fact]
    public void The_contrast_formula_matches_known_values()
    {
        Assert.Equal(21, Contrast.Ratio("#000000", "#ffffff"), 2);
        Assert.Equal(1, Contrast.Ratio("#777777", "#777777"), 2);
        // #767676 is the well-known lightest grey that passes AA on white.
        Assert.Equal(4.54, Contrast.Ratio("#767676", "#ffffff"), 2);
    }
}

/// <summary>WCAG 2 relative luminance and contrast ratio.</summary>
internal static class Contrast
{
    public static double Ratio(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    public static string Blend(string color, string over, double alpha)
    {
        var (c, o) = (Channels(color), Channels(over));
        return "#" + string.Concat(c.Zip(o, (x, y) => ((int)Math.Round((x * (1 - alpha)) + (y * alpha))).ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static double Luminance(string hex)
    {
        var c = Channels(hex).Select(v => v / 255.0).Select(v => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4)).ToArray();
        return (0.2126 * c[0]) + (0.7152 * c[1]) + (0.0722 * c[2]);
    }

    private static int[] Channels(string hex) =>
        [.. Enumerable.Range(0, 3).Select(i => int.Parse(hex.AsSpan(1 + (i * 2), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
}
