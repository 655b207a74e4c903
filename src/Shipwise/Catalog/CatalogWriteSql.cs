using System.Data.Common;
using Dapper;
using Shipwise.Data;

namespace Shipwise.Catalog;

/// <summary>
/// The catalog's bulk writes. SQLite runs in-process, so one prepared statement per row is
/// cheapest there; PostgreSQL pays a round trip per statement, so it gets one set-based
/// statement per batch over unnest()ed arrays. Same effect, two spellings.
/// </summary>
internal static class CatalogWriteSql
{
    // The document a tool had before an update, so history can say what changed between reviews.
    private const string KeepRevision =
        "INSERT INTO tool_revisions (tool_id, fingerprint, document, replaced_at) SELECT id, fingerprint, document, @Now FROM tools";

    private const string Columns = "slug, name, vendor, kind, category, tagline, release_date, document, fingerprint, search_text, lifecycle, peer_summary";

    public static async Task WriteAsync(
        Db db, DbConnection connection, DbTransaction transaction,
        IReadOnlyList<ToolRow> inserts, IReadOnlyList<(long id, ToolRow row)> updates, IReadOnlyList<(string alias, string owner)> aliases,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (inserts.Count + updates.Count == 0)
        {
            return;
        }

        await (db.IsPostgres
            ? WritePostgresAsync(connection, transaction, inserts, updates, aliases, now, cancellationToken)
            : WriteSqliteAsync(connection, transaction, inserts, updates, aliases, now, cancellationToken));
        await CatalogStamp.BumpAsync(connection, transaction, cancellationToken);
    }

    private static async Task WriteSqliteAsync(
        DbConnection connection, DbTransaction transaction,
        IReadOnlyList<ToolRow> inserts, IReadOnlyList<(long id, ToolRow row)> updates, IReadOnlyList<(string alias, string owner)> aliases,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (updates.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"{KeepRevision} WHERE id = @Id", updates.Select(u => new { Id = u.id, Now = now }), transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM tool_aliases WHERE tool_id = @Id", updates.Select(u => new { Id = u.id }), transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE tools SET slug = @Slug, name = @Name, vendor = @Vendor, kind = @Kind, category = @Category, tagline = @Tagline,
                    release_date = @ReleaseDate, document = @Document, fingerprint = @Fingerprint, search_text = @SearchText, lifecycle = @Lifecycle, peer_summary = @PeerSummary, updated_at = @Now
                WHERE id = @Id
                """,
                updates.Select(u => new { Id = u.id, u.row.Slug, u.row.Name, u.row.Vendor, u.row.Kind, u.row.Category, u.row.Tagline, u.row.ReleaseDate, u.row.Document, u.row.Fingerprint, u.row.SearchText, u.row.Lifecycle, u.row.PeerSummary, Now = now }),
                transaction, cancellationToken: cancellationToken));
        }

        if (inserts.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO tools ({Columns}, created_at, updated_at)
                VALUES (@Slug, @Name, @Vendor, @Kind, @Category, @Tagline, @ReleaseDate, @Document, @Fingerprint, @SearchText, @Lifecycle, @PeerSummary, @Now, @Now)
                """,
                inserts.Select(r => new { r.Slug, r.Name, r.Vendor, r.Kind, r.Category, r.Tagline, r.ReleaseDate, r.Document, r.Fingerprint, r.SearchText, r.Lifecycle, r.PeerSummary, Now = now }),
                transaction, cancellationToken: cancellationToken));
        }

        if (aliases.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO tool_aliases (alias, tool_id) SELECT @Alias, id FROM tools WHERE slug = @Owner",
                aliases.Select(a => new { Alias = a.alias, Owner = a.owner }), transaction, cancellationToken: cancellationToken));
        }
    }

    private static async Task WritePostgresAsync(
        DbConnection connection, DbTransaction transaction,
        IReadOnlyList<ToolRow> inserts, IReadOnlyList<(long id, ToolRow row)> updates, IReadOnlyList<(string alias, string owner)> aliases,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (updates.Count > 0)
        {
            var rows = updates.Select(u => u.row).ToList();
            await connection.ExecuteAsync(new CommandDefinition(
                $"{KeepRevision} WHERE id = ANY(@Ids)", new { Ids = updates.Select(u => u.id).ToArray(), Now = now }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM tool_aliases WHERE tool_id = ANY(@Ids)", new { Ids = updates.Select(u => u.id).ToArray() }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE tools t SET slug = u.slug, name = u.name, vendor = u.vendor, kind = u.kind, category = u.category, tagline = u.tagline,
                    release_date = u.release_date, document = u.document, fingerprint = u.fingerprint, search_text = u.search_text,
                    lifecycle = u.lifecycle, peer_summary = u.peer_summary, updated_at = @Now
                FROM unnest(@Id::bigint[], @Slug::text[], @Name::text[], @Vendor::text[], @Kind::text[], @Category::text[], @Tagline::text[],
                            @ReleaseDate::text[], @Document::text[], @Fingerprint::text[], @SearchText::text[], @Lifecycle::text[], @PeerSummary::text[])
                     AS u(id, slug, name, vendor, kind, category, tagline, release_date, document, fingerprint, search_text, lifecycle, peer_summary)
                WHERE t.id = u.id
                """,
                Arrays(rows, now, updates.Select(u => u.id).ToArray()), transaction, cancellationToken: cancellationToken));
        }

        if (inserts.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO tools ({Columns}, created_at, updated_at)
                SELECT u.*, @Now, @Now
                FROM unnest(@Slug::text[], @Name::text[], @Vendor::text[], @Kind::text[], @Category::text[], @Tagline::text[],
                            @ReleaseDate::text[], @Document::text[], @Fingerprint::text[], @SearchText::text[], @Lifecycle::text[], @PeerSummary::text[]) AS u
                """,
                Arrays(inserts, now, null), transaction, cancellationToken: cancellationToken));
        }

        if (aliases.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO tool_aliases (alias, tool_id)
                SELECT u.alias, t.id FROM unnest(@Alias::text[], @Owner::text[]) AS u(alias, owner) JOIN tools t ON t.slug = u.owner
                """,
                new { Alias = aliases.Select(a => a.alias).ToArray(), Owner = aliases.Select(a => a.owner).ToArray() },
                transaction, cancellationToken: cancellationToken));
        }
    }

    private static DynamicParameters Arrays(IReadOnlyList<ToolRow> rows, DateTimeOffset now, long[]? ids)
    {
        var parameters = new DynamicParameters();
        if (ids is not null)
        {
            parameters.Add("Id", ids);
        }

        parameters.Add("Slug", rows.Select(r => r.Slug).ToArray());
        parameters.Add("Name", rows.Select(r => r.Name).ToArray());
        parameters.Add("Vendor", rows.Select(r => r.Vendor).ToArray());
        parameters.Add("Kind", rows.Select(r => r.Kind).ToArray());
        parameters.Add("Category", rows.Select(r => r.Category).ToArray());
        parameters.Add("Tagline", rows.Select(r => r.Tagline).ToArray());
        parameters.Add("ReleaseDate", rows.Select(r => r.ReleaseDate).ToArray());
        parameters.Add("Document", rows.Select(r => r.Document).ToArray());
        parameters.Add("Fingerprint", rows.Select(r => r.Fingerprint).ToArray());
        parameters.Add("SearchText", rows.Select(r => r.SearchText).ToArray());
        parameters.Add("Lifecycle", rows.Select(r => r.Lifecycle).ToArray());
        parameters.Add("PeerSummary", rows.Select(r => r.PeerSummary).ToArray());
        parameters.Add("Now", now);
        return parameters;
    }
}
