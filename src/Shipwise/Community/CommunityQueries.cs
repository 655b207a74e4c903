using System.Security.Claims;
using Dapper;
using Microsoft.Extensions.Options;
using Shipwise.Accounts;
using Shipwise.Core.Community;
using Shipwise.Core.Compare;
using Shipwise.Core.Panel;
using Shipwise.Data;

namespace Shipwise.Community;

/// <summary>Picks between two tools that count: how many readers would ship each side.</summary>
public sealed record PairTally(int Left, int Right)
{
    public int Total => Left + Right;
}

/// <summary>"Helpful?" answers on one review (a tool and a critic) that count.</summary>
public sealed record HelpfulTally(int Yes, int No);

/// <summary>
/// What readers say, for pages and the API. Only rows that count are counted: counts_from set
/// (not voided) and reached by the server's clock (old enough accounts). A reader's own vote,
/// pick or answer is shown whether or not it counts yet. Every figure is one indexed query.
/// </summary>
public sealed class CommunityQueries(Db db, ToolNames names, TimeProvider clock, IOptions<CommunityOptions> options)
{
    private static readonly CommunityFigure NoVotes = new(0, 0);

    public async Task<CommunityFigure> FigureAsync(long toolId, CancellationToken cancellationToken = default) =>
        (await FiguresAsync([toolId], cancellationToken))[toolId];

