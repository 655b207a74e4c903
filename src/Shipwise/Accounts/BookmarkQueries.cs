using Dapper;
using Shipwise.Core.Compare;
using Shipwise.Data;

namespace Shipwise.Accounts;

/// <summary>What _BookmarkButton.cshtml renders: a form that adds or removes one bookmark.</summary>
public sealed record BookmarkButton(string Kind, string Target, string Label, bool Bookmarked);

public static class BookmarkKind
{
    public const string Tool = "tool";
    public const string Compare = "compare";
}

/// <summary>One bookmark as the "My bookmarks" page shows it.</summary>
public sealed record Bookmark(string Kind, string Target, string Title, string Path, DateTimeOffset CreatedAt, bool Exists);

/// <summary>A bookmark request checked against the catalog: the canonical target, or why it was refused.</summary>
public sealed record BookmarkTarget(string Kind, string Target, string? Problem)
{
    public bool IsValid => Problem is null;
}

/// <summary>Reads and writes a reader's bookmarks. Every method takes the account id: nobody reaches another reader's rows.</summary>
public sealed class BookmarkQueries(Db db, ToolNames names, TimeProvider clock)
{
    /// <summary>Enough for any reader; it keeps one account from filling the table.</summary>
    public const int MaxPerAccount = 1_000;

    private sealed record Row(string Kind, string Target, DateTimeOffset CreatedAt);

    public async Task<bool> IsBookmarkedAsync(long accountId, string kind, string target, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM bookmarks WHERE account_id = @accountId AND kind = @kind AND target = @target",
            new { accountId, kind, target }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Checks a kind and target from a form and names the canonical target: a tool's slug
    /// (aliases followed) or a comparison's /compare/a-vs-b path (order and spelling fixed).
    /// </summary>
    public async Task<BookmarkTarget> ResolveAsync(string? kind, string? target, CancellationToken cancellationToken = default)
    {
        target = target?.Trim() ?? "";
        if (kind is not (BookmarkKind.Tool or BookmarkKind.Compare))
        {
            return new BookmarkTarget(kind ?? "", target, "A bookmark is of a tool or of a comparison (kind 'tool' or 'compare').");
        }

        if (target.Length is 0 or > 300)
        {
            return new BookmarkTarget(kind, target, "The bookmark names no tool or comparison.");
        }

        if (kind == BookmarkKind.Tool)
        {
            // The one resolver's lenient rule, as the tool page follows a name: aliases and case lead to the canonical slug.
            var tool = await names.ResolveAsync(target, cancellationToken);
            return tool is null
                ? new BookmarkTarget(kind, target, $"There is no tool '{target}' in the catalog.")
                : new BookmarkTarget(kind, tool.Slug, null);
        }

        const string prefix = "/compare/";
        var pair = target.StartsWith(prefix, StringComparison.Ordinal) ? target[prefix.Length..] : target;
        foreach (var (a, b) in ComparePair.Candidates(pair.ToLowerInvariant()))
        {
            var left = await names.ResolveAsync(a, cancellationToken);
            var right = await names.ResolveAsync(b, cancellationToken);
            if (left is not null && right is not null && left.Id != right.Id)
            {
                return new BookmarkTarget(kind, ComparePair.Path(left.Slug, right.Slug), null);
            }
        }

        return new BookmarkTarget(kind, target, $"'{target}' is not a comparison of two tools in the catalog.");
    }

    /// <summary>Adds a resolved bookmark; adding one twice is not an error. False when the account already has <see cref="MaxPerAccount"/>.</summary>
    public async Task<bool> AddAsync(long accountId, BookmarkTarget bookmark, CancellationToken cancellationToken = default)
    {
        if (!bookmark.IsValid)
        {
            throw new ArgumentException(bookmark.Problem, nameof(bookmark));
        }

        await using var connection = await db.OpenAsync(cancellationToken);

        // The cap is checked in the insert itself; two requests racing at the limit may pass it by one, which is fine for a cap.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bookmarks (account_id, kind, target, created_at)
            SELECT @accountId, @kind, @target, @now
            WHERE (SELECT count(*) FROM bookmarks WHERE account_id = @accountId) < @max
            ON CONFLICT (account_id, kind, target) DO NOTHING
            """,
            new { accountId, kind = bookmark.Kind, target = bookmark.Target, now = clock.GetUtcNow(), max = MaxPerAccount },
            cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM bookmarks WHERE account_id = @accountId AND kind = @kind AND target = @target",
            new { accountId, kind = bookmark.Kind, target = bookmark.Target }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> RemoveAsync(long accountId, string kind, string target, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM bookmarks WHERE account_id = @accountId AND kind = @kind AND target = @target",
            new { accountId, kind, target }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The reader's bookmarks, newest first, with the tools' names (one query for the names, not one per bookmark).</summary>
    public async Task<IReadOnlyList<Bookmark>> ListAsync(long accountId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT kind AS Kind, target AS Target, created_at AS CreatedAt FROM bookmarks WHERE account_id = @accountId ORDER BY created_at DESC, target",
            new { accountId }, cancellationToken: cancellationToken))).ToList();

        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var slug in Slugs(row))
            {
                slugs.Add(slug);
            }
        }

        var names = slugs.Count == 0
            ? new Dictionary<string, string>()
            : (await connection.QueryAsync<(string Slug, string Name)>(new CommandDefinition(
                $"SELECT slug, name FROM tools WHERE {db.InList("slug", "slugs")}",
                new { slugs = db.ListValue(slugs) }, cancellationToken: cancellationToken))).ToDictionary(t => t.Slug, t => t.Name, StringComparer.Ordinal);

        return rows.Select(row =>
        {
            var parts = Slugs(row);
            var exists = parts.All(names.ContainsKey);
            var title = string.Join(" vs ", parts.Select(s => names.GetValueOrDefault(s, s)));
            var path = row.Kind == BookmarkKind.Tool ? $"/tools/{row.Target}" : row.Target;
            return new Bookmark(row.Kind, row.Target, title, path, row.CreatedAt, exists);
        }).ToList();
    }

    private static IReadOnlyList<string> Slugs(Row row)
    {
        if (row.Kind == BookmarkKind.Tool)
        {
            return [row.Target];
        }

        var pair = row.Target.StartsWith("/compare/", StringComparison.Ordinal) ? row.Target["/compare/".Length..] : row.Target;
        return ComparePair.TryParse(pair, out var a, out var b) ? [a, b] : [pair];
    }
}
