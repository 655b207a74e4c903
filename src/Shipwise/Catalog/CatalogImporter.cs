using System.Data.Common;
using Dapper;
using Shipwise.Core.Catalog;
using Shipwise.Data;

namespace Shipwise.Catalog;

public sealed record ImportProgress(long BytesDone, long BytesTotal, int ToolsRead);

/// <summary>
/// Upserts tools by slug or alias, all in one transaction: a file with one bad row leaves
/// the catalog exactly as it was, and the error names every problem found.
/// </summary>
public sealed class CatalogImporter(Db db, CatalogQueries queries, TimeProvider clock, CatalogChangeNotifier changes)
{
    private const int BatchSize = 1000;
    private const int MaxProblems = 200;

    public async Task<ImportResult> ImportFileAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new ImportException(path, [new(null, "file", "does not exist")]);
        }

        if (Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            return await ImportAsync(path, await CsvCatalog.ReadAsync(bytes, queries, cancellationToken), bytes.Length, progress, cancellationToken);
        }

        // Streamed: the file is read through a small buffer, never held whole.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return await ImportAsync(path, JsonCatalogReader.Read(stream), stream.Length, progress, cancellationToken);
    }

    public Task<ImportResult> ImportJsonAsync(string displayName, byte[] json, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        ImportAsync(displayName, JsonCatalogReader.Read(json), json.Length, progress, cancellationToken);

    public async Task<ImportResult> ImportAsync(string displayName, IEnumerable<ParsedTool> parsed, long totalBytes, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var now = clock.GetUtcNow();
        var problems = new List<ImportProblem>();
        var problemCount = 0;
        void Problem(ImportProblem problem)
        {
            problemCount++;
            if (problems.Count < MaxProblems)
            {
                problems.Add(problem);
            }
        }

        // Names (slugs and aliases) already claimed in this file, and by whom.
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        var fileSlugs = new HashSet<string>(StringComparer.Ordinal);
        var competitorRefs = new List<(string slug, string owner, string location, int? line)>();
        var batch = new List<(Tool tool, string location, int? line)>(BatchSize);
        int read = 0, inserted = 0, updated = 0, unchanged = 0;

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        async Task FlushAsync()
        {
            if (problemCount == 0 && batch.Count > 0)
            {
                var (i, u, n) = await WriteBatchAsync(connection, transaction, batch, now, Problem, cancellationToken);
                inserted += i;
                updated += u;
                unchanged += n;
            }

            batch.Clear();
        }

        foreach (var item in parsed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var problem in item.Problems)
            {
                Problem(problem);
            }

            if (item.Tool is { } tool)
            {
                read++;
                foreach (var error in CatalogValidator.Validate(tool, item.Location, today))
                {
                    Problem(ImportProblem.From(error, item.Line));
                }

                foreach (var name in ToolRow.AliasesOf(tool).Prepend(tool.Slug))
                {
                    if (!claimed.TryAdd(name, tool.Slug) && claimed[name] != tool.Slug)
                    {
                        Problem(new(item.Line, $"{item.Location}.slug", $"'{name}' is already used by '{claimed[name]}' earlier in this file"));
                    }
                    else if (name == tool.Slug && !fileSlugs.Add(tool.Slug))
                    {
                        Problem(new(item.Line, $"{item.Location}.slug", $"'{tool.Slug}' appears twice in this file"));
                    }
                }

                foreach (var competitor in tool.Facts.Competitors?.Value ?? [])
                {
                    competitorRefs.Add((competitor, tool.Slug, $"{item.Location}.facts.competitors", item.Line));
                }

                batch.Add((tool, item.Location, item.Line));
            }

            if (batch.Count >= BatchSize)
            {
                await FlushAsync();
            }

            progress?.Report(new ImportProgress(item.BytesRead, totalBytes, read));
        }

        await FlushAsync();

        if (problemCount == 0)
        {
            await CheckCompetitorsAsync(connection, transaction, competitorRefs, claimed, Problem, cancellationToken);
        }

        if (problemCount > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            if (problemCount > problems.Count)
            {
                problems.Add(new(null, "…", $"{problemCount - problems.Count} further problems not listed"));
            }

            throw new ImportException(displayName, problems);
        }

        await transaction.CommitAsync(cancellationToken);
        if (inserted + updated > 0)
        {
            changes.CatalogChanged();
        }

        return new ImportResult(read, inserted, updated, unchanged);
    }

    private sealed record Existing(string Name, long Id, string Slug, string Fingerprint);

    private async Task<(int inserted, int updated, int unchanged)> WriteBatchAsync(
        DbConnection connection, DbTransaction transaction, List<(Tool tool, string location, int? line)> batch,
        DateTimeOffset now, Action<ImportProblem> problem, CancellationToken cancellationToken)
    {
        var names = batch.SelectMany(b => ToolRow.AliasesOf(b.tool).Prepend(b.tool.Slug)).Distinct().ToArray();
        var existing = (await connection.QueryAsync<Existing>(new CommandDefinition(
                $"""
                SELECT slug AS Name, id AS Id, slug AS Slug, fingerprint AS Fingerprint FROM tools WHERE {db.InList("slug", "names")}
                UNION ALL
                SELECT a.alias, t.id, t.slug, t.fingerprint FROM tool_aliases a JOIN tools t ON t.id = a.tool_id WHERE {db.InList("a.alias", "names")}
                """,
                new { names = db.ListValue(names) }, transaction, cancellationToken: cancellationToken)))
            .ToLookup(e => e.Name);

        var inserts = new List<ToolRow>();
        var updates = new List<(long id, ToolRow row)>();
        var aliases = new List<(string alias, string owner)>();
        var unchanged = 0;
        foreach (var (tool, location, line) in batch)
        {
            var matches = ToolRow.AliasesOf(tool).Prepend(tool.Slug).SelectMany(n => existing[n]).DistinctBy(e => e.Id).ToList();
            if (matches.Count > 1)
            {
                problem(new(line, $"{location}.aliases", $"the slug and aliases match several existing tools ({string.Join(", ", matches.Select(m => m.Slug))}); one entry can update only one tool"));
                continue;
            }

            var row = ToolRow.From(tool);
            if (matches.Count == 1 && matches[0].Fingerprint == row.Fingerprint && matches[0].Slug == row.Slug)
            {
                unchanged++;
                continue;
            }

            if (matches.Count == 0)
            {
                inserts.Add(row);
            }
            else
            {
                updates.Add((matches[0].Id, row));
            }

            aliases.AddRange(ToolRow.AliasesOf(tool).Select(a => (a, tool.Slug)));
        }

        if (inserts.Count + updates.Count == 0)
        {
            return (0, 0, unchanged);
        }

        await CatalogWriteSql.WriteAsync(db, connection, transaction, inserts, updates, aliases, now, cancellationToken);
        return (inserts.Count, updates.Count, unchanged);
    }

    // A reference may name a tool by slug or alias, in this file or already in the catalog (after a
    // rename by alias, other tools still name the old slug); the export writes canonical slugs.
    private async Task CheckCompetitorsAsync(
        DbConnection connection, DbTransaction transaction, List<(string slug, string owner, string location, int? line)> refs,
        Dictionary<string, string> claimedInFile, Action<ImportProblem> problem, CancellationToken cancellationToken)
    {
        var outside = refs.Select(r => r.slug).Where(s => !claimedInFile.ContainsKey(s)).Distinct().ToArray();
        var known = await queries.CanonicalSlugsAsync(connection, transaction, outside, cancellationToken);
        foreach (var (slug, owner, location, line) in refs)
        {
            var canonical = claimedInFile.GetValueOrDefault(slug) ?? known.GetValueOrDefault(slug);
            if (canonical is null)
            {
                problem(new(line, location, $"'{slug}' is not a tool (by slug or alias) in this file or in the catalog"));
            }
            else if (canonical == owner)
            {
                problem(new(line, location, $"'{slug}' names this tool itself"));
            }
        }
    }
}
