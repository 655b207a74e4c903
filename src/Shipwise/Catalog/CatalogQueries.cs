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

/// <summary>The tool a name resolved to.</summary>
public sealed record ResolvedName(long Id, string Slug);

public sealed record ToolPage(IReadOnlyList<StoredTool> Items, int Page, int PageSize, long Total);

/// <summary>Reads the catalog. One query per request, documents parsed only for the rows returned.</summary>
public sealed class CatalogQueries(Db db)
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

        // Old slugs, other names and differently-cased URLs all lead to the canonical slug, a tool's or a group's.
        var normalized = Slug.From(slugOrAlias);
        var canonical = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            """
            SELECT t.slug FROM tool_aliases a JOIN tools t ON t.id = a.tool_id WHERE a.alias = @normalized
            UNION ALL
            SELECT slug FROM tools WHERE slug = @normalized AND slug <> @slugOrAlias
            UNION ALL
            SELECT g.slug FROM tool_group_aliases a JOIN tool_groups g ON g.id = a.group_id WHERE a.alias = @normalized
            UNION ALL
            SELECT slug FROM tool_groups WHERE slug = @normalized AND slug <> @slugOrAlias
            """,
            new { normalized, slugOrAlias }, cancellationToken: cancellationToken));
        return canonical is null ? ToolLookup.NotFound : new ToolLookup(null, canonical);
    }

    /// <summary>Display names for slugs or aliases; names that match no tool are left out.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default)
    {
        if (slugs.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Key, string Name)>(new CommandDefinition(
            $"""
            SELECT slug, name FROM tools WHERE {db.InList("slug", "slugs")}
            UNION ALL
            SELECT a.alias, t.name FROM tool_aliases a JOIN tools t ON t.id = a.tool_id WHERE {db.InList("a.alias", "slugs")}
            """,
            new { slugs = db.ListValue(slugs) }, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
    }

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

    /// <summary>
    /// Many names at once, by <see cref="FindAsync"/>'s rule (the exact slug, else the name's slug
    /// form as a slug or an alias), in a few set-based queries: the tool each name resolves to.
    /// Names that resolve to nothing are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ResolvedName>> ResolveManyAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        var normalized = names.Distinct(StringComparer.Ordinal).ToDictionary(n => n, Slug.From, StringComparer.Ordinal);
        var lookups = normalized.Keys.Concat(normalized.Values).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var slugs = new Dictionary<string, ResolvedName>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, ResolvedName>(StringComparer.Ordinal);
        await using var connection = await db.OpenAsync(cancellationToken);
        foreach (var chunk in lookups.Chunk(1000))
        {
            var rows = await connection.QueryAsync<(string Name, long Id, string Slug, long IsAlias)>(new CommandDefinition(
                $"""
                SELECT slug AS Name, id AS Id, slug AS Slug, CAST(0 AS BIGINT) AS IsAlias FROM tools WHERE {db.InList("slug", "chunk")}
                UNION ALL
                SELECT a.alias, t.id, t.slug, CAST(1 AS BIGINT) FROM tool_aliases a JOIN tools t ON t.id = a.tool_id WHERE {db.InList("a.alias", "chunk")}
                """,
                new { chunk = db.ListValue(chunk) }, cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                (row.IsAlias != 0 ? aliases : slugs)[row.Name] = new ResolvedName(row.Id, row.Slug);
            }
        }

        var resolved = new Dictionary<string, ResolvedName>(StringComparer.Ordinal);
        foreach (var (name, slug) in normalized)
        {
            if (slugs.TryGetValue(name, out var exact) || aliases.TryGetValue(slug, out exact) || slugs.TryGetValue(slug, out exact))
            {
                resolved[name] = exact;
            }
        }

        return resolved;
    }

    /// <summary>Ids of the tools with these slugs or aliases; unknown names are returned separately so a command can name them.</summary>
    public async Task<(IReadOnlyList<long> Ids, IReadOnlyList<string> Unknown)> ResolveAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        var ids = new List<long>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (await FindToolAsync(name, cancellationToken) is { } stored)
            {
                ids.Add(stored.Id);
            }
            else
            {
                unknown.Add(name);
            }
        }

        return (ids.Distinct().ToList(), unknown);
    }

    /// <summary>
    /// The canonical slug each reference names, for references written as slugs or aliases (competitor
    /// lists, links between tools); names that are neither are left out. The one resolver for references.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> CanonicalSlugsAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await CanonicalSlugsAsync(connection, null, names, cancellationToken);
    }

    /// <summary>As above, inside a transaction (the importer's, which sees the rows it just wrote).</summary>
    public async Task<IReadOnlyDictionary<string, string>> CanonicalSlugsAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in names.Distinct(StringComparer.Ordinal).Chunk(1000))
        {
            var rows = await connection.QueryAsync<(string Name, string Slug)>(new CommandDefinition(
                $"""
                SELECT slug, slug FROM tools WHERE {db.InList("slug", "chunk")}
                UNION ALL
                SELECT a.alias, t.slug FROM tool_aliases a JOIN tools t ON t.id = a.tool_id WHERE {db.InList("a.alias", "chunk")}
                """,
                new { chunk = db.ListValue(chunk) }, transaction, cancellationToken: cancellationToken));
            foreach (var (name, slug) in rows)
            {
                canonical.TryAdd(name, slug);
            }
        }

        return canonical;
    }

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
