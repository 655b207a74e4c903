using Shipwise.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Security;
using Shipwise.Site.Charts;
using Shipwise.Site.Feeds;

namespace Shipwise.Site.Embeds;

/// <summary>Badges, the feed and the sitemaps: everything the site serves that is not an HTML page.</summary>
public static class EmbedEndpoints
{
    public static IEndpointRouteBuilder MapEmbedsAndFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/badge/{file}", BadgeAsync).CacheOutput(SiteRegistration.CachePolicy).ExcludeFromDescription();
        app.MapGet("/feed.atom", AtomFeed.WriteAsync).CacheOutput(SiteRegistration.CachePolicy).ExcludeFromDescription();
        app.MapGet("/sitemap.xml", Sitemap.IndexAsync).CacheOutput(SiteRegistration.CachePolicy).ExcludeFromDescription();
        app.MapGet("/sitemaps/pages.xml", Sitemap.PagesAsync).CacheOutput(SiteRegistration.CachePolicy).ExcludeFromDescription();
        app.MapGet("/sitemaps/tools-{slice:int}.xml", async (HttpContext context, int slice, ToolCards cards, CatalogQueries queries, PublicUrls urls) =>
            await Sitemap.ToolsAsync(context, slice, cards, queries, urls) ?? Results.Empty).CacheOutput(SiteRegistration.CachePolicy).ExcludeFromDescription();
        return app;
    }

    /// <summary>/badge/{slug}.svg: the panel verdict and badge score as an image for READMEs and sites.</summary>
    public static async Task<IResult> BadgeAsync(string file, HttpContext context, CatalogQueries queries, ToolCards cards)
    {
        if (!file.EndsWith(".svg", StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        var slug = file[..^4];
        var lookup = await queries.FindAsync(slug, context.RequestAborted);
        if (lookup.RedirectTo is { } canonical)
        {
            return TypedResults.Redirect($"/badge/{canonical}.svg", permanent: true);
        }

        if (lookup.Tool is null)
        {
            return TypedResults.NotFound();
        }

        var card = (await cards.ByIdsAsync([lookup.Tool.Id], context.RequestAborted)).Single();
        var verdict = card.Verdict is { } v ? v.Label() : "No verdict";
        // Embedded on other sites: let their visitors' browsers and CDNs keep it a few minutes.
        context.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Text(Badge.Render("Shipwise", verdict, card.BadgeScore), "image/svg+xml; charset=utf-8");
    }
}
