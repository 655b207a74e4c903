using System.Data.Common;
using Dapper;
using Shipwise.Core.Catalog;

namespace Shipwise.Data;

/// <summary>
/// Migrations that rewrite data no SQL can: they run in order with the SQL files, each in the
/// same transaction as its schema_migrations row.
/// </summary>
internal static class CodeMigrations
{
    private const int Chunk = 1000;

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(9, "catalog_documents_v2", "") { Code = UpgradeDocumentsAsync },
        new(16, "peer_summaries", "") { Code = FillPeerSummariesAsync },

        // evidence-4: summaries carry each tool's data terms (training on inputs, retention, DPA, regions), which Counsel compares.
        new(17, "peer_summaries_data_terms", "") { Code = FillPeerSummariesAsync },
    ];

    /// <summary>Every tool's peer summary, from its document (migration 0015 added the column empty; 17 refills it when the summary gains fields).</summary>
    private static async Task FillPeerSummariesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        long last = 0;
        while (true)
        {
            var rows = (await connection.QueryAsync<(long Id, string Slug, string Name, string Kind, string Category, string Document)>(new CommandDefinition(
                $"SELECT id AS Id, slug AS Slug, name AS Name, kind AS Kind, category AS Category, document AS Document FROM tools WHERE id > @last ORDER BY id LIMIT {Chunk}",
                new { last }, transaction, cancellationToken: cancellationToken))).ToList();
            if (rows.Count == 0)
            {
                return;
            }

            last = rows[^1].Id;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE tools SET peer_summary = @Summary WHERE id = @Id",
                rows.Select(r => new { r.Id, Summary = SummaryOf(r.Slug, r.Name, r.Kind, r.Category, r.Document) }),
                transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// A row whose document cannot be read as a tool (a hand-made row from the first schema) still
    /// gets a summary from its columns: it is a peer with nothing to compare, never a failed upgrade.
    /// </summary>
    private static string SummaryOf(string slug, string name, string kind, string category, string document)
    {
        try
        {
            return Core.Panel.Peers.PeerSummary.Serialize(System.Text.Json.JsonSerializer.Deserialize<Tool>(document, CatalogJson.Options)!);
        }
        catch (System.Text.Json.JsonException)
        {
            return Core.Panel.Peers.PeerSummary.Serialize(new Core.Panel.Peers.PeerSummary { Slug = slug, Name = name, Kind = kind, Category = category });
        }
    }

    /// <summary>
    /// Catalog format 2: every stored tool document and every kept revision is rewritten in the
    /// new format (benchmarks become evaluations, "service" becomes "provider"), with its
    /// fingerprint, so history and reviews read them like any other. Nothing is dropped.
    /// </summary>
    private static async Task UpgradeDocumentsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var table in new[] { "tools", "tool_revisions" })
        {
            long last = 0;
            while (true)
            {
                var rows = (await connection.QueryAsync<(long Id, string Document)>(new CommandDefinition(
                    $"SELECT id AS Id, document AS Document FROM {table} WHERE id > @last ORDER BY id LIMIT {Chunk}",
                    new { last }, transaction, cancellationToken: cancellationToken))).ToList();
                if (rows.Count == 0)
                {
                    break;
                }

                last = rows[^1].Id;
                var upgraded = rows
                    .Select(r => (r.Id, Document: CatalogUpgrade.UpgradeDocument(r.Document)))
                    .Where(r => r.Document is not null)
                    .Select(r => new { r.Id, r.Document, Fingerprint = ToolFingerprint.OfDocument(r.Document!) })
                    .ToList();
                if (upgraded.Count > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        $"UPDATE {table} SET document = @Document, fingerprint = @Fingerprint WHERE id = @Id",
                        upgraded, transaction, cancellationToken: cancellationToken));
                }
            }
        }
    }
}
