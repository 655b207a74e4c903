using System.Globalization;
using System.Text;

namespace Shipwise.Site.Charts;

/// <summary>
/// A shields.io-style "flat" badge, served as a standalone image (README embeds, other sites), so
/// unlike the charts it has a fixed size and fixed colours: it cannot see the host page's theme.
/// </summary>
public static class Badge
{
    internal const double Height = 20;
    internal const double FontSize = 11;
    internal const double Padding = 5;

    // White text sits on every background below. Each keeps at least 4.5:1 (WCAG AA) with white
    // even where the flat style's top highlight lightens it (checked in the tests).
    internal const string LabelColor = "#555555";
    internal const string ShipColor = "#1f7a3a";
    internal const string SkipColor = "#cf222e";
    internal const string NoneColor = "#666666";
    internal const string TextColor = "#ffffff";

    /// <param name="label">Left part, normally "Shipwise".</param>
    /// <param name="verdictText">"ship" or "skip"; anything else (null, "no-take", "") reads "No verdict".</param>
    /// <param name="score">The badge score, ship % / 10, shown with one decimal at most.</param>
    public static string Render(string label, string verdictText, decimal? score)
    {
        var (message, color) = Message(verdictText, score);
        var labelWidth = Math.Round(TextWidth.Estimate(label, FontSize) + (2 * Padding));
        var messageWidth = Math.Round(TextWidth.Estimate(message, FontSize) + (2 * Padding));
        var width = labelWidth + messageWidth;
        var text = Svg.Escape($"{label}: {message}");

        var sb = new StringBuilder(1024);
        sb.Append("<svg xmlns=\"").Append(Svg.Namespace).Append("\" width=\"").Append(Svg.N(width)).Append("\" height=\"").Append(Svg.N(Height))
          .Append("\" viewBox=\"0 0 ").Append(Svg.N(width)).Append(' ').Append(Svg.N(Height)).Append("\" role=\"img\" aria-label=\"").Append(text).Append("\">")
          .Append("<title>").Append(text).Append("</title>")
          .Append("<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>")
          .Append("<clipPath id=\"r\"><rect width=\"").Append(Svg.N(width)).Append("\" height=\"").Append(Svg.N(Height)).Append("\" rx=\"3\" fill=\"#fff\"/></clipPath>")
          .Append("<g clip-path=\"url(#r)\">")
          .Append("<rect width=\"").Append(Svg.N(labelWidth)).Append("\" height=\"").Append(Svg.N(Height)).Append("\" fill=\"").Append(LabelColor).Append("\"/>")
          .Append("<rect x=\"").Append(Svg.N(labelWidth)).Append("\" width=\"").Append(Svg.N(messageWidth)).Append("\" height=\"").Append(Svg.N(Height))
          .Append("\" fill=\"").Append(color).Append("\"/>")
          .Append("<rect width=\"").Append(Svg.N(width)).Append("\" height=\"").Append(Svg.N(Height)).Append("\" fill=\"url(#s)\"/></g>")
          .Append("<g fill=\"").Append(TextColor).Append("\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" text-rendering=\"geometricPrecision\" font-size=\"")
          .Append(Svg.N(FontSize)).Append("\">");
        Text(sb, label, labelWidth / 2, labelWidth - (2 * Padding));
        Text(sb, message, labelWidth + (messageWidth / 2), messageWidth - (2 * Padding));
        return sb.Append("</g></svg>").ToString();
    }

    internal static (string Message, string Color) Message(string? verdictText, decimal? score)
    {
        var suffix = score is { } s ? " " + FormatScore(s) + "/10" : "";
        return (verdictText?.Trim().ToLowerInvariant()) switch
        {
            "ship" => ("Ship" + suffix, ShipColor),
            "skip" => ("Skip" + suffix, SkipColor),
            _ => ("No verdict", NoneColor),
        };
    }

    /// <summary>7.5, 10, 4.3: one decimal at most, a dot whatever the culture.</summary>
    internal static string FormatScore(decimal score) =>
        Math.Round(Math.Clamp(score, 0m, 10m), 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);

    // A faint dark copy one pixel lower (the flat style's shadow), then the text. textLength pins
    // the text to the estimated width, so a font with other metrics still fits its box.
    private static void Text(StringBuilder sb, string text, double centre, double length)
    {
        var escaped = Svg.Escape(text);
        sb.Append("<text aria-hidden=\"true\" x=\"").Append(Svg.N(centre)).Append("\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\" textLength=\"")
          .Append(Svg.N(length)).Append("\">").Append(escaped).Append("</text>")
          .Append("<text x=\"").Append(Svg.N(centre)).Append("\" y=\"14\" textLength=\"").Append(Svg.N(length)).Append("\">")
          .Append(escaped).Append("</text>");
    }
}
