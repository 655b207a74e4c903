using System.Globalization;
using System.Xml.Linq;

namespace Shipwise.Tests.Site.Charts;

/// <summary>Parses chart output as XML (proving it well formed) and reads it back.</summary>
internal static class SvgAssert
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static XElement Parse(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(Ns + "svg", root.Name);
        return root;
    }

    /// <summary>Checks the accessible-image contract shared by every chart and returns the root.</summary>
    public static XElement Accessible(string svg)
    {
        var root = Parse(svg);
        Assert.Equal("img", (string?)root.Attribute("role"));
        Assert.NotNull(root.Attribute("viewBox"));
        var width = (string?)root.Attribute("width");
        Assert.True(width is null or "100%", $"a chart must not have a fixed width, got {width}");
        var ids = ((string)root.Attribute("aria-labelledby")!).Split(' ');
        Assert.Equal(2, ids.Length);
        Assert.Equal(Ns + "title", ById(root, ids[0]).Name);
        Assert.Equal(Ns + "desc", ById(root, ids[1]).Name);
        var allIds = Ids(root);
        Assert.Equal(allIds.Count, allIds.Distinct().Count());
        return root;
    }

    public static XElement ById(XElement root, string id) =>
        Assert.Single(root.DescendantsAndSelf(), e => (string?)e.Attribute("id") == id);

    public static List<string> Ids(XElement root) =>
        [.. root.DescendantsAndSelf().Select(e => (string?)e.Attribute("id")).OfType<string>()];

    public static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>All text a reader sees or hears: element text, including titles and descriptions.</summary>
    public static string AllText(XElement root) => string.Join("\n", root.DescendantNodes().OfType<XText>().Select(t => t.Value));

    /// <summary>
    /// Runs <paramref name="action"/> under a culture that writes 7.5 as "7,5" and groups
    /// thousands with dots. InvariantGlobalization forbids creating named cultures such as
    /// fr-FR, but a modified clone of the invariant culture is allowed and has the same effect.
    /// </summary>
    public static void UnderCommaCulture(Action action)
    {
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = comma;
            CultureInfo.CurrentUICulture = comma;
            Assert.Equal("7,5", 7.5m.ToString(CultureInfo.CurrentCulture));
            action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    /// <summary>No numeric attribute may contain a comma (a culture leak would write "114,67").</summary>
    public static void InvariantNumbers(XElement root)
    {
        foreach (var attribute in root.DescendantsAndSelf().Attributes())
        {
            if (attribute.Name.LocalName is "x" or "y" or "width" or "height" or "x1" or "x2" or "y1" or "y2" or "viewBox" or "textLength")
            {
                Assert.DoesNotContain(",", attribute.Value);
            }
        }
    }

    public const string Hostile = "<script>alert(1)</script> & \"quotes\" 'n' \u0001bell";
}
