using System.Text;

namespace Shipwise.Site.Charts;

/// <summary>One critic's scores for two tools, as <see cref="CompareChart"/> draws them.</summary>
/// <param name="CriticName">Display name; untrusted, escaped on output.</param>
/// <param name="Left">The left tool's score 0-100, or null for no take.</param>
/// <param name="LeftVerdict">"ship", "skip" or "no-take".</param>
/// <param name="Right">The right tool's score 0-100, or null for no take.</param>
/// <param name="RightVerdict">"ship", "skip" or "no-take".</param>
public sealed record CompareBar(string CriticName, int? Left, string LeftVerdict, int? Right, string RightVerdict);

/// <summary>One evaluation both tools took, as <see cref="CompareChart.RenderEvaluations"/> draws it.</summary>
/// <param name="Name">The benchmark and version, e.g. "AA Index v5"; untrusted, escaped on output.</param>
/// <param name="Left">The left tool's figure, drawn against <paramref name="Scale"/>.</param>
/// <param name="LeftText">The left figure as the page writes it ("50.5 points").</param>
/// <param name="Right">The right tool's figure.</param>
/// <param name="RightText">The right figure as the page writes it.</param>
/// <param name="Scale">The value a full-width bar stands for: 100 for a percentage, else the larger figure.</param>
/// <param name="Note">Who ran it, and whether lower is better or the two were separate runs.</param>
public sealed record EvaluationBar(string Name, double Left, string LeftText, double Right, string RightText, double Scale, string Note);

/// <summary>Two tools side by side: per critic, a solid bar for the left tool and a hatched one for the right.</summary>
public static class CompareChart
{
    // Same 360-unit phone-first layout as ScoreChart. Bars are coloured by tool, not by verdict
    // (the verdict is written next to each bar), and the right tool's bars are hatched so the two
    // stay apart without colour.
    internal const double Width = 360;
    internal const double Left = 8;
    internal const double PlotWidth = 260;
    private const double LegendRow = 20;
    private const double RowHeight = 54;
    private const double BarHeight = 12;

