using System.Data.Common;
using Dapper;
using Shipwise.Core.Catalog;

namespace Shipwise.Data;

/// <summary>A tool a name resolved to: its id, canonical slug, display name and facts fingerprint.</summary>
public sealed record ResolvedName(long Id, string Slug, string Name = "", string Fingerprint = "");

/// <summary>
/// The one resolver from a name to a tool: every feature that turns a slug or alias into a tool
/// (pages, the API, imports, sources, votes, bookmarks) comes here. Two rules:
/// - <b>exact</b>: the name is a tool's slug, or one of its aliases (aliases are stored in slug form);
/// - <b>lenient</b> (what a reader or a command line types): the exact slug, else the name's slug
///   form (<see cref="Slug.From"/>: case, spaces, punctuation) as an alias, else as a slug.
/// Batched forms answer many names with one query per thousand; unknown names are left out.
/// In Data/, below the features, so that any of them may use it without a cycle.
/// </summary>
public sealed class ToolNames(Db db)
{
    /// <summary>
    /// One name, exact rule, as one prepared statement can run it (the community writer's SQLite
    /// session): the tool's id, or no row.
    /// </summary>
    public const string ExactIdSql = "SELECT id FROM tools WHERE slug = @slug UNION ALL SELECT tool_id FROM tool_aliases WHERE alias = @slug LIMIT 1";

    private const int Chunk = 1000;

    /// <summary>The exact rule for many names: name → tool.</summary>
    public async Task<IReadOnlyDictionary<string, ResolvedName>> ExactAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await ExactAsync(connection, null, names, cancellationToken);
    }

    /// <summary>As above, on a caller's connection and transaction (an import sees the rows it just wrote; a vote batch locks with them).</summary>
    public async Task<IReadOnlyDictionary<string, ResolvedName>> ExactAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        var (slugs, aliases) = await LookUpAsync(connection, transaction, names, cancellationToken);
        foreach (var (alias, tool) in aliases)
        {
            slugs.TryAdd(alias, tool);
        }

        return slugs;
    }

    /// <summary>The lenient rule for many names: name → tool.</summary>
    public async Task<IReadOnlyDictionary<string, ResolvedName>> ResolveAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        var normalized = names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, Slug.From, StringComparer.Ordinal);
        await using var connection = await db.OpenAsync(cancellationToken);
        var (slugs, aliases) = await LookUpAsync(connection, null, [.. normalized.Keys.Concat(normalized.Values)], cancellationToken);
        var resolved = new Dictionary<string, ResolvedName>(StringComparer.Ordinal);
        foreach (var (name, slug) in normalized)
        {
            if (slugs.TryGetValue(name, out var tool) || aliases.TryGetValue(slug, out tool) || slugs.TryGetValue(slug, out tool))
            {
                resolved[name] = tool;
            }
        }

        return resolved;
    }

    /// <summary>The lenient rule for one name; null when it names no tool.</summary>
    public async Task<ResolvedName?> ResolveAsync(string name, CancellationToken cancellationToken = default) =>
        (await ResolveAsync([name], cancellationToken)).GetValueOrDefault(name);

    private async Task<(Dictionary<string, ResolvedName> Slugs, Dictionary<string, ResolvedName> Aliases)> LookUpAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var slugs = new Dictionary<string, ResolvedName>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, ResolvedName>(StringComparer.Ordinal);
        foreach (var chunk in names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var rows = await connection.QueryAsync<(string Key, long Id, string Slug, string Name, string Fingerprint, long IsAlias)>(new CommandDefinition(
                $"""
                SELECT slug, id, slug, name, fingerprint, CAST(0 AS BIGINT) FROM tools WHERE {db.InList("slug", "chunk")}
                UNION ALL
                SELECT a.alias, t.id, t.slug, t.name, t.fingerprint, CAST(1 AS BIGINT) FROM tool_aliases a JOIN tools t ON t.id = a.tool_id WHERE {db.InList("a.alias", "chunk")}
                """,
                new { chunk = db.ListValue(chunk) }, transaction, cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                (row.IsAlias != 0 ? aliases : slugs).TryAdd(row.Key, new ResolvedName(row.Id, row.Slug, row.Name, row.Fingerprint));
            }
        }

        return (slugs, aliases);
    }
}
