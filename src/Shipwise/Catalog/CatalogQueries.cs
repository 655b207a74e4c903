using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Shipwise.Core.Catalog;
using Shipwise.Data;

namespace Shipwise.Catalog;

public sealed record StoredTool(long Id, Tool Tool, string Fingerprint, DateTimeOffset UpdatedAt);

/// <summary>Either the tool, or a group, or the canonical slug an alias points to (a tool's or a group's), or nothing.</summary>
public sealed record ToolLookup(StoredTool? Tool, string? RedirectTo)
{
    public static readonly ToolLookup NotFound = new(null, null);

    /// <summary>Set when the name is a group's slug: a family or a name that means several tools.</summary>
    public ToolGroup? Group { get; init; }
}

public sealed record ToolListQuery(int Page, int PageSize, string? Category, string? Kind, string? Search);

public sealed record ToolPage(IReadOnlyList<StoredTool> Items, int Page, int PageSize, long Total);

/// <summary>Reads the catalog. One query per request, documents parsed only for the rows returned.</summary>
public sealed class CatalogQueries(Db db, ToolNames toolNames)
{
    private const string SelectTool = "SELECT id AS Id, document AS Document, fingerprint AS Fingerprint, updated_at AS UpdatedAt FROM tools";

    private sealed record Row(long Id, string Document, string Fingerprint, DateTimeOffset UpdatedAt)
    {
        public StoredTool ToStored() => new(Id, JsonSerializer.Deserialize<Tool>(Document, CatalogJson.Options)!, Fingerprint, UpdatedAt);
    }