    public static string Render(string idPrefix, string title, string leftName, string rightName, IReadOnlyList<CompareBar> bars)
    {
        var id = Svg.IdPrefix(idPrefix);
        var top = (LegendRow * 2) + 8;
        var rows = Math.Max(bars.Count, 1);
        var plotBottom = top + (rows * RowHeight);
        var sb = new StringBuilder(1536 + (bars.Count * 768));
        Svg.Open(sb, id, "chart-compare", Width, plotBottom + 20, title, Describe(leftName, rightName, bars));
        Hatch(sb, id);
        Legend(sb, id, leftName, rightName);
        Svg.Grid(sb, Left, PlotWidth, top, plotBottom);
        if (bars.Count == 0)
        {
            sb.Append("<text x=\"").Append(Svg.N(Left + 6)).Append("\" y=\"").Append(Svg.N(top + 26)).Append("\">No reviews yet</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var y = top + (i * RowHeight);
            var bar = bars[i];
            Svg.Label(sb, Left, y + 13, bar.CriticName, Width - Left - 4, 13);
            Bar(sb, id, y + 18, bar.Left, bar.LeftVerdict, right: false);
            Bar(sb, id, y + 18 + BarHeight + 4, bar.Right, bar.RightVerdict, right: true);
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>
    /// Evaluations both tools took as paired bars, the left tool's solid and the right's hatched,
    /// each with its figure written beside it; one row per benchmark, its evaluator underneath.
    /// </summary>
    public static string RenderEvaluations(string idPrefix, string title, string leftName, string rightName, IReadOnlyList<EvaluationBar> rows)
    {
        const double rowHeight = 70;
        var id = Svg.IdPrefix(idPrefix);
        var top = (LegendRow * 2) + 8;
        var height = top + (Math.Max(rows.Count, 1) * rowHeight) + 4;
        var sb = new StringBuilder(1536 + (rows.Count * 900));
        var desc = rows.Count == 0
            ? $"No evaluation both {leftName} and {rightName} took is on record."
            : $"Figures on evaluations both took, {leftName} (solid bars) against {rightName} (hatched bars): "
                + string.Join("; ", rows.Select(r => $"{r.Name}: {leftName} {r.LeftText}, {rightName} {r.RightText} ({r.Note})")) + ".";
        Svg.Open(sb, id, "chart-compare chart-evals", Width, height, title, desc);
        Hatch(sb, id);
        Legend(sb, id, leftName, rightName);
        for (var i = 0; i < rows.Count; i++)
        {
            var y = top + (i * rowHeight);
            var row = rows[i];
            Svg.Label(sb, Left, y + 13, row.Name, Width - Left - 4, 13);
            EvalBar(sb, id, y + 18, row.Left, row.LeftText, row.Scale, right: false);
            EvalBar(sb, id, y + 18 + BarHeight + 4, row.Right, row.RightText, row.Scale, right: true);
            sb.Append("<g font-size=\"11\" fill-opacity=\"0.8\">");
            Svg.Label(sb, Left, y + 18 + (BarHeight * 2) + 4 + 15, row.Note, Width - Left - 4, 11);
            sb.Append("</g>");
        }

        return sb.Append("</svg>").ToString();
    }

    private static void EvalBar(StringBuilder sb, string id, double y, double value, string text, double scale, bool right)
    {
        var width = scale <= 0 ? 0 : Math.Clamp(value / scale, 0, 1) * PlotWidth;
        Swatch(sb, id, right, Left, y, Math.Max(width, 1), BarHeight, $" data-side=\"{(right ? "right" : "left")}\"");
        sb.Append("<text class=\"chart-value\" font-weight=\"bold\" x=\"").Append(Svg.N(Left + width + 6)).Append("\" y=\"").Append(Svg.N(y + 10)).Append("\">")
          .Append(Svg.Escape(text)).Append("</text>");
    }

    // Diagonal stripes in the right tool's colour over a pale wash of it. Both layers use the
    // chart-right class, so the page's light/dark colour reaches the pattern too.
    private static void Hatch(StringBuilder sb, string id) =>
        sb.Append("<defs><pattern id=\"").Append(id).Append("-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">")
          .Append("<rect class=\"chart-right\" fill=\"").Append(Svg.RightFill).Append("\" fill-opacity=\"0.3\" width=\"6\" height=\"6\"/>")
          .Append("<rect class=\"chart-right\" fill=\"").Append(Svg.RightFill).Append("\" width=\"3.5\" height=\"6\"/>")
          .Append("</pattern></defs>");

    private static string Fill(string id, bool right) => right ? $"url(#{id}-hatch)" : Svg.LeftFill;

    private static void Swatch(StringBuilder sb, string id, bool right, double x, double y, double width, double height, string extra = "")
    {
        // The hatched swatch carries no class: a class would let page CSS replace the pattern fill.
        sb.Append("<rect").Append(right ? "" : " class=\"chart-left\"").Append(" fill=\"").Append(Fill(id, right))
          .Append("\" x=\"").Append(Svg.N(x)).Append("\" y=\"").Append(Svg.N(y))
          .Append("\" width=\"").Append(Svg.N(width)).Append("\" height=\"").Append(Svg.N(height)).Append('"').Append(extra).Append("/>");
    }

    private static void Legend(StringBuilder sb, string id, string leftName, string rightName)
    {
        // One tool per line: names are untrusted and may be long, so they never share a line.
        sb.Append("<g class=\"chart-legend\">");
        Swatch(sb, id, right: false, Left, 4, 16, 12);
        Svg.Label(sb, Left + 22, 14, leftName, Width - Left - 26, 13);
        Swatch(sb, id, right: true, Left, 4 + LegendRow, 16, 12);
        Svg.Label(sb, Left + 22, 14 + LegendRow, rightName, Width - Left - 26, 13);
        sb.Append("</g>");
    }

    private static void Bar(StringBuilder sb, string id, double y, int? score, string verdict, bool right)
    {
        var parsed = Svg.ParseVerdict(verdict, score);
        var end = Left;
        if (score is { } value)
        {
            var width = Svg.Clamp(value) * PlotWidth / 100;
            end += width;
            Swatch(sb, id, right, Left, y, width, BarHeight,
                $" data-side=\"{(right ? "right" : "left")}\" data-score=\"{Svg.N(value)}\"");
        }

        ScoreChart.ValueLabel(sb, end + 6, y + 10, score, parsed);
    }

    private static string Describe(string leftName, string rightName, IReadOnlyList<CompareBar> bars)
    {
        if (bars.Count == 0)
        {
            return $"No critic has reviewed {leftName} or {rightName} yet.";
        }

        static string One(int? score, string verdict) => score is { } s
            ? $"{Svg.N(s)} ({Svg.Word(Svg.ParseVerdict(verdict, s))})"
            : "no take";
        var parts = bars.Select(b => $"{b.CriticName}: {leftName} {One(b.Left, b.LeftVerdict)}, {rightName} {One(b.Right, b.RightVerdict)}");
        return $"Scores out of 100 by critic, {leftName} (solid bars) against {rightName} (hatched bars): " + string.Join("; ", parts) + ".";
    }
}
