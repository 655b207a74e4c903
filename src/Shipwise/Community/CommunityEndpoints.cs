using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using Shipwise.Accounts;
using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using Shipwise.Panel;
using Shipwise.Security;
using Shipwise.Site;

namespace Shipwise.Community;

public sealed record RankedToolResponse(
    int Rank, string Slug, string Name, double Strength, double StandardError, double StrengthLower, double StrengthUpper,
    double PickChance, double PickChanceLower, double PickChanceUpper, int Picks, int Wins, bool Provisional);

/// <summary>A category's community ranking. pickChance: the chance readers pick the tool over an average tool of the category (95 % interval).</summary>
public sealed record CommunityRankingResponse(
    string Category, string CategoryName, bool Provisional, bool Connected, int Picks, int MinimumPicks, int MinimumPicksPerTool,
    long ToolsInCategory, long UnrankedTools, IReadOnlyList<RankedToolResponse> Tools)
{
    public static CommunityRankingResponse From(CategoryRanking c)
    {
        var r = c.Ranking;
        return new(c.Category.Slug, c.Category.Name, r.Provisional, r.Connected, r.Picks, r.Rules.MinimumPicks, r.Rules.MinimumPicksPerTool,
            c.ToolsInCategory, c.UnrankedTools,
            r.Ranked.Select(t => new RankedToolResponse(
                t.Rank, t.Tool.Slug, t.Tool.Name, Round(t.Strength), Round(t.StandardError), Round(t.Lower), Round(t.Upper),
                Round(t.PickChance), Round(t.PickChanceLower), Round(t.PickChanceUpper), t.Picks, t.Wins, t.Provisional)).ToList());
    }

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Readers' writes (votes, pair picks, "helpful?") and the operator's void. Each is a plain form
/// POST answered with 303 See Other back to the page (works without JavaScript), behind the
/// "votes" rate limit, with the antiforgery token checked here, before anything else is read.
/// </summary>
public static class CommunityEndpoints
{
    public const string TokenField = "__RequestVerificationToken";
    private const int MaxSlugLength = 200;

    public static IEndpointRouteBuilder MapCommunity(this IEndpointRouteBuilder app)
    {
        // Bare statuses for these form posts: the site's error pages re-run a request as the same
        // method, and a re-run POST of an anonymous reader fails the error page's own antiforgery check (a 401 would show as 400).
        var writes = app.MapGroup("").WithTags("Community").RequireAuthorization().RequireRateLimiting(CommunityRegistration.VotesPolicy)
            .WithMetadata(new SkipStatusCodePagesAttribute());
        writes.MapPost("/votes", VoteAsync).WithName("Vote").WithSummary("Vote ship or skip on a tool, or withdraw the vote (form: tool, choice, returnUrl).");
        writes.MapPost("/picks", PickAsync).WithName("PairPick").WithSummary("Pick which of two tools you would ship (form: left, right, picked, returnUrl).");
        writes.MapPost("/helpful", HelpfulAsync).WithName("ReviewHelpful").WithSummary("Say whether a critic's review of a tool helped (form: tool, critic, helpful=yes|no, returnUrl).");

        app.MapPost("/operator/accounts/{id:long}/void-votes", VoidVotesAsync)
            .RequireAuthorization(Reader.OperatorPolicy)
            .WithMetadata(new SkipStatusCodePagesAttribute())
            .WithTags("Community")
            .WithName("VoidVotes")
            .WithSummary("Operators: stop an account's votes, picks and helpful answers from counting (audited).");

        app.MapGet("/api/categories/{slug}/community", GetRankingAsync)
            .WithTags("Community")
            .WithName("CommunityRanking")
            .CacheOutput(SiteRegistration.CachePolicy);
        return app;
    }

    public static async Task<IResult> VoteAsync(HttpContext context, IAntiforgery antiforgery, CommunityWriter writer)
    {
        if (await ReadFormAsync(context, antiforgery) is not { } form)
        {
            return Forged();
        }

        var errors = new Dictionary<string, string[]>();
        var tool = Slug(form, "tool", errors);
        VoteChoice? choice = Single(form, "choice") switch
        {
            "ship" => VoteChoice.Ship,
            "skip" => VoteChoice.Skip,
            "withdraw" => VoteChoice.Withdraw,
            _ => null,
        };
        if (choice is null)
        {
            errors["choice"] = ["must be ship, skip or withdraw"];
        }

        var returnUrl = ReturnUrl(form, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var result = await writer.SubmitAsync(new VoteWrite(AccountId(context), tool!, choice!.Value));
        return Answer(result, returnUrl ?? $"/tools/{tool}");
    }

    public static async Task<IResult> PickAsync(HttpContext context, IAntiforgery antiforgery, CommunityWriter writer)
    {
        if (await ReadFormAsync(context, antiforgery) is not { } form)
        {
            return Forged();
        }

        var errors = new Dictionary<string, string[]>();
        var left = Slug(form, "left", errors);
        var right = Slug(form, "right", errors);
        var picked = Slug(form, "picked", errors);
        if (left is not null && left == right)
        {
            errors["right"] = ["must name a different tool from left"];
        }

        if (picked is not null && left is not null && right is not null && picked != left && picked != right)
        {
            errors["picked"] = ["must be left or right"];
        }

        var returnUrl = ReturnUrl(form, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var result = await writer.SubmitAsync(new PickWrite(AccountId(context), left!, right!, picked!));
        var (first, second) = ComparePair.Canonical(left!, right!);
        return Answer(result, returnUrl ?? ComparePair.Path(first, second));
    }

    public static async Task<IResult> HelpfulAsync(HttpContext context, IAntiforgery antiforgery, CommunityWriter writer, CriticCatalog critics)
    {
        if (await ReadFormAsync(context, antiforgery) is not { } form)
        {
            return Forged();
        }

        var errors = new Dictionary<string, string[]>();
        var tool = Slug(form, "tool", errors);
        var critic = Slug(form, "critic", errors);
        if (critic is not null && critics.Find(critic) is null)
        {
            errors["critic"] = [$"'{critic}' is not a critic; use one of: {string.Join(", ", critics.All.OrderBy(c => c.Order).Select(c => c.Slug))}"];
        }

        bool? helpful = Single(form, "helpful") switch
        {
            "yes" => true,
            "no" => false,
            _ => null,
        };
        if (helpful is null)
        {
            errors["helpful"] = ["must be yes or no"];
        }

        var returnUrl = ReturnUrl(form, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var result = await writer.SubmitAsync(new HelpfulWrite(AccountId(context), tool!, critic!, helpful!.Value));
        return Answer(result, returnUrl ?? $"/tools/{tool}#critic-{critic}");
    }

    public static async Task<IResult> VoidVotesAsync(long id, HttpContext context, IAntiforgery antiforgery, VoteVoiding voiding)
    {
        if (await ReadFormAsync(context, antiforgery) is not { } form)
        {
            return Forged();
        }

        var errors = new Dictionary<string, string[]>();
        var returnUrl = ReturnUrl(form, errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var result = await voiding.VoidAsync(id, AccountId(context), context.RequestAborted);
        if (result is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Account not found", detail: $"There is no account {id}.");
        }

        return returnUrl is null ? TypedResults.Ok(result) : SeeOther(returnUrl);
    }

    public static async Task<Results<Ok<CommunityRankingResponse>, RedirectHttpResult, ProblemHttpResult>> GetRankingAsync(
        string slug, CommunityRankings rankings, CancellationToken cancellationToken)
    {
        if (Taxonomy.FindCategory(slug) is not { } category)
        {
            var lower = slug.ToLowerInvariant();
            if (lower != slug && Taxonomy.FindCategory(lower) is not null)
            {
                return TypedResults.Redirect($"/api/categories/{lower}/community", permanent: true);
            }

            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Category not found",
                detail: $"'{slug}' is not a category; use one of: {string.Join(", ", Taxonomy.Categories.Select(c => c.Slug))}.");
        }

        return TypedResults.Ok(CommunityRankingResponse.From(await rankings.ForCategoryAsync(category, cancellationToken)));
    }

    // The session's account; the endpoints require an authenticated reader, so it is always there.
    private static long AccountId(HttpContext context) =>
        Reader.AccountId(context.User) ?? throw new InvalidOperationException("A community write reached its handler without a signed-in reader.");

    /// <summary>The form, once its antiforgery token checked out (bound to this reader); null otherwise.</summary>
    private static async Task<IFormCollection?> ReadFormAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return null;
        }

        return await context.Request.ReadFormAsync(context.RequestAborted);
    }

    private static ValidationProblem Forged() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [TokenField] = ["is missing or not valid for this reader; reload the page and send the form again"] },
        title: "The form's antiforgery token is missing or not valid");

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The form is not valid");

    private static string? Single(IFormCollection form, string field) =>
        form.TryGetValue(field, out var values) && values.Count == 1 ? values[0] : null;

    private static string? Slug(IFormCollection form, string field, Dictionary<string, string[]> errors)
    {
        var value = Single(form, field);
        if (string.IsNullOrEmpty(value) || value.Length > MaxSlugLength)
        {
            errors[field] = [$"is required: one tool's slug, at most {MaxSlugLength} characters"];
            return null;
        }

        return value;
    }

    /// <summary>Only a path on this site: an open redirect would let a forged link bounce readers anywhere.</summary>
    private static string? ReturnUrl(IFormCollection form, Dictionary<string, string[]> errors)
    {
        if (!form.TryGetValue("returnUrl", out var values) || StringValues.IsNullOrEmpty(values))
        {
            return null;
        }

        if (LocalUrl.From(values.Count == 1 ? values[0] : null) is not { } url)
        {
            errors["returnUrl"] = ["must be a path on this site, such as /tools/vllm"];
            return null;
        }

        return url;
    }

    private static IResult Answer(WriteResult result, string redirect) => result.Outcome switch
    {
        WriteOutcome.Saved => SeeOther(redirect),
        WriteOutcome.UnknownTool => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound, title: "Tool not found",
            detail: $"The {result.Field} field names '{result.Value}', which is not a tool's slug or alias."),
        WriteOutcome.Invalid => Invalid(new Dictionary<string, string[]>
        {
            [result.Field ?? "tool"] = [result.Field == "picked" ? "must be left or right" : "must name a different tool from left"],
        }),
        _ => TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden, title: "This account cannot vote",
            detail: "The signed-in account no longer exists. Sign in again."),
    };

    // 303, not 302: the browser follows a POST's answer with a GET (post/redirect/get).
    private static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
