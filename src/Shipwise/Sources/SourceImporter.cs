using System.Data.Common;
using System.Text.Json;
using Dapper;
using Shipwise.Catalog;
using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;
using Shipwise.Data;
using Shipwise.Sources.Connectors;

namespace Shipwise.Sources;

/// <summary>One tool a source run touched, with what happened to each fact it reports.</summary>
public sealed record SourceToolReport(long ToolId, string Slug, string Name, IReadOnlyList<FactOutcome> Outcomes)
{
    public bool Changed => Outcomes.Any(o => o.ChangesDocument);
}

/// <summary>A name in the source that no tool could be matched to with confidence.</summary>
public sealed record UnplacedName(string Name, string Reason);

/// <summary>What a source run found and (unless it was a dry run) wrote.</summary>
public sealed record SourceReport
{
    public required string Source { get; init; }
    public required string Label { get; init; }
    public required string Description { get; init; }
    public required bool DryRun { get; init; }
    public int EntriesRead { get; init; }
    public int Placed { get; init; }
    public int Ignored { get; init; }
    public IReadOnlyList<SourceToolReport> Tools { get; init; } = [];
    public IReadOnlyList<UnplacedName> Unplaced { get; init; } = [];

    /// <summary>Conflicts an operator rejected before, raised again with the same value: not shown again.</summary>
    public int RejectedBefore { get; init; }

    public long? RunId { get; init; }

    public int ToolsChanged => Tools.Count(t => t.Changed);
    public int FactsAdded => Count(FactOutcomeKind.Added);
    public int FactsChanged => Count(FactOutcomeKind.Changed);
    public int Conflicts => Count(FactOutcomeKind.Conflict);

    private int Count(FactOutcomeKind kind) => Tools.Sum(t => t.Outcomes.Count(o => o.Kind == kind));
}

