using System.Xml;
using Shipwise.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Security;

namespace Shipwise.Site.Feeds;

/// <summary>/feed.atom: the newest new and changed panel verdicts, written with XmlWriter so every value is escaped.</summary>
public static class AtomFeed
{
    public const int Entries = 50;

    public static async Task WriteAsync(HttpContext context, ToolCards cards, SourceFeed sourceChanges, PublicUrls urls, TimeProvider clock)
    {
        var recent = await cards.RecentlyChangedAsync(Entries, context.RequestAborted);
        var facts = await sourceChanges.RecentAsync(Entries, context.RequestAborted);
        var baseUrl = urls.Base(context.Request);
        context.Response.ContentType = "application/atom+xml; charset=utf-8";
        // Written to memory first: XmlWriter flushes synchronously when its buffer fills, which Kestrel refuses.
        using var buffer = new MemoryStream();
        await using var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Async = true, Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        await writer.WriteStartDocumentAsync();
        writer.WriteStartElement("feed", "http://www.w3.org/2005/Atom");
        writer.WriteElementString("title", "Shipwise: new and changed verdicts");
        writer.WriteElementString("subtitle", "Verdicts of seven AI critic personas on AI tools. Reviews are written by software.");
        writer.WriteElementString("id", baseUrl + "/feed.atom");
        var newest = recent.Select(c => c.ChangedAt!.Value).Concat(facts.Select(f => f.At)).DefaultIfEmpty(clock.GetUtcNow()).Max();
        writer.WriteElementString("updated", Rfc3339(newest));
        Link(writer, baseUrl + "/feed.atom", "self");
        Link(writer, baseUrl + "/", "alternate");
        writer.WriteStartElement("author");
        writer.WriteElementString("name", "Shipwise panel (automated)");
        writer.WriteEndElement();
        foreach (var card in recent)
        {
            var url = $"{baseUrl}/tools/{card.Slug}";
            var now = card.Verdict is { } v ? $"{v.Label()} ({card.ShipPercent} % ship, {card.Ships} ship / {card.Skips} skip)" : "no verdict";
            var title = card.IsNew
                ? $"{card.Name}: {now}"
                : $"{card.Name}: {card.PreviousVerdict?.Label() ?? "no verdict"} {card.PreviousPercent?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"} % → {now}";
            writer.WriteStartElement("entry");
            writer.WriteElementString("title", title);
            // One entry per verdict change: the id carries the time, so readers show a later change as new.
            writer.WriteElementString("id", $"{url}#verdict-{card.ChangedAt!.Value.ToUnixTimeSeconds()}");
            writer.WriteElementString("updated", Rfc3339(card.ChangedAt!.Value));
            Link(writer, url, "alternate");
            writer.WriteStartElement("summary");
            writer.WriteAttributeString("type", "text");
            writer.WriteString($"{card.Tagline}. {(card.IsNew ? "First panel verdict" : "The panel's verdict changed")}: {now}.");
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        // Facts a source changed (a price drop on OpenRouter), whether or not a verdict moved.
        foreach (var fact in facts)
        {
            var url = $"{baseUrl}/tools/{fact.Slug}";
            writer.WriteStartElement("entry");
            writer.WriteElementString("title", fact.Title);
            writer.WriteElementString("id", $"{url}#facts-{fact.Id}");
            writer.WriteElementString("updated", Rfc3339(fact.At));
            Link(writer, url, "alternate");
            writer.WriteStartElement("summary");
            writer.WriteAttributeString("type", "text");
            writer.WriteString(fact.Summary);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        await writer.WriteEndDocumentAsync();
        await writer.FlushAsync();
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static void Link(XmlWriter writer, string href, string rel)
    {
        writer.WriteStartElement("link");
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }

    private static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
