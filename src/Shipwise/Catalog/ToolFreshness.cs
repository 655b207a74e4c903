using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;
using Shipwise.Data;

namespace Shipwise.Catalog;

/// <summary>A fact older than Catalog:StaleAfterDays.</summary>
/// <param name="CheckedOn">The last day a source read the same value, when later than the fact's own date.</param>
public sealed record StaleFactView(string Fact, string Label, DateOnly AsOf, DateOnly? CheckedOn, int AgeDays);

/// <summary>A source's newer value for a verified fact, kept beside the catalog's until an operator decides.</summary>
public sealed record ConflictView(
    string Fact, string Label, string Source, string CatalogValue, string? CatalogSource, DateOnly? CatalogAsOf,
    string SourceValue, string? SourceUrl, DateOnly? SourceAsOf, DateTimeOffset RaisedAt);

/// <summary>The lifecycle as it stands today (a passed shutdown date reads "retired"), when it is worth a banner.</summary>
/// <param name="Successor">The successor's slug as the catalog gives it; <paramref name="SuccessorName"/> is its display name, the slug when no tool answers to it.</param>
public sealed record LifecycleBanner(string Status, string Text, DateOnly? DeprecationDate, DateOnly? ShutdownDate, string? Successor, string? SuccessorName, string Source, DateOnly AsOf);

/// <summary>
/// How current a tool's facts are: stale facts, open conflicts and the lifecycle as of today.
/// The tool page and GET /api/tools/{slug} read this same model.
/// </summary>
public sealed record ToolFreshness(int StaleAfterDays, IReadOnlyList<StaleFactView> Stale, IReadOnlyList<ConflictView> Conflicts, LifecycleBanner? Lifecycle)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Stale.Count == 0 && Conflicts.Count == 0 && Lifecycle is null;
}

/// <summary>
/// Builds <see cref="ToolFreshness"/>: staleness from <see cref="FactFreshness"/> (the one place
/// that decides it) with the days sources last confirmed each fact (fact_checks), and the open
/// conflicts source runs raised (fact_conflicts).
/// </summary>
public sealed class ToolFreshnessQueries(Db db, IOptions<CatalogOptions> options, TimeProvider clock, CatalogQueries catalog)
{
    private sealed record Conflict(string Fact, string SourceName, string? Connector, string CurrentText, string CurrentFact, string ProposedText, string ProposedFact, DateTimeOffset CreatedAt);

    public async Task<ToolFreshness> ForAsync(StoredTool stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var days = options.Value.StaleAfterDays;
        await using var connection = await db.OpenAsync(cancellationToken);
        var checks = (await connection.QueryAsync<(string Fact, string CheckedOn)>(new CommandDefinition(
                "SELECT fact, checked_on FROM fact_checks WHERE tool_id = @Id", new { stored.Id }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Fact, r => DateOnly.ParseExact(r.CheckedOn, "yyyy-MM-dd"));
        var stale = FactFreshness.Stale(stored.Tool, today, days, checks)
            .Select(s => new StaleFactView(s.Fact.ToWire(), s.Label, s.AsOf, s.CheckedOn > s.AsOf ? s.CheckedOn : null, s.AgeDays))
            .ToList();
        var conflicts = (await connection.QueryAsync<Conflict>(new CommandDefinition(
                """
                SELECT c.fact AS Fact, c.source_name AS SourceName, r.connector AS Connector, c.current_text AS CurrentText, c.current_fact AS CurrentFact,
                       c.proposed_text AS ProposedText, c.proposed_fact AS ProposedFact, c.created_at AS CreatedAt
                FROM fact_conflicts c LEFT JOIN source_runs r ON r.id = c.run_id
                WHERE c.tool_id = @Id AND c.status = 'open' ORDER BY c.fact, c.source_name
                """, new { stored.Id }, cancellationToken: cancellationToken)))
            .Select(View)
            .ToList();
        return new ToolFreshness(days, stale, conflicts, await BannerAsync(stored.Tool, today, cancellationToken));
    }

    private static ConflictView View(Conflict c)
    {
        var current = ProvenanceOf(c.CurrentFact);
        var proposed = ProvenanceOf(c.ProposedFact);
        return new ConflictView(c.Fact, Label(c.Fact), SourceLabels.Connector.Label(c.Connector ?? c.SourceName), c.CurrentText, current?.Source, current?.AsOf, c.ProposedText, proposed?.Source, proposed?.AsOf, c.CreatedAt);
    }

    /// <summary>The source and date of a fact (or offering) stored as catalog JSON.</summary>
    public static (string Source, DateOnly AsOf)? ProvenanceOf(string factJson)
    {
        var node = JsonNode.Parse(factJson);
        return node?["source"]?.GetValue<string>() is { } source && DateOnly.TryParseExact(node["asOf"]?.GetValue<string>(), "yyyy-MM-dd", out var asOf)
            ? (source, asOf)
            : null;
    }

    /// <summary>"Price", or "Hosted by OpenRouter (openai/gpt-4o)" for an offering.</summary>
    public static string Label(string fact)
    {
        if (fact.StartsWith(FactMerge.OfferingPrefix, StringComparison.Ordinal))
        {
            var parts = fact[FactMerge.OfferingPrefix.Length..].Split(':', 2);
            return parts.Length == 2 ? $"Hosted by {parts[0]} ({parts[1]})" : $"Hosted by {parts[0]}";
        }

        return FactNames.TryParse(fact, out var name) ? name.Label() : fact;
    }

    private async Task<LifecycleBanner?> BannerAsync(Tool tool, DateOnly today, CancellationToken cancellationToken)
    {
        if (tool.Facts.Lifecycle is not { } fact)
        {
            return null;
        }

        var now = LifecycleRead.AsOf(tool, today).Facts.Lifecycle!.Value;
        if (now.Status is not (LifecycleStatus.Deprecated or LifecycleStatus.Retired))
        {
            return null;
        }

        // The reader sees the successor's name, from the one resolver that knows slugs and aliases.
        var successorName = now.Successor is { } successor
            ? (await catalog.NamesAsync([successor], cancellationToken)).GetValueOrDefault(successor) ?? successor
            : null;
        return new LifecycleBanner(now.Status, FactDisplay.Lifecycle(now), now.DeprecationDate, now.ShutdownDate, now.Successor, successorName, fact.Source, fact.AsOf);
    }
}

/// <summary>The tool page's lifecycle banner, open conflicts and stale facts, as one partial the page includes.</summary>
public sealed class ToolFreshnessViewComponent(ToolFreshnessQueries freshness) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(StoredTool tool) =>
        View("/Catalog/_ToolFreshness.cshtml", await freshness.ForAsync(tool, HttpContext.RequestAborted));
}