/// <summary>
/// Runs one source: reads it through its connector, places each entry on a tool (by slug or alias
/// through <see cref="CatalogQueries.ResolveManyAsync"/>, an existing offering's model id, or an
/// operator's decision; never a new tool), lays the entries over the tools (<see cref="FactMerge"/>)
/// and writes everything in one transaction: changed tools as new revisions (which moves the
/// catalog stamp, so every node re-reviews them), the changes, conflicts, unplaced names and
/// confirmations. A source that cannot be read or mapped writes nothing to the catalog.
/// </summary>
public sealed class SourceImporter(
    Db db, CatalogQueries queries, IEnumerable<ISourceConnector> connectors, CatalogChangeNotifier changes, TimeProvider clock)
{
    private const int Chunk = 1000;

    public async Task<SourceReport> RunAsync(SourceRequest request, bool dryRun, string runBy, string node, CancellationToken cancellationToken)
    {
        var connector = connectors.SingleOrDefault(c => c.Connector == request.Connector)
            ?? throw new SourceException(request.Name, $"'{request.Connector}' is not a connector; use one of: {string.Join(", ", SourceLabels.Connector.All)}.");
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var location = string.Join(" ", request.Locations);
        try
        {
            var read = await connector.ReadAsync(request, today, cancellationToken);
            var plan = await PlanAsync(request, read, today, cancellationToken);
            if (dryRun)
            {
                return plan.Report;
            }

            var runId = await WriteAsync(request, plan, runBy, node, location, now, today, cancellationToken);
            return plan.Report with { DryRun = false, RunId = runId };
        }
        catch (SourceException ex) when (!dryRun)
        {
            await RecordFailureAsync(request, runBy, node, location, now, ex.Problem, cancellationToken);
            throw;
        }
    }

    private sealed record Placement(SourceEntry Entry, long ToolId, int Rank);

    private sealed record ConflictRow(long Id, long ToolId, string Fact, string ProposedText, string Status);

    private sealed record Plan(
        SourceReport Report, IReadOnlyList<MergeResult> Merges, IReadOnlyDictionary<long, StoredTool> Tools,
        IReadOnlyList<(long ToolId, FactOutcome Outcome, ConflictRow? Open)> ConflictWrites);

    private async Task<Plan> PlanAsync(SourceRequest request, SourceRead read, DateOnly today, CancellationToken cancellationToken)
    {
        var decisions = await DecisionsAsync(request.Name, cancellationToken);
        var entries = read.Entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        var names = entries.SelectMany(e => e.Candidates)
            .Concat(entries.SelectMany(e => e.Host?.ProviderCandidates ?? []))
            .ToList();
        var resolved = await queries.ResolveManyAsync(names, cancellationToken);
        var offeringIds = await OfferingModelIdsAsync(cancellationToken);

        var placements = new List<Placement>();
        var unplaced = new List<UnplacedName>();
        var ignored = 0;
        foreach (var entry in entries)
        {
            if (decisions.TryGetValue(entry.Name, out var decision))
            {
                if (decision.Status == "ignored")
                {
                    ignored++;
                    continue;
                }

                if (decision is { Status: "placed", ToolId: { } placedOn })
                {
                    placements.Add(new Placement(entry, placedOn, 0));
                    continue;
                }
            }

            var hits = entry.Candidates
                .Select((name, rank) => resolved.TryGetValue(name, out var tool) ? (tool.Id, Rank: Slug.From(name) == tool.Slug ? 0 : rank + 1) : default)
                .Where(h => h.Id != 0)
                .ToList();
            if (entry.Host is { } host)
            {
                foreach (var id in host.ModelIdVariants.Prepend(host.ModelId).Append(entry.Name))
                {
                    if (offeringIds.TryGetValue(id.ToLowerInvariant(), out var owners))
                    {
                        hits.AddRange(owners.Select(o => (o, Rank: 50)));
                    }
                }
            }

            var tools = hits.Select(h => h.Id).Distinct().ToList();
            if (tools.Count == 1)
            {
                placements.Add(new Placement(entry, tools[0], hits.Min(h => h.Rank)));
            }
            else
            {
                var slugs = resolved.Values.Where(r => tools.Contains(r.Id)).Select(r => r.Slug).Distinct().Order(StringComparer.Ordinal);
                unplaced.Add(new UnplacedName(entry.Name, tools.Count == 0
                    ? "no tool has this name, an alias like it, or an offering with this model id"
                    : $"matches several tools ({string.Join(", ", slugs)})"));
            }
        }

        var stored = await queries.GetByIdsAsync([.. placements.Select(p => p.ToolId).Distinct()], cancellationToken);
        var providerSlugs = resolved;
        var merges = new List<MergeResult>();
        var reports = new List<SourceToolReport>();
        var placed = 0;
        foreach (var group in placements.GroupBy(p => p.ToolId).OrderBy(g => stored.TryGetValue(g.Key, out var t) ? t.Tool.Slug : "", StringComparer.Ordinal))
        {
            if (!stored.TryGetValue(group.Key, out var current))
            {
                // An operator placed the name on a tool that has since been deleted.
                unplaced.AddRange(group.Select(p => new UnplacedName(p.Entry.Name, "the tool it was placed on no longer exists")));
                continue;
            }

            var tool = current.Tool;
            if (tool.Kind is not ("api" or "model"))
            {
                unplaced.AddRange(group.Select(p => new UnplacedName(p.Entry.Name, $"names {tool.Slug}, a {tool.Kind}, not a model")));
                continue;
            }

            placed += group.Count();
            var vendor = group.Where(p => FactMerge.SpeaksForTool(p.Entry, tool))
                .OrderBy(p => p.Rank).ThenBy(p => p.Entry.Name, StringComparer.Ordinal).FirstOrDefault()?.Entry;
            var hosts = OnePerOffer(tool, group.Where(p => FactMerge.MakesOffering(p.Entry, tool))
                .Select(p => p.Entry with { Host = p.Entry.Host! with { ProviderSlug = ProviderSlug(p.Entry.Host!, providerSlugs, tool.Slug) } }));
            if (vendor is null && hosts.Count == 0)
            {
                continue;
            }

            var merge = FactMerge.Apply(tool, vendor, hosts, today);
            if (merge.Changed)
            {
                var problems = CatalogValidator.Validate(merge.After, $"tools[{tool.Slug}]", today).ToList();
                if (problems.Count > 0)
                {
                    throw new SourceException(request.Name,
                        $"the facts read for {tool.Slug} do not pass the catalog's checks ({string.Join("; ", problems.Take(3).Select(p => $"{p.Path}: {p.Message}"))}). Nothing was imported.");
                }
            }

            merges.Add(merge);
            reports.Add(new SourceToolReport(current.Id, tool.Slug, tool.Name, merge.Outcomes));
        }

        // Conflicts: one open per tool, fact and source; a value an operator rejected is not raised again.
        var existing = await ConflictsAsync(request.Name, [.. reports.Select(r => r.ToolId)], cancellationToken);
        var conflictWrites = new List<(long, FactOutcome, ConflictRow?)>();
        var rejectedBefore = 0;
        for (var i = 0; i < reports.Count; i++)
        {
            var toolReport = reports[i];
            var kept = new List<FactOutcome>();
            foreach (var outcome in toolReport.Outcomes)
            {
                if (outcome.Kind != FactOutcomeKind.Conflict)
                {
                    kept.Add(outcome);
                    continue;
                }

                var mine = existing.Where(c => c.ToolId == toolReport.ToolId && c.Fact == outcome.Fact).ToList();
                var open = mine.FirstOrDefault(c => c.Status == "open");
                if (open is null && mine.Any(c => c.Status == "rejected" && c.ProposedText == outcome.After))
                {
                    rejectedBefore++;
                    continue;
                }

                kept.Add(outcome);
                if (open is null || open.ProposedText != outcome.After)
                {
                    conflictWrites.Add((toolReport.ToolId, outcome, open));
                }
            }

            reports[i] = toolReport with { Outcomes = kept };
        }

        var report = new SourceReport
        {
            Source = request.Name,
            Label = request.Label,
            Description = read.Description,
            DryRun = true,
            EntriesRead = read.EntriesRead,
            Placed = placed,
            Ignored = ignored,
            Tools = reports,
            Unplaced = unplaced,
            RejectedBefore = rejectedBefore,
        };
        return new Plan(report, merges, stored, conflictWrites);
    }

    /// <summary>
    /// One offering per provider and offer: a cloud lists the same model under many keys (regions,
    /// snapshots) at one price; the key the tool already has an offering for is kept, else the shortest.
    /// </summary>
    private static List<SourceEntry> OnePerOffer(Tool tool, IEnumerable<SourceEntry> entries) =>
        [.. entries
            .GroupBy(e => (e.Host!.Provider, e.Facts.InputPerMillionTokensUsd, e.Facts.OutputPerMillionTokensUsd, e.Facts.CachedInputPerMillionTokensUsd, e.Facts.ContextWindow))
            .Select(g => g
                .OrderBy(e => tool.Facts.Offerings.Any(o => FactMerge.SameOffering(o, e.Host!)) ? 0 : 1)
                .ThenBy(e => e.Host!.ModelId.Length)
                .ThenBy(e => e.Host!.ModelId, StringComparer.Ordinal)
                .First())
            .OrderBy(e => e.Name, StringComparer.Ordinal)];

    /// <summary>The provider's slug when the provider is a tool in the catalog (an offering may name it), else null.</summary>
    private static string? ProviderSlug(SourceHost host, IReadOnlyDictionary<string, ResolvedName> resolved, string toolSlug) =>
        host.ProviderCandidates.Select(c => resolved.TryGetValue(c, out var r) ? r.Slug : null).FirstOrDefault(s => s is not null && s != toolSlug);

    private async Task<long> WriteAsync(
        SourceRequest request, Plan plan, string runBy, string node, string location, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        var report = plan.Report;
        var changed = plan.Merges.Where(m => m.Changed).ToList();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // A tool another process changed since it was read would be overwritten blind: stop instead.
        var ids = changed.Select(m => plan.Tools.Values.First(t => t.Tool.Slug == m.Before.Slug).Id).ToList();
        if (ids.Count > 0)
        {
            var lockRows = db.IsPostgres ? "FOR UPDATE" : "";
            var fingerprints = (await connection.QueryAsync<(long Id, string Fingerprint)>(new CommandDefinition(
                $"SELECT id, fingerprint FROM tools WHERE {db.InList("id", "ids")} {lockRows}",
                new { ids = db.ListValue(ids) }, transaction, cancellationToken: cancellationToken))).ToDictionary(r => r.Id, r => r.Fingerprint);
            var moved = ids.Where(id => fingerprints.GetValueOrDefault(id) != plan.Tools[id].Fingerprint).ToList();
            if (moved.Count > 0)
            {
                throw new SourceException(request.Name,
                    $"{string.Join(", ", moved.Select(id => plan.Tools[id].Tool.Slug))} changed while the source was read; run it again. Nothing was imported.");
            }
        }

        var runId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO source_runs (source_name, connector, location, run_by, node, started_at, finished_at, status, entries, tools_changed, facts_added, facts_changed, conflicts, unplaced)
            VALUES (@Source, @Connector, @location, @runBy, @node, @now, @now, 'ok', @EntriesRead, @ToolsChanged, @FactsAdded, @FactsChanged, @Conflicts, @Unplaced)
            RETURNING id
            """,
            new
            {
                report.Source,
                request.Connector,
                location,
                runBy,
                node,
                now,
                report.EntriesRead,
                report.ToolsChanged,
                report.FactsAdded,
                report.FactsChanged,
                report.Conflicts,
                Unplaced = report.Unplaced.Count,
            },
            transaction, cancellationToken: cancellationToken));

        if (changed.Count > 0)
        {
            var updates = changed.Select((m, i) => (ids[i], ToolRow.From(m.After))).ToList();
            var aliases = changed.SelectMany(m => ToolRow.AliasesOf(m.After).Select(a => (a, m.After.Slug))).ToList();
            await CatalogWriteSql.WriteAsync(db, connection, transaction, [], updates, aliases, now, cancellationToken);

            var rows = new List<object>();
            foreach (var merge in changed)
            {
                var toolId = plan.Tools.Values.First(t => t.Tool.Slug == merge.Before.Slug).Id;
                var phrases = FactChanges.Between(merge.Before, merge.After).ToDictionary(c => c.Fact, c => c.Phrase);
                foreach (var o in merge.Outcomes.Where(o => o.ChangesDocument))
                {
                    rows.Add(new
                    {
                        runId,
                        toolId,
                        o.Fact,
                        Change = o.Kind == FactOutcomeKind.Added ? "added" : "changed",
                        o.Before,
                        o.After,
                        Phrase = phrases.GetValueOrDefault(o.Fact) ?? OfferingPhrase(o),
                        Label = report.Label,
                        AsOf = o.AsOf.ToString("yyyy-MM-dd"),
                        now,
                    });
                }
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO source_changes (run_id, tool_id, fact, change, before_text, after_text, phrase, source_label, as_of, created_at)
                VALUES (@runId, @toolId, @Fact, @Change, @Before, @After, @Phrase, @Label, @AsOf, @now)
                """,
                rows, transaction, cancellationToken: cancellationToken));
        }

        foreach (var (toolId, outcome, open) in plan.ConflictWrites)
        {
            if (open is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE fact_conflicts SET current_text = @Before, current_fact = @CurrentJson, proposed_text = @After, proposed_fact = @ProposedJson, run_id = @runId, created_at = @now
                    WHERE id = @Id
                    """,
                    new { outcome.Before, outcome.CurrentJson, outcome.After, outcome.ProposedJson, runId, now, open.Id }, transaction, cancellationToken: cancellationToken));
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO fact_conflicts (tool_id, fact, source_name, current_text, current_fact, proposed_text, proposed_fact, status, run_id, created_at)
                    VALUES (@toolId, @Fact, @Source, @Before, @CurrentJson, @After, @ProposedJson, 'open', @runId, @now)
                    """,
                    new { toolId, outcome.Fact, report.Source, outcome.Before, outcome.CurrentJson, outcome.After, outcome.ProposedJson, runId, now },
                    transaction, cancellationToken: cancellationToken));
            }
        }

        if (plan.ConflictWrites.Count > 0 && changed.Count == 0)
        {
            // Pages show conflicts: their caches must notice even when no tool changed.
            await CatalogStamp.BumpAsync(connection, transaction, cancellationToken);
        }

        var day = today.ToString("yyyy-MM-dd");
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO source_names (source_name, name, status, reason, first_seen, last_seen) VALUES (@Source, @Name, 'unplaced', @Reason, @day, @day)
            ON CONFLICT (source_name, name) DO UPDATE SET last_seen = excluded.last_seen, reason = excluded.reason
            WHERE source_names.last_seen < excluded.last_seen
            """,
            report.Unplaced.Select(u => new { report.Source, u.Name, u.Reason, day }), transaction, cancellationToken: cancellationToken));

        // A fact the source read again with the same value was checked today, though its document did not change.
        var checks = report.Tools.SelectMany(t => t.Outcomes.Where(o => o.Kind == FactOutcomeKind.Confirmed)
                .Select(o => (t.ToolId, Fact: o.Fact.StartsWith(FactMerge.OfferingPrefix, StringComparison.Ordinal) ? FactName.Offerings.ToWire() : o.Fact)))
            .Distinct()
            .Select(c => new { c.ToolId, c.Fact, day, report.Source });
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO fact_checks (tool_id, fact, checked_on, source_name) VALUES (@ToolId, @Fact, @day, @Source)
            ON CONFLICT (tool_id, fact) DO UPDATE SET checked_on = excluded.checked_on, source_name = excluded.source_name
            WHERE fact_checks.checked_on < excluded.checked_on
            """,
            checks, transaction, cancellationToken: cancellationToken));

        await transaction.CommitAsync(cancellationToken);
        if (changed.Count > 0 || plan.ConflictWrites.Count > 0)
        {
            changes.CatalogChanged();
        }

        return runId;
    }

    private static string OfferingPhrase(FactOutcome outcome)
    {
        var provider = outcome.Fact.StartsWith(FactMerge.OfferingPrefix, StringComparison.Ordinal)
            ? outcome.Fact[FactMerge.OfferingPrefix.Length..].Split(':')[0]
            : outcome.Fact;
        return outcome.Kind == FactOutcomeKind.Added ? $"after it became available on {provider}" : $"after {provider}'s offer changed";
    }

    private async Task RecordFailureAsync(SourceRequest request, string runBy, string node, string location, DateTimeOffset now, string error, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO source_runs (source_name, connector, location, run_by, node, started_at, finished_at, status, error)
            VALUES (@Name, @Connector, @location, @runBy, @node, @now, @now, 'failed', @error)
            """,
            new { request.Name, request.Connector, location, runBy, node, now, error }, cancellationToken: cancellationToken));
    }

    private sealed record Decision(string Name, string Status, long? ToolId);

    private async Task<IReadOnlyDictionary<string, Decision>> DecisionsAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Decision>(new CommandDefinition(
            "SELECT name AS Name, status AS Status, tool_id AS ToolId FROM source_names WHERE source_name = @source AND status <> 'unplaced'",
            new { source }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<ConflictRow>> ConflictsAsync(string source, IReadOnlyCollection<long> toolIds, CancellationToken cancellationToken)
    {
        if (toolIds.Count == 0)
        {
            return [];
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = new List<ConflictRow>();
        foreach (var chunk in toolIds.Chunk(Chunk))
        {
            rows.AddRange(await connection.QueryAsync<ConflictRow>(new CommandDefinition(
                $"""
                SELECT id AS Id, tool_id AS ToolId, fact AS Fact, proposed_text AS ProposedText, status AS Status
                FROM fact_conflicts WHERE source_name = @source AND {db.InList("tool_id", "chunk")}
                """,
                new { source, chunk = db.ListValue(chunk) }, cancellationToken: cancellationToken)));
        }

        return rows;
    }

    /// <summary>Model ids of the catalog's offerings (lower-cased) and the tools that have them: names a host already uses for a tool.</summary>
    private async Task<IReadOnlyDictionary<string, HashSet<long>>> OfferingModelIdsAsync(CancellationToken cancellationToken)
    {
        var index = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT id, document FROM tools WHERE document LIKE '%\"modelId\"%'", cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            using var document = JsonDocument.Parse(reader.GetString(1));
            if (!document.RootElement.TryGetProperty("facts", out var facts) || !facts.TryGetProperty("offerings", out var offerings))
            {
                continue;
            }

            foreach (var offering in offerings.EnumerateArray())
            {
                if (offering.TryGetProperty("modelId", out var modelId) && modelId.GetString() is { Length: > 0 } text)
                {
                    var key = text.ToLowerInvariant();
                    if (!index.TryGetValue(key, out var owners))
                    {
                        index[key] = owners = [];
                    }

                    owners.Add(id);
                }
            }
        }

        return index;
    }
}
