using Shipwise.Catalog;
using Shipwise.Core.Panel;

namespace Shipwise.Site.Identity;

/// <summary>The favicons and each tool's share image.</summary>
public static class IdentityEndpoints
{
    private static readonly Lazy<byte[]> _favicon32 = new(() => ShareImage.RenderMark(32));
    private static readonly Lazy<byte[]> _touchIcon = new(() => ShareImage.RenderMark(180));
    private static readonly string _faviconSvg = BrandMark.FaviconSvg();

    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder app)
    {
        app.MapGet("/favicon.svg", (HttpContext context) => Icon(context, TypedResults.Text(_faviconSvg, "image/svg+xml; charset=utf-8"))).ExcludeFromDescription();
        app.MapGet("/favicon.png", (HttpContext context) => Icon(context, TypedResults.Bytes(_favicon32.Value, "image/png"))).ExcludeFromDescription();
        // Browsers ask for /favicon.ico whatever the page says; a PNG there is understood by all current ones.
        app.MapGet("/favicon.ico", (HttpContext context) => Icon(context, TypedResults.Bytes(_favicon32.Value, "image/png"))).ExcludeFromDescription();
        app.MapGet("/apple-touch-icon.png", (HttpContext context) => Icon(context, TypedResults.Bytes(_touchIcon.Value, "image/png"))).ExcludeFromDescription();
        // Rendered once per content version and kept by the page cache, with the pages' ETag (decision 0010).
        app.MapGet("/share/tools/{file}", ShareAsync).CacheOutput(SiteRegistration.CachePolicy).ExcludeFromDescription();
        return app;
    }

    private static IResult Icon(HttpContext context, IResult result)
    {
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return result;
    }

    /// <summary>/share/tools/{slug}.png: the verdict as an image for link previews (og:image).</summary>
    public static async Task<IResult> ShareAsync(string file, HttpContext context, CatalogQueries queries, ToolCards cards, Panel.CriticCatalog critics)
    {
        if (!file.EndsWith(".png", StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        var lookup = await queries.FindAsync(file[..^4], context.RequestAborted);
        if (lookup.RedirectTo is { } canonical)
        {
            return TypedResults.Redirect($"/share/tools/{canonical}.png", permanent: true);
        }

        if (lookup.Tool is not { } stored)
        {
            return TypedResults.NotFound();
        }

        var card = (await cards.ByIdsAsync([stored.Id], context.RequestAborted)).Single();
        var tool = stored.Tool;
        var png = ShareImage.Render(new ShareCard(
            tool.Slug, tool.Name, tool.Vendor.Name, tool.Tagline, card.Verdict?.Label() ?? "No verdict yet", card.ShipPercent, critics.All.Count));
        return TypedResults.Bytes(png, "image/png");
    }
}
