using Microsoft.AspNetCore.Http.HttpResults;
using Shipwise.Core.Panel;

namespace Shipwise.Panel;

public static class PanelEndpoints
{
    public static IEndpointRouteBuilder MapPanel(this IEndpointRouteBuilder app)
    {
        var critics = app.MapGroup("/api/critics").WithTags("Panel");
        critics.MapGet("/", ListCritics).WithName("ListCritics");
        critics.MapGet("/{slug}", GetCriticAsync).WithName("GetCritic");
        return app;
    }

    public static Ok<IReadOnlyList<CriticResponse>> ListCritics(CriticCatalog critics) =>
        TypedResults.Ok<IReadOnlyList<CriticResponse>>(critics.All.Select(CriticResponse.From).ToList());

    public static async Task<Results<Ok<CriticDetailResponse>, ProblemHttpResult>> GetCriticAsync(
        string slug, CriticCatalog critics, ReviewStore reviews, CancellationToken cancellationToken)
    {
        var critic = critics.Find(slug);
        if (critic is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Critic not found",
                detail: $"No critic has the slug '{slug}'. The panel is: {string.Join(", ", critics.All.Select(c => c.Slug))}.");
        }

        var current = await reviews.CurrentForCriticAsync(slug, cancellationToken);
        var verdicts = new CriticVerdicts(
            current.Count, current.Count(r => r.Verdict == Verdict.Ship), current.Count(r => r.Verdict == Verdict.Skip), current.Count(r => r.Verdict == Verdict.NoTake));
        return TypedResults.Ok(new CriticDetailResponse(CriticResponse.From(critic), verdicts));
    }
}
