using System.Data.Common;
using Dapper;
using Shipwise.Core.Catalog;
using Shipwise.Data;

namespace Shipwise.Catalog;

public sealed record ImportProgress(long BytesDone, long BytesTotal, int ToolsRead);

/// <summary>
/// Upserts tools by slug or alias, and groups by slug, all in one transaction: a file (or a
/// folder of files) with one bad row leaves the catalog exactly as it was, and the error
/// names every problem found. References between entries (competitors, successors, hosting
/// providers, group members) may name a tool by slug or alias, in the files or already in
/// the catalog.
/// </summary>
public sealed class CatalogImporter(Db db, CatalogQueries queries, ToolNames toolNames, TimeProvider clock, CatalogChangeNotifier changes)
{
    private const int BatchSize = 1000;
    private const int MaxProblems = 200;

    /// <summary>A .json or .csv file, or a folder whose .json files are imported together.</summary>
    public async Task<ImportResult> ImportFileAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                throw new ImportException(path, [new(null, "folder", "holds no .json catalog files")]);
            }

            return await ImportAsync(path, ReadFiles(files), files.Sum(f => new FileInfo(f).Length), progress, cancellationToken);
        }

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

    // Every file's entries in turn, each problem naming its file, byte counts running on across files.
    private static IEnumerable<ParsedTool> ReadFiles(IReadOnlyList<string> files)
    {
        long before = 0;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            foreach (var item in JsonCatalogReader.Read(stream))
            {
                yield return item with
                {
                    File = name,
                    BytesRead = before + item.BytesRead,
                    Problems = [.. item.Problems.Select(p => p with { File = name })],
                };
            }

            before += stream.Length;
        }
    }

    public async Task<ImportResult> ImportAsync(string displayName, IEnumerable<ParsedTool> parsed, long totalBytes, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var now = clock.GetUtcNow();
        var problems = new List<ImportProblem>();
        var problemCount = 0;

        // Problems come from the reading loop and from the batch being written beside it.
        var gate = new Lock();
        void Problem(ImportProblem problem)
        {
            lock (gate)
            {
                problemCount++;
                if (problems.Count < MaxProblems)
                {
                    problems.Add(problem);
                }
            }
        }

        bool Clean()
        {
            lock (gate)
            {
                return problemCount == 0;
            }
        }

        // Names (slugs and aliases) already claimed in these files, and by whom.
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        var fileSlugs = new HashSet<string>(StringComparer.Ordinal);
        var references = new List<Reference>();
        var groups = new List<(ToolGroup group, ParsedTool at)>();
        var batch = new List<(Tool tool, string location, int? line)>(BatchSize);
        int read = 0, inserted = 0, updated = 0, unchanged = 0, groupsChanged = 0;

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Batch N is written while batch N+1 is read and checked: on PostgreSQL the server's work and
        // ours then overlap (100,000 tools: 38 s → see docs/benchmarks.md). One batch at a time is in
        // flight, because a connection runs one command at a time. On SQLite the write completes
        // synchronously, so nothing changes there.
        var writing = Task.CompletedTask;
        async Task WriteAsync(List<(Tool tool, string location, int? line)> rows)
        {
            var (i, u, n) = await WriteBatchAsync(connection, transaction, rows, now, Problem, cancellationToken);
            inserted += i;
            updated += u;
            unchanged += n;
        }

        async Task FlushAsync()
        {
            await writing;
            if (Clean() && batch.Count > 0)
            {
                var rows = batch;
                batch = new List<(Tool tool, string location, int? line)>(BatchSize);
                writing = WriteAsync(rows);
            }
            else
            {
                batch.Clear();
            }
        }

        try
        {
            foreach (var item in parsed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var problem in item.Problems)
                {
                    Problem(problem);
                }

                ImportProblem At(string location, string message) => new(item.Line, location, message) { File = item.File };

                if (item.Group is { } group)
                {
                    foreach (var error in CatalogValidator.Validate(group, item.Location))
                    {
                        Problem(At(error.Path, error.Message));
                    }

                    foreach (var name in GroupNames(group))
                    {
                        if (!claimed.TryAdd(name, "group " + group.Slug) && claimed[name] != "group " + group.Slug)
                        {
                            Problem(At($"{item.Location}.slug", $"'{name}' is already used by {Owner(claimed[name])} in these files"));
                        }
                    }

                    references.AddRange((group.Members ?? []).Select((m, i) => new Reference(m, "group " + group.Slug, $"{item.Location}.members[{i}]", item)));
                    groups.Add((group, item));
                }

                if (item.Tool is { } tool)
                {
                    read++;
                    foreach (var error in CatalogValidator.Validate(tool, item.Location, today))
                    {
                        Problem(At(error.Path, error.Message));
                    }

                    foreach (var name in ToolRow.AliasesOf(tool).Prepend(tool.Slug))
                    {
                        if (!claimed.TryAdd(name, tool.Slug) && claimed[name] != tool.Slug)
                        {
                            Problem(At($"{item.Location}.slug", $"'{name}' is already used by {Owner(claimed[name])} earlier in these files"));
                        }
                        else if (name == tool.Slug && !fileSlugs.Add(tool.Slug))
                        {
                            Problem(At($"{item.Location}.slug", $"'{tool.Slug}' appears twice in these files"));
                        }
                    }

                    references.AddRange(ReferencesOf(tool, item));
                    batch.Add((tool, item.Location, item.Line));
                }

                if (batch.Count >= BatchSize)
                {
                    await FlushAsync();
                }

                progress?.Report(new ImportProgress(item.BytesRead, totalBytes, read));
            }

            await FlushAsync();
            await writing;
        }
        catch
        {
            // Never leave a write running on the connection this method is about to dispose.
            await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        if (problemCount == 0)
        {
            await CheckReferencesAsync(connection, transaction, references, claimed, Problem, cancellationToken);
        }

        if (problemCount == 0 && groups.Count > 0)
        {
            await CheckGroupNamesAsync(connection, transaction, groups, Problem);
        }

        if (problemCount == 0 && groups.Count > 0)
        {
            groupsChanged = await WriteGroupsAsync(connection, transaction, [.. groups.Select(g => g.group)], now, cancellationToken);
            if (groupsChanged > 0)
            {
                await CatalogStamp.BumpAsync(connection, transaction, cancellationToken);
            }
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
        if (inserted + updated + groupsChanged > 0)
        {
            changes.CatalogChanged();
        }

        return new ImportResult(read, inserted, updated, unchanged) { GroupsChanged = groupsChanged };
    }

    private static string Owner(string claimant) => claimant.StartsWith("group ", StringComparison.Ordinal) ? $"the {claimant}" : $"'{claimant}'";

    private static IEnumerable<string> GroupNames(ToolGroup group) =>
        (group.Aliases ?? []).Select(Slug.From).Where(a => a.Length > 0).Prepend(group.Slug).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// A slug one entry names: a competitor, a successor, a hosting provider or a group member.
    /// It keeps only where the entry was, not the entry: references live until the whole file is
    /// read, and holding every parsed tool would hold the whole catalog in memory.
    /// </summary>
    private sealed record Reference(string Name, string Owner, string Location, int? Line, string? File)
    {
        public Reference(string name, string owner, string location, ParsedTool at)
            : this(name, owner, location, at.Line, at.File)
        {
        }
    }

    private static IEnumerable<Reference> ReferencesOf(Tool tool, ParsedTool at)
    {
        var facts = tool.Facts;
        var competitors = facts.Competitors?.Value ?? [];
        for (var i = 0; i < competitors.Count; i++)
        {
            yield return new Reference(competitors[i], tool.Slug, $"{at.Location}.facts.competitors", at);
        }

        if (facts.Lifecycle?.Value?.Successor is { } successor)
        {
            yield return new Reference(successor, tool.Slug, $"{at.Location}.facts.lifecycle", at);
        }

        for (var i = 0; i < facts.Offerings.Count; i++)
        {
            if (facts.Offerings[i].ProviderSlug is { } provider)
            {
                yield return new Reference(provider, tool.Slug, $"{at.Location}.facts.offerings[{i}].providerSlug", at);
            }
        }
    }

    private sealed record Existing(string Name, long Id, string Slug, string Fingerprint);

    private async Task<(int inserted, int updated, int unchanged)> WriteBatchAsync(
        DbConnection connection, DbTransaction transaction, List<(Tool tool, string location, int? line)> batch,
        DateTimeOffset now, Action<ImportProblem> problem, CancellationToken cancellationToken)
    {
        var names = batch.SelectMany(b => ToolRow.AliasesOf(b.tool).Prepend(b.tool.Slug)).Distinct().ToArray();
        var existing = (await toolNames.ExactAsync(connection, transaction, names, cancellationToken))
            .ToLookup(e => e.Key, e => new Existing(e.Key, e.Value.Id, e.Value.Slug, e.Value.Fingerprint));

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

    /// <summary>
    /// Every reference names a tool in these files or in the catalog, by slug or alias (after a
    /// rename by alias, other tools still name the old slug; the export writes canonical slugs),
    /// and never the tool itself.
    /// </summary>
    private async Task CheckReferencesAsync(
        DbConnection connection, DbTransaction transaction, List<Reference> references,
        Dictionary<string, string> claimed, Action<ImportProblem> problem, CancellationToken cancellationToken)
    {
        // Names the files define for tools; group names are not tools, so a reference to one is an error.
        string? InFiles(string name) => claimed.TryGetValue(name, out var owner) && !owner.StartsWith("group ", StringComparison.Ordinal) ? owner : null;
        var outside = references.Select(r => r.Name).Where(n => InFiles(n) is null).Distinct().ToArray();
        var known = await queries.CanonicalSlugsAsync(connection, transaction, outside, cancellationToken);
        foreach (var r in references)
        {
            var canonical = InFiles(r.Name) ?? known.GetValueOrDefault(r.Name);
            if (canonical is null)
            {
                var hint = claimed.TryGetValue(r.Name, out var owner) ? $" (it names the {owner}, not a tool)" : "";
                problem(new(r.Line, r.Location, $"'{r.Name}' is not a tool (by slug or alias) in these files or in the catalog{hint}") { File = r.File });
            }
            else if (canonical == r.Owner)
            {
                problem(new(r.Line, r.Location, $"'{r.Name}' names this tool itself") { File = r.File });
            }
        }
    }

    /// <summary>A group's slug and aliases must not already name a tool, or another group, in the catalog.</summary>
    private async Task CheckGroupNamesAsync(
        DbConnection connection, DbTransaction transaction, List<(ToolGroup group, ParsedTool at)> groups, Action<ImportProblem> problem)
    {
        var names = groups.SelectMany(g => GroupNames(g.group)).Distinct().ToArray();
        var tools = await toolNames.ExactAsync(connection, transaction, names);
        var groupAliases = await connection.QueryAsync<(string Name, string Owner)>(new CommandDefinition(
            $"SELECT a.alias, 'group ' || g.slug FROM tool_group_aliases a JOIN tool_groups g ON g.id = a.group_id WHERE {db.InList("a.alias", "names")}",
            new { names = db.ListValue(names) }, transaction));
        var taken = tools.Select(t => (Name: t.Key, Owner: t.Value.Slug)).Concat(groupAliases).ToLookup(t => t.Name, t => t.Owner);
        foreach (var (group, at) in groups)
        {
            foreach (var name in GroupNames(group))
            {
                foreach (var owner in taken[name].Where(o => o != "group " + group.Slug))
                {
                    problem(new(at.Line, $"{at.Location}.aliases", $"'{name}' already names {Owner(owner)} in the catalog") { File = at.File });
                }
            }
        }
    }

    /// <summary>Replaces each group by slug, with its aliases and members. Returns how many changed.</summary>
    private async Task<int> WriteGroupsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ToolGroup> groups, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var group in groups)
        {
            var document = System.Text.Json.JsonSerializer.Serialize(group, CatalogJson.Options);
            var stored = await connection.QuerySingleOrDefaultAsync<(long Id, string Document)?>(new CommandDefinition(
                "SELECT id AS Id, document AS Document FROM tool_groups WHERE slug = @Slug", new { group.Slug }, transaction, cancellationToken: cancellationToken));
            if (stored is { } same && same.Document == document)
            {
                continue;
            }

            long id;
            if (stored is { } old)
            {
                id = old.Id;
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE tool_groups SET name = @Name, kind = @Kind, document = @document, updated_at = @now WHERE id = @id",
                    new { group.Name, group.Kind, document, now, id }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition("DELETE FROM tool_group_aliases WHERE group_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition("DELETE FROM tool_group_members WHERE group_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
            }
            else
            {
                id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "INSERT INTO tool_groups (slug, name, kind, document, updated_at) VALUES (@Slug, @Name, @Kind, @document, @now) RETURNING id",
                    new { group.Slug, group.Name, group.Kind, document, now }, transaction, cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO tool_group_aliases (alias, group_id) VALUES (@alias, @id)",
                GroupNames(group).Skip(1).Select(alias => new { alias, id }), transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO tool_group_members (group_id, member_slug, position) VALUES (@id, @slug, @position)",
                group.Members.Select((slug, position) => new { id, slug, position }), transaction, cancellationToken: cancellationToken));
            changed++;
        }

        return changed;
    }
}
