using System.Text.Json.Nodes;
using Dapper;
using Shipwise.Catalog;
using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;
using Shipwise.Data;

namespace Shipwise.Sources;

/// <summary>One run of a source. Properties, not a constructor: the counters are 32-bit on PostgreSQL and 64-bit on SQLite.</summary>
public sealed record SourceRunRow
{
    public long Id { get; init; }
    public string SourceName { get; init; } = "";
    public string Connector { get; init; } = "";
    public string Location { get; init; } = "";
    public string RunBy { get; init; } = "";
    public string Node { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public string Status { get; init; } = "";
    public string? Error { get; init; }
    public long Entries { get; init; }
    public long ToolsChanged { get; init; }
    public long FactsAdded { get; init; }
    public long FactsChanged { get; init; }
    public long Conflicts { get; init; }
    public long Unplaced { get; init; }
}

public sealed record SourceChangeRow(long Id, string Slug, string ToolName, string Fact, string Change, string? BeforeText, string AfterText, string Phrase, string SourceLabel, string AsOf, DateTimeOffset CreatedAt);

public sealed record ConflictRow(
    long Id, long ToolId, string Slug, string ToolName, string Fact, string SourceName, string CurrentText, string CurrentFact, string ProposedText, string ProposedFact,
    string Status, DateTimeOffset CreatedAt);

public sealed record SourceNameRow(string SourceName, string Name, string Status, string Reason, string FirstSeen, string LastSeen);

/// <summary>A decision that could not be carried out, said to the operator.</summary>
public sealed class SourceDecisionException(string message) : Exception(message);

/// <summary>
/// Reads and decides on what source runs left: runs, changes, conflicts and unplaced names.
/// Accepting a conflict writes the source's fact into the tool as a new revision (moving the
/// catalog stamp, so the tool is re-reviewed); rejecting keeps the catalog's and remembers the
/// rejected value so the next run does not raise it again.
/// </summary>
public sealed class SourceStore(Db db, CatalogQueries queries, CatalogChangeNotifier changes, TimeProvider clock)
{
    private const string ConflictColumns =
        """
        c.id AS Id, c.tool_id AS ToolId, t.slug AS Slug, t.name AS ToolName, c.fact AS Fact, c.source_name AS SourceName, c.current_text AS CurrentText,
        c.current_fact AS CurrentFact, c.proposed_text AS ProposedText, c.proposed_fact AS ProposedFact, c.status AS Status, c.created_at AS CreatedAt
        """;