    public async Task<ToolLookup> FindAsync(string slugOrAlias, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"{SelectTool} WHERE slug = @slugOrAlias",
            new { slugOrAlias }, cancellationToken: cancellationToken));
        if (row is not null)
        {
            return new ToolLookup(row.ToStored(), null);
        }

        var group = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT document FROM tool_groups WHERE slug = @slugOrAlias", new { slugOrAlias }, cancellationToken: cancellationToken));
        if (group is not null)
        {
            return ToolLookup.NotFound with { Group = JsonSerializer.Deserialize<ToolGroup>(group, CatalogJson.Options) };
        }

        // Old slugs, other names and differently-cased URLs all lead to the canonical slug, a tool's
        // (by the one resolver's lenient rule) or a group's.
        if (await toolNames.ResolveAsync(slugOrAlias, cancellationToken) is { } tool)
        {
            return new ToolLookup(null, tool.Slug);
        }

        var normalized = Slug.From(slugOrAlias);
        var canonical = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            """
            SELECT g.slug FROM tool_group_aliases a JOIN tool_groups g ON g.id = a.group_id WHERE a.alias = @normalized
            UNION ALL
            SELECT slug FROM tool_groups WHERE slug = @normalized AND slug <> @slugOrAlias
            """,
            new { normalized, slugOrAlias }, cancellationToken: cancellationToken));
        return canonical is null ? ToolLookup.NotFound : new ToolLookup(null, canonical);
    }

    /// <summary>Display names for slugs or aliases; names that match no tool are left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default) =>
        slugs.Count == 0
            ? new Dictionary<string, string>()
            : (await toolNames.ExactAsync(slugs, cancellationToken)).ToDictionary(r => r.Key, r => r.Value.Name, StringComparer.Ordinal);

    /// <summary>The groups a tool belongs to: its family, and names that also mean other tools.</summary>
    public async Task<IReadOnlyList<ToolGroup>> GroupsOfAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var documents = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT g.document FROM tool_groups g
            WHERE g.id IN (SELECT group_id FROM tool_group_members WHERE member_slug = @slug)
               OR g.id IN (SELECT m.group_id FROM tool_group_members m JOIN tool_aliases a ON a.alias = m.member_slug JOIN tools t ON t.id = a.tool_id WHERE t.slug = @slug)
            ORDER BY g.slug
            """,
            new { slug }, cancellationToken: cancellationToken));
        return [.. documents.Select(d => JsonSerializer.Deserialize<ToolGroup>(d, CatalogJson.Options)!)];
    }

    public async Task<StoredTool?> GetByIdAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"{SelectTool} WHERE id = @id",
            new { id }, cancellationToken: cancellationToken));
        return row?.ToStored();
    }

    public async Task<IReadOnlyDictionary<long, StoredTool>> GetByIdsAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{SelectTool} WHERE {db.InList("id", "ids")}",
            new { ids = db.ListValue(ids) }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToStored()).ToDictionary(t => t.Id);
    }

    /// <summary>The tool a slug, alias or other spelling names, following an alias to its canonical tool; null when none.</summary>
    public async Task<StoredTool?> FindToolAsync(string slugOrAlias, CancellationToken cancellationToken = default)
    {
        var lookup = await FindAsync(slugOrAlias, cancellationToken);
        return lookup.Tool ?? (lookup.RedirectTo is { } canonical ? (await FindAsync(canonical, cancellationToken)).Tool : null);
    }

    /// <summary>Many names at once, by the lenient rule of <see cref="ToolNames"/>: the tool each name resolves to.</summary>
    public Task<IReadOnlyDictionary<string, ResolvedName>> ResolveManyAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default) =>
        toolNames.ResolveAsync(names, cancellationToken);

    /// <summary>Ids of the tools with these slugs or aliases; unknown names are returned separately so a command can name them.</summary>
    public async Task<(IReadOnlyList<long> Ids, IReadOnlyList<string> Unknown)> ResolveAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        var resolved = await toolNames.ResolveAsync(names, cancellationToken);
        return (names.Where(resolved.ContainsKey).Select(n => resolved[n].Id).Distinct().ToList(), names.Where(n => !resolved.ContainsKey(n)).ToList());
    }

    /// <summary>
    /// The canonical slug each reference names, for references written as slugs or aliases (competitor
    /// lists, links between tools); names that are neither are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> CanonicalSlugsAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default) =>
        (await toolNames.ExactAsync(names, cancellationToken)).ToDictionary(r => r.Key, r => r.Value.Slug, StringComparer.Ordinal);

    /// <summary>As above, inside a transaction (the importer's, which sees the rows it just wrote).</summary>
    public async Task<IReadOnlyDictionary<string, string>> CanonicalSlugsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        (await toolNames.ExactAsync(connection, transaction, names, cancellationToken)).ToDictionary(r => r.Key, r => r.Value.Slug, StringComparer.Ordinal);

    /// <summary>Every alias with the slug of the tool it names (the export rewrites references with it).</summary>
    public async Task<IReadOnlyDictionary<string, string>> AliasesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Alias, string Slug)>(new CommandDefinition(
            "SELECT a.alias, t.slug FROM tool_aliases a JOIN tools t ON t.id = a.tool_id", cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Alias, r => r.Slug, StringComparer.Ordinal);
    }

    public async Task<ToolPage> ListAsync(ToolListQuery query, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (query.Category is { } category)
        {
            where.Add("category = @category");
            parameters.Add("category", category);
        }

        if (query.Kind is { } kind)
        {
            where.Add("kind = @kind");
            parameters.Add("kind", kind);
        }

        var terms = (query.Search ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8).ToList();
        for (var i = 0; i < terms.Count; i++)
        {
            where.Add($"search_text LIKE @term{i} ESCAPE '\\'");
            parameters.Add($"term{i}", "%" + terms[i].Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
        }

        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        parameters.Add("limit", query.PageSize);
        parameters.Add("offset", Db.Offset(query.Page, query.PageSize));

        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM tools {filter}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{SelectTool} {filter} ORDER BY name, slug LIMIT @limit OFFSET @offset",
            parameters, cancellationToken: cancellationToken));
        return new ToolPage(rows.Select(r => r.ToStored()).ToList(), query.Page, query.PageSize, total);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM tools", cancellationToken: cancellationToken));
    }

    /// <summary>Every group's document in slug order (groups are few: a list, not a stream).</summary>
    public async Task<IReadOnlyList<string>> GroupDocumentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(new CommandDefinition("SELECT document FROM tool_groups ORDER BY slug", cancellationToken: cancellationToken))];
    }

    /// <summary>Every stored document in slug order, streamed without buffering the catalog.</summary>
    public async IAsyncEnumerable<string> StreamDocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT document FROM tools ORDER BY slug", flags: CommandFlags.None, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader.GetString(0);
        }
    }
}
