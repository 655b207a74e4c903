using Microsoft.AspNetCore.Http.HttpResults;
using Shipwise.Catalog;
using Shipwise.Community;
using Shipwise.Core.Catalog;
using Shipwise.Panel;

namespace Shipwise.Tools;

public static class CatalogEndpoints
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tools").WithTags("Catalog");
        api.MapGet("/", ListToolsAsync).WithName("ListTools");
        api.MapGet("/{slug}", GetToolAsync).WithName("GetTool");
        return app;
    }

    public static async Task<Results<Ok<ToolListResponse>, ValidationProblem>> ListToolsAsync(
        CatalogQueries queries, ReviewStore reviews, IToolFinder finder, int? page, int? pageSize, string? category, string? kind, string? q, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1)
        {
            errors["page"] = ["must be 1 or more"];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"must be between 1 and {MaxPageSize}"];
        }

        if (category is not null && Taxonomy.FindCategory(category) is null)
        {
            errors["category"] = [$"'{category}' is not a category; use one of: {string.Join(", ", Taxonomy.Categories.Select(c => c.Slug))}"];
        }

        if (kind is not null && !Taxonomy.Kinds.Contains(kind))
        {
            errors["kind"] = [$"'{kind}' is not a kind; use one of: {string.Join(", ", Taxonomy.Kinds)}"];
        }

        if (q is { Length: > 200 })
        {
            errors["q"] = ["must be at most 200 characters"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The tool list query is not valid");
        }

        var query = new ToolListQuery(page ?? 1, pageSize ?? 20, category, kind, null);
        var result = string.IsNullOrWhiteSpace(q)
            ? await queries.ListAsync(query, cancellationToken)
            : await SearchAsync(queries, finder, query, q, cancellationToken);
        var current = await reviews.CurrentForToolsAsync(result.Items.Select(t => t.Id).ToList(), cancellationToken);
        var items = result.Items.Select(t => ToolSummary.From(t, current[t.Id])).ToList();
        return TypedResults.Ok(new ToolListResponse(items, result.Page, result.PageSize, result.Total));
    }

    /// <summary>The site's search, best match first, then the category and kind filters, then the page.</summary>
    private static async Task<ToolPage> SearchAsync(CatalogQueries queries, IToolFinder finder, ToolListQuery query, string q, CancellationToken cancellationToken)
    {
        var ids = await finder.FindIdsAsync(q, IToolFinder.MaxResults, cancellationToken);
        var found = await queries.GetByIdsAsync(ids, cancellationToken);
        var matching = ids.Select(found.GetValueOrDefault).OfType<StoredTool>()
            .Where(t => (query.Category is null || t.Tool.Category == query.Category) && (query.Kind is null || t.Tool.Kind == query.Kind))
            .ToList();
        var items = matching.Skip((int)Math.Min(int.MaxValue, (long)(query.Page - 1) * query.PageSize)).Take(query.PageSize).ToList();
        return new ToolPage(items, query.Page, query.PageSize, matching.Count);
    }

    public static async Task<Results<Ok<ToolResponse>, Ok<GroupResponse>, RedirectHttpResult, ProblemHttpResult>> GetToolAsync(
        string slug, CatalogQueries queries, ToolCards cards, ReviewStore reviews, CriticCatalog critics, CommunityQueries community,
        ToolEvidenceReader evidence, ToolFreshnessQueries freshness, CancellationToken cancellationToken)
    {
        var lookup = await queries.FindAsync(slug, cancellationToken);
        if (lookup.RedirectTo is { } canonical)
        {
            return TypedResults.Redirect($"/api/tools/{canonical}", permanent: true);
        }

        if (lookup.Group is { } group)
        {
            return TypedResults.Ok(GroupResponse.From(await GroupPageView.LoadAsync(group, queries, cards, cancellationToken)));
        }

        if (lookup.Tool is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Tool not found",
                detail: $"No tool has the slug or alias '{slug}'. Search the catalog with GET /api/tools?q={Uri.EscapeDataString(slug)}.");
        }

        var current = await reviews.CurrentForToolAsync(lookup.Tool, cancellationToken);
        var votes = await community.FigureAsync(lookup.Tool.Id, cancellationToken);
        return TypedResults.Ok(ToolResponse.From(lookup.Tool, await evidence.ForAsync(lookup.Tool.Tool, cancellationToken), current, critics, votes, await freshness.ForAsync(lookup.Tool, cancellationToken)));
    }
}