    /// <summary>Every tool asked for is in the answer; a tool without counted votes has 0 / 0.</summary>
    public async Task<IReadOnlyDictionary<long, CommunityFigure>> FiguresAsync(IReadOnlyCollection<long> toolIds, CancellationToken cancellationToken = default)
    {
        var figures = toolIds.Distinct().ToDictionary(id => id, _ => NoVotes);
        if (figures.Count == 0)
        {
            return figures;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long ToolId, string Choice, long Count)>(new CommandDefinition(
            $"""
            SELECT tool_id, choice, count(*) FROM votes
            WHERE {db.InList("tool_id", "ids")} AND counts_from <= @now
            GROUP BY tool_id, choice
            """,
            new { ids = db.ListValue(figures.Keys), now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
        foreach (var (toolId, choice, count) in rows)
        {
            var current = figures[toolId];
            figures[toolId] = choice == "ship" ? current with { Ships = (int)count } : current with { Skips = (int)count };
        }

        return figures;
    }

    /// <summary>The same by slug (canonical slugs, as pages and cards have them); unknown slugs are left out.</summary>
    public async Task<IReadOnlyDictionary<string, CommunityFigure>> FiguresBySlugAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default)
    {
        var ids = await ToolIdsAsync(slugs, cancellationToken);
        var figures = await FiguresAsync(ids.Values.ToList(), cancellationToken);
        return ids.ToDictionary(kv => kv.Key, kv => figures[kv.Value], StringComparer.Ordinal);
    }

    /// <summary>The signed-in reader's vote on a tool ("ship" or "skip"); null when signed out or not voted.</summary>
    public async Task<string?> MyVoteAsync(ClaimsPrincipal user, long toolId, CancellationToken cancellationToken = default)
    {
        if (Reader.AccountId(user) is not { } account)
        {
            return null;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT choice FROM votes WHERE account_id = @account AND tool_id = @toolId",
            new { account, toolId }, cancellationToken: cancellationToken));
    }

    /// <summary>Counted picks between two tools, given by canonical slug in either order.</summary>
    public async Task<PairTally> PairAsync(string leftSlug, string rightSlug, CancellationToken cancellationToken = default)
    {
        var ids = await ToolIdsAsync([leftSlug, rightSlug], cancellationToken);
        if (!ids.TryGetValue(leftSlug, out var left) || !ids.TryGetValue(rightSlug, out var right) || left == right)
        {
            return new PairTally(0, 0);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(long Picked, long Count)>(new CommandDefinition(
            """
            SELECT picked_tool_id, count(*) FROM pair_picks
            WHERE left_tool_id = @low AND right_tool_id = @high AND counts_from <= @now
            GROUP BY picked_tool_id
            """,
            new { low = Math.Min(left, right), high = Math.Max(left, right), now = clock.GetUtcNow() }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Picked, r => (int)r.Count);
        return new PairTally(rows.GetValueOrDefault(left), rows.GetValueOrDefault(right));
    }

    /// <summary>The slug of the tool the signed-in reader picked between these two; null when signed out or no pick.</summary>
    public async Task<string?> MyPickAsync(ClaimsPrincipal user, string leftSlug, string rightSlug, CancellationToken cancellationToken = default)
    {
        if (Reader.AccountId(user) is not { } account)
        {
            return null;
        }

        var ids = await ToolIdsAsync([leftSlug, rightSlug], cancellationToken);
        if (!ids.TryGetValue(leftSlug, out var left) || !ids.TryGetValue(rightSlug, out var right) || left == right)
        {
            return null;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var picked = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT picked_tool_id FROM pair_picks WHERE account_id = @account AND left_tool_id = @low AND right_tool_id = @high",
            new { account, low = Math.Min(left, right), high = Math.Max(left, right) }, cancellationToken: cancellationToken));
        return picked == left ? leftSlug : picked == right ? rightSlug : null;
    }

    /// <summary>Counted "helpful?" answers per critic on one tool's reviews.</summary>
    public async Task<IReadOnlyDictionary<string, HelpfulTally>> HelpfulAsync(long toolId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Critic, bool Helpful, long Count)>(new CommandDefinition(
            """
            SELECT critic_slug, helpful, count(*) FROM review_feedback
            WHERE tool_id = @toolId AND counts_from <= @now
            GROUP BY critic_slug, helpful
            """,
            new { toolId, now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.Critic, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new HelpfulTally((int)g.Where(r => r.Helpful).Sum(r => r.Count), (int)g.Where(r => !r.Helpful).Sum(r => r.Count)),
            StringComparer.Ordinal);
    }

    /// <summary>The signed-in reader's answers per critic on one tool's reviews.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> MyHelpfulAsync(ClaimsPrincipal user, long toolId, CancellationToken cancellationToken = default)
    {
        if (Reader.AccountId(user) is not { } account)
        {
            return new Dictionary<string, bool>();
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Critic, bool Helpful)>(new CommandDefinition(
            "SELECT critic_slug, helpful FROM review_feedback WHERE account_id = @account AND tool_id = @toolId",
            new { account, toolId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Critic, r => r.Helpful, StringComparer.Ordinal);
    }

    /// <summary>The sentence to show when panel and readers disagree (Community:DisagreementMinVotes counted votes at least); null otherwise.</summary>
    public string? Disagreement(string toolName, Verdict? panel, CommunityFigure? community) =>
        CommunityDisagreement.Describe(toolName, panel, community, options.Value.DisagreementMinVotes);

    /// <summary>Everything _ToolVote.cshtml needs for one tool and the current reader.</summary>
    public async Task<ToolVoteView> ToolVoteAsync(ClaimsPrincipal user, long toolId, string slug, string name, CancellationToken cancellationToken = default) =>
        new(slug, name, await FigureAsync(toolId, cancellationToken), await MyVoteAsync(user, toolId, cancellationToken), Reader.AccountId(user) is not null);

    /// <summary>Everything _PairPick.cshtml needs for a compare page (left and right as the page shows them).</summary>
    public async Task<PairPickView> PairPickAsync(
        ClaimsPrincipal user, string leftSlug, string leftName, string rightSlug, string rightName, CancellationToken cancellationToken = default) =>
        new(leftSlug, leftName, rightSlug, rightName, await PairAsync(leftSlug, rightSlug, cancellationToken),
            await MyPickAsync(user, leftSlug, rightSlug, cancellationToken), Reader.AccountId(user) is not null);

    /// <summary>Everything _Helpful.cshtml needs for each critic's review of one tool, keyed by critic slug.</summary>
    public async Task<IReadOnlyDictionary<string, HelpfulView>> HelpfulViewsAsync(
        ClaimsPrincipal user, long toolId, string toolSlug, IEnumerable<(string Slug, string Name)> critics, CancellationToken cancellationToken = default)
    {
        var tallies = await HelpfulAsync(toolId, cancellationToken);
        var mine = await MyHelpfulAsync(user, toolId, cancellationToken);
        var signedIn = Reader.AccountId(user) is not null;
        return critics.ToDictionary(
            c => c.Slug,
            c => new HelpfulView(toolSlug, c.Slug, c.Name, tallies.GetValueOrDefault(c.Slug) ?? new HelpfulTally(0, 0), mine.TryGetValue(c.Slug, out var m) ? m : null, signedIn),
            StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, long>> ToolIdsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken)
    {
        if (slugs.Count == 0)
        {
            return new Dictionary<string, long>(StringComparer.Ordinal);
        }

        return (await names.ExactAsync(slugs, cancellationToken)).ToDictionary(r => r.Key, r => r.Value.Id, StringComparer.Ordinal);
    }
}
