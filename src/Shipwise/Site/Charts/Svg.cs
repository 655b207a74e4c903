using System.Globalization;
using System.Text;
using System.Xml;

namespace Shipwise.Site.Charts;

/// <summary>The three verdicts a critic can give, as the charts colour them.</summary>
internal enum ChartVerdict
{
    Ship,
    Skip,
    NoTake,
}

/// <summary>
/// Shared building blocks for the chart renderers: escaping, invariant number formatting,
/// id sanitising and the accessible &lt;svg&gt; header every chart starts with.
/// </summary>
internal static class Svg
{
    public const string Namespace = "http://www.w3.org/2000/svg";

    // Fallback fills, used when the page CSS does not style the chart classes (feeds, e-mail,
    // a page without the stylesheet). Picked to keep at least 3:1 against both a white and a
    // near-black background, the WCAG minimum for graphics, so either theme stays readable.
    public const string ShipFill = "#1a7f37";
    public const string SkipFill = "#cf222e";
    public const string NoTakeFill = "#6e7781";
    public const string LeftFill = "#0969da";
    public const string RightFill = "#bc4c00";

    /// <summary>
    /// Escapes text for element content and attribute values. Characters XML 1.0 cannot carry at
    /// all (most C0 controls, lone surrogates) are dropped: escaping them would still produce a
    /// document no parser accepts, and names come from untrusted input.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }

            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (XmlConvert.IsXmlChar(c))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Formats a coordinate with at most two decimals and a dot, whatever the thread culture.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Turns a caller's prefix into a valid XML id start (a letter, then letters, digits, '-', '_'):
    /// ids end up in aria-labelledby and url(#…) references, where spaces or quotes would break them.
    /// </summary>
    public static string IdPrefix(string? prefix)
    {
        var sb = new StringBuilder();
        foreach (var c in prefix ?? "")
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        if (sb.Length == 0 || !char.IsAsciiLetter(sb[0]))
        {
            sb.Insert(0, "c-");
        }

        return sb.ToString();
    }

    public static ChartVerdict ParseVerdict(string? verdict, int? score) =>
        score is null ? ChartVerdict.NoTake : (verdict?.Trim().ToLowerInvariant()) switch
        {
            "ship" => ChartVerdict.Ship,
            "skip" => ChartVerdict.Skip,
            _ => ChartVerdict.NoTake,
        };

    public static string CssClass(ChartVerdict verdict) => verdict switch
    {
        ChartVerdict.Ship => "chart-ship",
        ChartVerdict.Skip => "chart-skip",
        _ => "chart-notake",
    };

    public static string Fill(ChartVerdict verdict) => verdict switch
    {
        ChartVerdict.Ship => ShipFill,
        ChartVerdict.Skip => SkipFill,
        _ => NoTakeFill,
    };

    public static string Word(ChartVerdict verdict) => verdict switch
    {
        ChartVerdict.Ship => "ship",
        ChartVerdict.Skip => "skip",
        _ => "no take",
    };

    /// <summary>A score on the 0-100 scale, clamped so a bad value cannot draw outside the plot.</summary>
    public static int Clamp(int score) => Math.Clamp(score, 0, 100);

    /// <summary>
    /// Opens an inline chart: a viewBox and no fixed size so it scales with its container (the site's
    /// stylesheet caps its width, as the content security policy allows no inline styles), role="img" with a title and a
    /// description so screen readers get the whole chart as one accessible image.
    /// </summary>
    public static void Open(StringBuilder sb, string id, string kind, double width, double height, string title, string desc)
    {
        sb.Append("<svg xmlns=\"").Append(Namespace).Append("\" class=\"chart ").Append(kind)
          .Append("\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height))
          .Append("\" width=\"100%\" font-size=\"13\" fill=\"currentColor\"")
          .Append(" role=\"img\" aria-labelledby=\"").Append(id).Append("-title ").Append(id).Append("-desc\">")
          .Append("<title id=\"").Append(id).Append("-title\">").Append(Escape(title)).Append("</title>")
          .Append("<desc id=\"").Append(id).Append("-desc\">").Append(Escape(desc)).Append("</desc>");
    }

    /// <summary>Vertical gridlines and their labels at 0/25/50/75/100 across a plot area.</summary>
    public static void Grid(StringBuilder sb, double left, double plotWidth, double top, double bottom)
    {
        sb.Append("<g class=\"chart-grid\" stroke=\"currentColor\" stroke-opacity=\"0.2\" stroke-width=\"1\">");
        for (var v = 0; v <= 100; v += 25)
        {
            var x = N(left + (v * plotWidth / 100));
            sb.Append("<line x1=\"").Append(x).Append("\" y1=\"").Append(N(top))
              .Append("\" x2=\"").Append(x).Append("\" y2=\"").Append(N(bottom)).Append("\"/>");
        }

        sb.Append("</g><g class=\"chart-axis\" text-anchor=\"middle\" font-size=\"11\" fill-opacity=\"0.8\">");
        for (var v = 0; v <= 100; v += 25)
        {
            sb.Append("<text x=\"").Append(N(left + (v * plotWidth / 100))).Append("\" y=\"").Append(N(bottom + 14))
              .Append("\">").Append(N(v)).Append("</text>");
        }

        sb.Append("</g>");
    }

    /// <summary>
    /// A text label that fits the given width, shortened with an ellipsis if needed; the full text
    /// stays available as a tooltip and in the chart description.
    /// </summary>
    public static void Label(StringBuilder sb, double x, double y, string text, double maxWidth, double fontSize)
    {
        var shown = TextWidth.Fit(text, fontSize, maxWidth);
        sb.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\">");
        if (shown != text)
        {
            sb.Append("<title>").Append(Escape(text)).Append("</title>");
        }

        sb.Append(Escape(shown)).Append("</text>");
    }
}
