using Microsoft.AspNetCore.Http.HttpResults;
using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using Shipwise.Core.Panel;
using Shipwise.Panel;
using Shipwise.Site;

namespace Shipwise.Compare;

public sealed record CompareSideResponse(
    string Slug, string Name, string Tagline, string Category, string Vendor, PanelFigures Panel, CommunityFigure? Community, string Entry, string Pricing);

/// <param name="Path">The address of this order (left as asked); <paramref name="CanonicalPath"/> is the pair's one address.</param>
public sealed record CompareResponse(
    string Path,
    string CanonicalPath,
    CompareSideResponse Left,
    CompareSideResponse Right,
    IReadOnlyList<DecisionRow> DecisionRows,
    IReadOnlyList<FactComparisonRow> FactRows,
    IReadOnlyList<ScorecardRow> Scorecard,
    IReadOnlyList<UseCaseAnswer> Answers,
    CompareVerdict Verdict)
{
    public static CompareResponse From(Comparison c) =>
        new(c.Path, c.CanonicalPath, Side(c.Left), Side(c.Right), c.DecisionRows, c.FactRows, c.Scorecard, c.Answers, c.Verdict);

    private static CompareSideResponse Side(CompareSide side)
    {
        var pricing = side.Tool.Facts.Pricing?.Value;
        return new CompareSideResponse(
            side.Tool.Slug, side.Tool.Name, side.Tool.Tagline, side.Tool.Category, side.Tool.Vendor.Name,
            PanelFigures.From(side.Panel),
            side.Community, PricingRead.EntryLabel(PricingRead.Entry(pricing)), PricingRead.Describe(pricing));
    }
}

public static class CompareEndpoints
{
    public static IEndpointRouteBuilder MapCompare(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/compare").WithTags("Compare");
        api.MapGet("/{a}/{b}", GetComparisonAsync).WithName("Compare").CacheOutput(SiteRegistration.CachePolicy);
        // Rendered once per content version and kept by the page cache, with the pages' ETag, like a tool's share image (decision 0017).
        app.MapGet("/share/compare/{file}", ShareImageAsync).CacheOutput(SiteRegistration.CachePolicy).ExcludeFromDescription();
        return app;
    }

    /// <summary>"/share/compare/{left}-vs-{right}.png" for the compare page at <paramref name="comparePath"/>.</summary>
    public static string ShareImagePath(string comparePath) => $"/share{comparePath}.png";

    /// <summary>/share/compare/{a}-vs-{b}.png: both names, in that order, and the verdict, for link previews (og:image).</summary>
    public static async Task<IResult> ShareImageAsync(string file, CompareQuery compare, CancellationToken cancellationToken)
    {
        if (!file.EndsWith(".png", StringComparison.Ordinal) || await compare.FindPairAsync(file[..^4], cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }

        if (found.IsRedirect)
        {
            return TypedResults.Redirect(ShareImagePath(ComparePair.Address(found.RedirectLeft!, found.RedirectRight!)), permanent: true);
        }

        var c = found.Comparison!;
        var png = Site.Identity.ShareImage.RenderPair(new Site.Identity.PairShareCard(
            c.Left.Tool.Slug, c.Left.Tool.Name, c.Right.Tool.Slug, c.Right.Tool.Name, c.Verdict.Title, c.Verdict.ToolSlug, c.Scorecard.Count));
        return TypedResults.Bytes(png, "image/png");
    }

    public static async Task<Results<Ok<CompareResponse>, RedirectHttpResult, ProblemHttpResult>> GetComparisonAsync(
        string a, string b, CompareQuery compare, CancellationToken cancellationToken)
    {
        var lookup = await compare.FindAsync(a, b, cancellationToken);
        if (lookup.Unknown.Count > 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Tool not found",
                detail: $"No tool has the slug or alias {string.Join(" or ", lookup.Unknown.Select(u => $"'{u}'"))}. Search the catalog with GET /api/tools?q=...");
        }

        if (lookup.SameTool)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "A tool cannot be compared with itself",
                detail: $"'{a}' and '{b}' name the same tool. Pick two different tools.");
        }

        if (lookup.IsRedirect)
        {
            return TypedResults.Redirect($"/api/compare/{lookup.RedirectLeft}/{lookup.RedirectRight}", permanent: true);
        }

        return TypedResults.Ok(CompareResponse.From(lookup.Comparison!));
    }
}
