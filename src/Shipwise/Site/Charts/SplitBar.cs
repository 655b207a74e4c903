using System.Text;

namespace Shipwise.Site.Charts;

/// <summary>The panel's split as one stacked bar: ship, then skip, then no take, left to right.</summary>
public static class SplitBar
{
    internal const double Width = 360;
    internal const double Left = 8;
    internal const double BarWidth = 344;
    private const double BarY = 4;
    private const double BarHeight = 20;

    public static string Render(string idPrefix, int ships, int skips, int noTakes)
    {
        // Negative counts are a caller bug; drawing them would produce negative widths.
        ships = Math.Max(ships, 0);
        skips = Math.Max(skips, 0);
        noTakes = Math.Max(noTakes, 0);
        var total = ships + skips + noTakes;
        var label = total == 0
            ? "No reviews yet"
            : $"{Svg.N(ships)} ship · {Svg.N(skips)} skip · {Svg.N(noTakes)} no take";

        var id = Svg.IdPrefix(idPrefix);
        var sb = new StringBuilder(1024);
        Svg.Open(sb, id, "chart-split", Width, 48, "Panel split", total == 0 ? "No critic has reviewed this tool yet." : $"Panel split: {label}.");
        if (total == 0)
        {
            // An outline keeps the bar's place in the layout so an unreviewed tool does not look broken.
            sb.Append("<rect class=\"chart-empty\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.4\" stroke-dasharray=\"4 3\" x=\"")
              .Append(Svg.N(Left)).Append("\" y=\"").Append(Svg.N(BarY)).Append("\" width=\"").Append(Svg.N(BarWidth))
              .Append("\" height=\"").Append(Svg.N(BarHeight)).Append("\" rx=\"3\"/>");
        }
        else
        {
            var x = Left;
            x = Segment(sb, x, ships, total, ChartVerdict.Ship);
            x = Segment(sb, x, skips, total, ChartVerdict.Skip);
            Segment(sb, x, noTakes, total, ChartVerdict.NoTake);
        }

        sb.Append("<text class=\"chart-label\" x=\"").Append(Svg.N(Left)).Append("\" y=\"").Append(Svg.N(BarY + BarHeight + 18)).Append("\">")
          .Append(Svg.Escape(label)).Append("</text>");
        return sb.Append("</svg>").ToString();
    }

    private static double Segment(StringBuilder sb, double x, int count, int total, ChartVerdict verdict)
    {
        if (count == 0)
        {
            return x;
        }

        var width = count * BarWidth / total;
        // A 1-unit stroke in the page background colour would need to know that colour; instead
        // each segment is drawn 1 unit short so a gap separates neighbours in either theme.
        var drawn = x + width >= Left + BarWidth - 0.01 ? width : width - 1;
        sb.Append("<rect class=\"chart-segment ").Append(Svg.CssClass(verdict)).Append("\" fill=\"").Append(Svg.Fill(verdict))
          .Append("\" x=\"").Append(Svg.N(x)).Append("\" y=\"").Append(Svg.N(BarY)).Append("\" width=\"").Append(Svg.N(Math.Max(drawn, 0.5)))
          .Append("\" height=\"").Append(Svg.N(BarHeight)).Append("\" data-count=\"").Append(Svg.N(count)).Append("\"><title>")
          .Append(Svg.N(count)).Append(' ').Append(Svg.Word(verdict)).Append("</title></rect>");
        return x + width;
    }
}