    /// <summary>Every source that has run, newest run first per source.</summary>
    public async Task<IReadOnlyList<SourceRunRow>> LastRunsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<SourceRunRow>(new CommandDefinition(
            """
            SELECT r.id AS Id, r.source_name AS SourceName, r.connector AS Connector, r.location AS Location, r.run_by AS RunBy, r.node AS Node,
                   r.started_at AS StartedAt, r.status AS Status, r.error AS Error, r.entries AS Entries, r.tools_changed AS ToolsChanged,
                   r.facts_added AS FactsAdded, r.facts_changed AS FactsChanged, r.conflicts AS Conflicts, r.unplaced AS Unplaced
            FROM source_runs r WHERE r.id IN (SELECT max(id) FROM source_runs GROUP BY source_name)
            ORDER BY r.source_name
            """, cancellationToken: cancellationToken))];
    }

    /// <summary>The facts a source's runs changed, newest first.</summary>
    public async Task<IReadOnlyList<SourceChangeRow>> ChangesAsync(string source, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<SourceChangeRow>(new CommandDefinition(
            """
            SELECT c.id AS Id, t.slug AS Slug, t.name AS ToolName, c.fact AS Fact, c.change AS Change, c.before_text AS BeforeText, c.after_text AS AfterText,
                   c.phrase AS Phrase, c.source_label AS SourceLabel, c.as_of AS AsOf, c.created_at AS CreatedAt
            FROM source_changes c JOIN source_runs r ON r.id = c.run_id JOIN tools t ON t.id = c.tool_id
            WHERE r.source_name = @source ORDER BY c.id DESC LIMIT @limit
            """, new { source, limit }, cancellationToken: cancellationToken))];
    }

    /// <summary>Changes to a tool's facts from sources, newest first (review history names the source of a change).</summary>
    public async Task<IReadOnlyList<SourceChangeRow>> ChangesForToolAsync(long toolId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<SourceChangeRow>(new CommandDefinition(
            """
            SELECT c.id AS Id, t.slug AS Slug, t.name AS ToolName, c.fact AS Fact, c.change AS Change, c.before_text AS BeforeText, c.after_text AS AfterText,
                   c.phrase AS Phrase, c.source_label AS SourceLabel, c.as_of AS AsOf, c.created_at AS CreatedAt
            FROM source_changes c JOIN tools t ON t.id = c.tool_id WHERE c.tool_id = @toolId ORDER BY c.id DESC
            """, new { toolId }, cancellationToken: cancellationToken))];
    }

    public async Task<IReadOnlyList<ConflictRow>> OpenConflictsAsync(string? source, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ConflictRow>(new CommandDefinition(
            $"""
            SELECT {ConflictColumns} FROM fact_conflicts c JOIN tools t ON t.id = c.tool_id
            WHERE c.status = 'open' {(source is null ? "" : "AND c.source_name = @source")} ORDER BY t.slug, c.fact
            """, new { source }, cancellationToken: cancellationToken))];
    }

    public async Task<(IReadOnlyList<SourceNameRow> Names, long Total)> UnplacedAsync(string source, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM source_names WHERE source_name = @source AND status = 'unplaced'", new { source }, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<SourceNameRow>(new CommandDefinition(
            """
            SELECT source_name AS SourceName, name AS Name, status AS Status, reason AS Reason, first_seen AS FirstSeen, last_seen AS LastSeen
            FROM source_names WHERE source_name = @source AND status = 'unplaced' ORDER BY name LIMIT @limit
            """, new { source, limit }, cancellationToken: cancellationToken));
        return ([.. rows], total);
    }

    /// <summary>Writes the source's fact into the tool (a new revision) and closes the conflict.</summary>
    public async Task<ConflictRow> AcceptAsync(long id, string by, CancellationToken cancellationToken)
    {
        var conflict = await OpenConflictAsync(id, cancellationToken);
        var stored = await queries.GetByIdAsync(conflict.ToolId, cancellationToken)
            ?? throw new SourceDecisionException("The tool of this conflict no longer exists.");
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var updated = WithProposed(stored.Tool, conflict);
        var problems = CatalogValidator.Validate(updated, $"tools[{stored.Tool.Slug}]", today).ToList();
        if (problems.Count > 0)
        {
            throw new SourceDecisionException($"The source's value does not pass the catalog's checks: {string.Join("; ", problems.Take(3).Select(p => $"{p.Path}: {p.Message}"))}.");
        }

        var phrase = FactChanges.Between(stored.Tool, updated).FirstOrDefault(c => c.Fact == conflict.Fact)?.Phrase ?? "after an operator accepted the source's value";
        var asOf = ToolFreshnessQueries.ProvenanceOf(conflict.ProposedFact)?.AsOf ?? today;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var closed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE fact_conflicts SET status = 'accepted', resolved_at = @now, resolved_by = @by WHERE id = @id AND status = 'open'",
            new { id, now, by }, transaction, cancellationToken: cancellationToken));
        if (closed == 0)
        {
            throw new SourceDecisionException("Someone decided on this conflict meanwhile.");
        }

        var row = ToolRow.From(updated);
        await CatalogWriteSql.WriteAsync(db, connection, transaction, [], [(stored.Id, row)], [.. ToolRow.AliasesOf(updated).Select(a => (a, updated.Slug))], now, cancellationToken);
        var run = await connection.QuerySingleOrDefaultAsync<(long Id, string Connector)?>(new CommandDefinition(
            "SELECT r.id, r.connector FROM fact_conflicts c JOIN source_runs r ON r.id = c.run_id WHERE c.id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        var label = run is { } r ? SourceLabels.Connector.Label(r.Connector) : conflict.SourceName;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO source_changes (run_id, tool_id, fact, change, before_text, after_text, phrase, source_label, as_of, created_at)
            VALUES (@runId, @ToolId, @Fact, 'changed', @CurrentText, @ProposedText, @phrase, @label, @asOf, @now)
            """,
            new { runId = run?.Id, conflict.ToolId, conflict.Fact, conflict.CurrentText, conflict.ProposedText, phrase, label, asOf = asOf.ToString("yyyy-MM-dd"), now },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        changes.CatalogChanged();
        return conflict;
    }

    /// <summary>Keeps the catalog's fact; the same source value is not raised again.</summary>
    public async Task<ConflictRow> RejectAsync(long id, string by, CancellationToken cancellationToken)
    {
        var conflict = await OpenConflictAsync(id, cancellationToken);
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var closed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE fact_conflicts SET status = 'rejected', resolved_at = @now, resolved_by = @by WHERE id = @id AND status = 'open'",
            new { id, now, by }, transaction, cancellationToken: cancellationToken));
        if (closed == 0)
        {
            throw new SourceDecisionException("Someone decided on this conflict meanwhile.");
        }

        await CatalogStamp.BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.CatalogChanged();
        return conflict;
    }

    /// <summary>Places an unplaced name on a tool (by slug or alias): the source's next run applies it there.</summary>
    public async Task<string> PlaceAsync(string source, string name, string tool, string by, CancellationToken cancellationToken)
    {
        var target = await queries.FindToolAsync(tool, cancellationToken)
            ?? throw new SourceDecisionException($"No tool has the slug or alias '{tool}'.");
        if (target.Tool.Kind is not ("api" or "model"))
        {
            throw new SourceDecisionException($"{target.Tool.Slug} is a {target.Tool.Kind}; a source's model entries can only be placed on models and APIs.");
        }

        await DecideAsync(source, name, "placed", target.Id, by, cancellationToken);
        return target.Tool.Slug;
    }

    public Task IgnoreAsync(string source, string name, string by, CancellationToken cancellationToken) =>
        DecideAsync(source, name, "ignored", null, by, cancellationToken);

    private async Task DecideAsync(string source, string name, string status, long? toolId, string by, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE source_names SET status = @status, tool_id = @toolId, decided_by = @by, decided_at = @now WHERE source_name = @source AND name = @name AND status = 'unplaced'",
            new { source, name, status, toolId, by, now }, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            throw new SourceDecisionException($"'{name}' is not on {source}'s list of unplaced names (any more).");
        }
    }

    private async Task<ConflictRow> OpenConflictAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ConflictRow>(new CommandDefinition(
                $"SELECT {ConflictColumns} FROM fact_conflicts c JOIN tools t ON t.id = c.tool_id WHERE c.id = @id AND c.status = 'open'",
                new { id }, cancellationToken: cancellationToken))
            ?? throw new SourceDecisionException("This conflict is no longer open.");
    }

    /// <summary>The tool with the conflict's proposed fact in place of the catalog's (an offering replaces the one with its provider and model id).</summary>
    public static Tool WithProposed(Tool tool, ConflictRow conflict)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(conflict);
        var document = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(tool, CatalogJson.Options))!.AsObject();
        var facts = document["facts"] as JsonObject ?? [];
        document["facts"] = facts;
        var proposed = JsonNode.Parse(conflict.ProposedFact);
        if (conflict.Fact.StartsWith(FactMerge.OfferingPrefix, StringComparison.Ordinal))
        {
            var offerings = facts["offerings"] as JsonArray ?? [];
            facts["offerings"] = offerings;
            var current = System.Text.Json.JsonSerializer.Deserialize<Offering>(conflict.CurrentFact, CatalogJson.Options)!;
            var index = -1;
            for (var i = 0; i < offerings.Count && index < 0; i++)
            {
                if (offerings[i]?["provider"]?.GetValue<string>() == current.Provider && offerings[i]?["modelId"]?.GetValue<string>() == current.ModelId)
                {
                    index = i;
                }
            }

            if (index >= 0)
            {
                offerings[index] = proposed;
            }
            else
            {
                offerings.Add(proposed);
            }
        }
        else
        {
            facts[conflict.Fact] = proposed;
        }

        return System.Text.Json.JsonSerializer.Deserialize<Tool>(document.ToJsonString(CatalogJson.Options), CatalogJson.Options)!;
    }
}
