using System.Text.Json;
using System.Xml;
using Shipwise.Catalog;
using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using Shipwise.Panel;
using Shipwise.Security;

namespace Shipwise.Site.Feeds;

/// <summary>
/// /sitemap.xml is an index: one file of fixed pages (home, critics, categories) and one file per
/// slice of tools with each tool's page and the compare pages of its listed competitors. Slices
/// keep every file under the protocol's 50,000-address limit however large the catalog grows.
/// </summary>
public static class Sitemap
{
    public const int ToolsPerSlice = 5000;
    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static async Task IndexAsync(HttpContext context, CatalogQueries queries, PublicUrls urls)
    {
        var count = await queries.CountAsync(context.RequestAborted);
        var baseUrl = urls.Base(context.Request);
        await using var writer = await StartAsync(context, "sitemapindex");
        Entry(writer, "sitemap", baseUrl + "/sitemaps/pages.xml");
        for (var slice = 0; slice * ToolsPerSlice < Math.Max(count, 1); slice++)
        {
            Entry(writer, "sitemap", $"{baseUrl}/sitemaps/tools-{slice}.xml");
        }

        await EndAsync(writer);
    }

    public static async Task PagesAsync(HttpContext context, CriticCatalog critics, PublicUrls urls)
    {
        var baseUrl = urls.Base(context.Request);
        await using var writer = await StartAsync(context, "urlset");
        foreach (var path in new[] { "/", "/categories", "/critics", "/compare", "/about" })
        {
            Entry(writer, "url", baseUrl + path);
        }

        foreach (var critic in critics.All.OrderBy(c => c.Order))
        {
            Entry(writer, "url", $"{baseUrl}/critics/{critic.Slug}");
        }

        foreach (var category in Taxonomy.Categories)
        {
            Entry(writer, "url", $"{baseUrl}/categories/{category.Slug}");
        }

        await EndAsync(writer);
    }

    public static async Task<IResult?> ToolsAsync(HttpContext context, int slice, ToolCards cards, CatalogQueries queries, PublicUrls urls)
    {
        var count = await queries.CountAsync(context.RequestAborted);
        if (slice < 0 || (long)slice * ToolsPerSlice >= Math.Max(count, 1))
        {
            return TypedResults.NotFound();
        }

        var rows = await cards.SitemapSliceAsync(slice, ToolsPerSlice, context.RequestAborted);
        var competitorsOf = rows.ToDictionary(
            r => r.Slug,
            r => (JsonSerializer.Deserialize<Tool>(r.Document, CatalogJson.Options)?.Facts.Competitors?.Value ?? []).Select(Core.Catalog.Slug.From).Where(o => o != r.Slug).ToList());
        // Only pairs whose both sides exist, under their canonical slugs (a competitor named by an alias is followed):
        // a sitemap lists no redirects and no 404s.
        var canonical = await queries.CanonicalSlugsAsync(competitorsOf.Values.SelectMany(v => v).Distinct().ToList(), context.RequestAborted);
        var baseUrl = urls.Base(context.Request);
        await using var writer = await StartAsync(context, "urlset");
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, slug, updatedAt, _) in rows)
        {
            Entry(writer, "url", $"{baseUrl}/tools/{slug}", updatedAt);
            foreach (var other in competitorsOf[slug].Select(canonical.GetValueOrDefault).OfType<string>().Where(o => o != slug))
            {
                var path = ComparePair.Path(slug, other);
                if (pairs.Add(path))
                {
                    Entry(writer, "url", baseUrl + path);
                }
            }
        }

        await EndAsync(writer);
        return null;
    }

    private static async Task<XmlWriter> StartAsync(HttpContext context, string root)
    {
        context.Response.ContentType = "application/xml; charset=utf-8";
        var writer = XmlWriter.Create(context.Response.Body, new XmlWriterSettings { Async = true, Encoding = new System.Text.UTF8Encoding(false) });
        await writer.WriteStartDocumentAsync();
        writer.WriteStartElement(root, Namespace);
        return writer;
    }

    private static async Task EndAsync(XmlWriter writer)
    {
        writer.WriteEndElement();
        await writer.WriteEndDocumentAsync();
        await writer.FlushAsync();
    }

    private static void Entry(XmlWriter writer, string element, string location, DateTimeOffset? modified = null)
    {
        writer.WriteStartElement(element, Namespace);
        writer.WriteElementString("loc", Namespace, location);
        if (modified is { } at)
        {
            writer.WriteElementString("lastmod", Namespace, at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        writer.WriteEndElement();
    }
}
