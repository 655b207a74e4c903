using System.Text;

namespace Shipwise.Site.Charts;

/// <summary>One critic's review as <see cref="ScoreChart"/> draws it.</summary>
/// <param name="CriticName">Display name; untrusted, escaped on output.</param>
/// <param name="Score">0-100, or null when the critic gave no take.</param>
/// <param name="Verdict">"ship", "skip" or "no-take".</param>
/// <param name="ShipBar">The score this critic ships at, drawn as a dashed marker; null hides it.</param>
public sealed record CriticBar(string CriticName, int? Score, string Verdict, int? ShipBar = null);

/// <summary>Horizontal 0-100 bars, one per critic, coloured by verdict.</summary>
public static class ScoreChart
{
    // The layout is drawn for a 360-unit-wide viewBox, about a phone's width, so labels are close
    // to their nominal size there; each critic's name sits above its bar so the bars keep the full
    // width instead of sharing it with a name column.
    internal const double Width = 360;
    internal const double Left = 8;
    internal const double PlotWidth = 260;
    private const double Top = 4;
    private const double RowHeight = 42;
    private const double BarOffset = 18;
    private const double BarHeight = 14;

    public static string Render(string idPrefix, string title, IReadOnlyList<CriticBar> bars)
    {
        var id = Svg.IdPrefix(idPrefix);
        var rows = Math.Max(bars.Count, 1);
        var plotBottom = Top + (rows * RowHeight);
        var sb = new StringBuilder(1024 + (bars.Count * 512));
        Svg.Open(sb, id, "chart-score", Width, plotBottom + 20, title, Describe(bars));
        Svg.Grid(sb, Left, PlotWidth, Top, plotBottom);
        if (bars.Count == 0)
        {
            sb.Append("<text x=\"").Append(Svg.N(Left + 6)).Append("\" y=\"").Append(Svg.N(Top + 26)).Append("\">No reviews yet</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            Row(sb, bars[i], Top + (i * RowHeight));
        }

        if (bars.Any(b => b.ShipBar is not null))
        {
            ShipBarKey(sb, plotBottom + 14);
        }

        return sb.Append("</svg>").ToString();
    }

    private static void Row(StringBuilder sb, CriticBar bar, double y)
    {
        var verdict = Svg.ParseVerdict(bar.Verdict, bar.Score);
        Svg.Label(sb, Left, y + 13, bar.CriticName, Width - Left - 4, 13);
        var barY = y + BarOffset;
        var end = Left;
        if (bar.Score is { } score)
        {
            var width = Svg.Clamp(score) * PlotWidth / 100;
            end += width;
            sb.Append("<rect class=\"chart-bar ").Append(Svg.CssClass(verdict)).Append("\" fill=\"").Append(Svg.Fill(verdict))
              .Append("\" x=\"").Append(Svg.N(Left)).Append("\" y=\"").Append(Svg.N(barY))
              .Append("\" width=\"").Append(Svg.N(width)).Append("\" height=\"").Append(Svg.N(BarHeight))
              .Append("\" rx=\"2\" data-score=\"").Append(Svg.N(score)).Append("\"/>");
        }

        var labelX = end + 6;
        if (bar.ShipBar is { } shipBar)
        {
            var markerX = Left + (Svg.Clamp(shipBar) * PlotWidth / 100);
            ShipBarMarker(sb, markerX, Svg.Clamp(shipBar), barY);
            // A marker just past the bar end would strike through the value label: start the
            // label after the marker instead.
            if (markerX >= end && markerX <= labelX + TextWidth.Estimate(LabelText(bar.Score, verdict), 13) + 2)
            {
                labelX = markerX + 6;
            }
        }

        ValueLabel(sb, labelX, barY + 11, bar.Score, verdict);
    }

    private static string LabelText(int? score, ChartVerdict verdict) =>
        score is { } value ? $"{Svg.N(value)} {Svg.Word(verdict)}" : "no take";

    // Explains the dashed marker, on the axis row to the right of the "100" label.
    private static void ShipBarKey(StringBuilder sb, double y)
    {
        var x = Left + PlotWidth + 22;
        sb.Append("<g class=\"chart-key\" font-size=\"11\" fill-opacity=\"0.8\"><line stroke=\"currentColor\" stroke-width=\"2\" stroke-dasharray=\"3 2\" x1=\"")
          .Append(Svg.N(x)).Append("\" y1=\"").Append(Svg.N(y - 10)).Append("\" x2=\"").Append(Svg.N(x)).Append("\" y2=\"").Append(Svg.N(y + 2))
          .Append("\"/><text x=\"").Append(Svg.N(x + 5)).Append("\" y=\"").Append(Svg.N(y)).Append("\">ship bar</text></g>");
    }

    private static void ShipBarMarker(StringBuilder sb, double markerX, int shipBar, double barY)
    {
        var x = Svg.N(markerX);
        sb.Append("<line class=\"chart-shipbar\" stroke=\"currentColor\" stroke-width=\"2\" stroke-dasharray=\"3 2\" x1=\"").Append(x)
          .Append("\" y1=\"").Append(Svg.N(barY - 3)).Append("\" x2=\"").Append(x).Append("\" y2=\"").Append(Svg.N(barY + BarHeight + 3))
          .Append("\"><title>ships at ").Append(Svg.N(shipBar)).Append("</title></line>");
    }

    /// <summary>
    /// "72 ship", "40 skip" or "no take": the verdict is spelled out, not left to the bar colour,
    /// so readers who cannot tell green from red still get it.
    /// </summary>
    internal static void ValueLabel(StringBuilder sb, double x, double y, int? score, ChartVerdict verdict)
    {
        sb.Append("<text class=\"chart-value\" x=\"").Append(Svg.N(x)).Append("\" y=\"").Append(Svg.N(y)).Append("\">");
        if (score is { } value)
        {
            sb.Append("<tspan font-weight=\"bold\">").Append(Svg.N(value)).Append("</tspan><tspan fill-opacity=\"0.75\"> ")
              .Append(Svg.Word(verdict)).Append("</tspan>");
        }
        else
        {
            sb.Append("<tspan font-style=\"italic\" fill-opacity=\"0.75\">no take</tspan>");
        }

        sb.Append("</text>");
    }

    private static string Describe(IReadOnlyList<CriticBar> bars)
    {
        if (bars.Count == 0)
        {
            return "No critic has reviewed this tool yet.";
        }

        var parts = bars.Select(b => b.Score is { } s
            ? $"{b.CriticName} {Svg.N(s)} ({Svg.Word(Svg.ParseVerdict(b.Verdict, s))}{(b.ShipBar is { } bar ? $", ships at {Svg.N(Svg.Clamp(bar))}" : "")})"
            : $"{b.CriticName} no take");
        return "Scores out of 100 by critic: " + string.Join("; ", parts) + ".";
    }
}
