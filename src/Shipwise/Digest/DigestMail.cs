using System.Globalization;
using System.Net;
using System.Text;
using Shipwise.Core.Panel;
using Shipwise.Mail;

namespace Shipwise.Digest;

/// <summary>The absolute links one digest mail carries; <see cref="Unsubscribe"/> is signed for its one reader.</summary>
public sealed record DigestLinks(string Site, string Subscribe, string Unsubscribe, string? UnsubscribeMailbox = null);

/// <summary>
/// Writes the digest as plain text and HTML. Every value from the catalog is HTML-encoded in the
/// HTML part (a tool called "&lt;script&gt;" stays text), and stripped of control characters in both.
/// </summary>
public static class DigestMail
{
    public static string Subject(DigestContent content) => content.Total switch
    {
        0 => "Shipwise weekly: no new verdicts",
        1 => "Shipwise weekly: 1 new or changed verdict",
        var n => $"Shipwise weekly: {n} new and changed verdicts",
    };

    public static OutgoingMail Compose(DigestContent content, string to, DigestLinks links, string messageId)
    {
        // RFC 2369 and RFC 8058: mail clients show an unsubscribe button, and a POST of
        // "List-Unsubscribe=One-Click" to the https address unsubscribes without a visit.
        var listUnsubscribe = $"<{links.Unsubscribe}>";
        if (links.UnsubscribeMailbox is { } mailbox)
        {
            listUnsubscribe += $", <mailto:{mailbox}?subject=unsubscribe>";
        }

        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = listUnsubscribe,
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            ["List-Id"] = $"Shipwise weekly digest <digest.{new Uri(links.Site).Host}>",
            ["Auto-Submitted"] = "auto-generated",
            ["Precedence"] = "bulk",
        };
        return new OutgoingMail(to, Subject(content), Text(content, links), HtmlDocument(content, links), headers, messageId);
    }

    public static string Text(DigestContent content, DigestLinks links)
    {
        var text = new StringBuilder();
        text.Append("Shipwise weekly digest, ").Append(content.PeriodLabel).Append("\r\n\r\n");
        if (content.Total == 0)
        {
            text.Append("The panel reached no new verdicts and changed none this week.\r\n\r\n");
        }

        TextSection(text, "New verdicts", content.New, links);
        TextSection(text, "Changed verdicts", content.Changed, links);
        if (content.More > 0)
        {
            text.Append("…and ").Append(content.More.ToString(CultureInfo.InvariantCulture)).Append(" more on the site: ").Append(links.Site).Append("/\r\n\r\n");
        }

        text.Append("Reviews on Shipwise are written by software: seven critic personas scoring sourced facts.\r\n");
        text.Append("See every verdict: ").Append(links.Site).Append("/\r\n\r\n");
        text.Append("-- \r\n");
        text.Append("You get this mail because you subscribed at ").Append(links.Subscribe).Append(".\r\n");
        text.Append("Unsubscribe with one click: ").Append(links.Unsubscribe).Append("\r\n");
        return text.ToString();
    }

    /// <summary>The HTML part's content, without the document around it: the operator's preview page shows this inside the site.</summary>
    public static string HtmlBody(DigestContent content, DigestLinks links)
    {
        var html = new StringBuilder();
        html.Append("<h1>Shipwise weekly</h1>\r\n");
        html.Append("<p class=\"digest-period\">New and changed verdicts, ").Append(Encode(content.PeriodLabel)).Append("</p>\r\n");
        if (content.Total == 0)
        {
            html.Append("<p>The panel reached no new verdicts and changed none this week.</p>\r\n");
        }

        HtmlSection(html, "New verdicts", content.New, links);
        HtmlSection(html, "Changed verdicts", content.Changed, links);
        if (content.More > 0)
        {
            html.Append("<p>…and ").Append(content.More.ToString(CultureInfo.InvariantCulture))
                .Append(" more on <a href=\"").Append(Encode(links.Site)).Append("/\">Shipwise</a>.</p>\r\n");
        }

        html.Append("<p class=\"digest-note\">Reviews on Shipwise are written by software: seven critic personas scoring sourced facts. ")
            .Append("<a href=\"").Append(Encode(links.Site)).Append("/\">See every verdict</a>.</p>\r\n");
        html.Append("<hr>\r\n<p class=\"digest-footer\">You get this mail because you subscribed at <a href=\"")
            .Append(Encode(links.Subscribe)).Append("\">").Append(Encode(links.Subscribe)).Append("</a>. ")
            .Append("<a href=\"").Append(Encode(links.Unsubscribe)).Append("\">Unsubscribe</a> with one click.</p>\r\n");
        return html.ToString();
    }

    public static string HtmlDocument(DigestContent content, DigestLinks links) =>
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(Subject(content))}}</title>
        <style>
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #1b1f24; max-width: 40rem; margin: 0 auto; padding: 1rem; }
        a { color: #0b57d0; }
        .verdict-ship { color: #11703a; font-weight: 600; }
        .verdict-skip { color: #b3261e; font-weight: 600; }
        .digest-period, .digest-note, .digest-footer, .digest-vendor { color: #57606a; }
        .digest-footer { font-size: 0.9rem; }
        </style>
        </head>
        <body>
        {{HtmlBody(content, links)}}</body>
        </html>
        """;

    private static void TextSection(StringBuilder text, string title, IEnumerable<DigestItem> items, DigestLinks links)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        text.Append(title).Append("\r\n").Append(new string('=', title.Length)).Append("\r\n\r\n");
        foreach (var item in list)
        {
            text.Append("* ").Append(Plain(item.Name)).Append(" (").Append(Plain(item.Vendor)).Append("): ").Append(Line(item)).Append("\r\n");
            text.Append("  ").Append(ToolUrl(links, item)).Append("\r\n");
        }

        text.Append("\r\n");
    }

    private static void HtmlSection(StringBuilder html, string title, IEnumerable<DigestItem> items, DigestLinks links)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        html.Append("<h2>").Append(title).Append("</h2>\r\n<ul>\r\n");
        foreach (var item in list)
        {
            html.Append("<li><a href=\"").Append(Encode(ToolUrl(links, item))).Append("\"><strong>").Append(Encode(Plain(item.Name))).Append("</strong></a> ")
                .Append("<span class=\"digest-vendor\">by ").Append(Encode(Plain(item.Vendor))).Append("</span>: ");
            if (!item.IsNew)
            {
                html.Append("was ").Append(Encode(Was(item))).Append(", now ");
            }

            html.Append("<span class=\"").Append(VerdictClass(item.Verdict)).Append("\">").Append(Encode(Now(item))).Append("</span></li>\r\n");
        }

        html.Append("</ul>\r\n");
    }

    private static string Line(DigestItem item) => item.IsNew ? Now(item) : $"was {Was(item)}, now {Now(item)}";

    private static string Now(DigestItem item) => item.Verdict is { } verdict
        ? $"{verdict.Label()}, {Percent(item.ShipPercent)} ship ({item.Ships} ship / {item.Skips} skip)"
        : "no verdict (no critic took a side)";

    private static string Was(DigestItem item) => item.PreviousVerdict is { } previous
        ? $"{previous.Label()} {Percent(item.PreviousPercent)}"
        : "no verdict";

    private static string Percent(int? percent) => percent is { } p ? p.ToString(CultureInfo.InvariantCulture) + " %" : "–";

    private static string VerdictClass(Verdict? verdict) => verdict switch
    {
        Verdict.Ship => "verdict-ship",
        Verdict.Skip => "verdict-skip",
        _ => "verdict-none",
    };

    private static string ToolUrl(DigestLinks links, DigestItem item) => $"{links.Site}/tools/{Uri.EscapeDataString(item.Slug)}";

    // Catalog text is not ours: no control characters (a line break in a name would forge lines of the mail).
    private static string Plain(string value) => string.Concat(value.Select(c => char.IsControl(c) ? ' ' : c));

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
