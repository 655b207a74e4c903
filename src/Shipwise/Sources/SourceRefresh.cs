using Dapper;
using Microsoft.Extensions.Options;
using Shipwise.Catalog;
using Shipwise.Core.Catalog.Sources;
using Shipwise.Data;
using Shipwise.Sources.Connectors;

namespace Shipwise.Sources;

/// <summary>How one configured source's refresh went: a report, an error, or not run (not due, or another node holds it).</summary>
public sealed record RefreshOutcome(string Source, SourceReport? Report, string? Error, string? NotRun);

/// <summary>
/// Runs the sources in Catalog:Sources. Each run is claimed in source_schedule first, a lease
/// that one node (or `shipwise refresh`) holds at a time, so two nodes never refresh the same
/// source together; the claim also records when the source is due next. A source that fails is
/// reported and the others still run.
/// </summary>
public sealed class SourceRefresh(SourceImporter importer, Db db, IOptions<CatalogOptions> options, TimeProvider clock, ILogger<SourceRefresh> logger)
{
    /// <summary>Longer than any run takes; a node killed mid-run frees its source after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    public static SourceRequest RequestFor(SourceSettings source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.From == SourceLabels.Connector.HuggingFace
            ? new SourceRequest(source.EffectiveName, source.From, source.Models, source.SourceUrl, BaseUrl: source.Location)
            : new SourceRequest(source.EffectiveName, source.From, [source.Location!], source.SourceUrl);
    }

    /// <param name="names">Sources to run by name; null for all.</param>
    /// <param name="onlyDue">Run only sources whose time has come (the schedule); otherwise run now.</param>
    public async Task<IReadOnlyList<RefreshOutcome>> RunAsync(
        IReadOnlyCollection<string>? names, bool dryRun, bool onlyDue, string runBy, string node, CancellationToken cancellationToken)
    {
        var sources = options.Value.Sources.Where(s => names is null || names.Contains(s.EffectiveName, StringComparer.OrdinalIgnoreCase)).ToList();
        var outcomes = new List<RefreshOutcome>();
        foreach (var source in sources)
        {
            var name = source.EffectiveName;
            if (!dryRun && await ClaimAsync(name, node, onlyDue, cancellationToken) is { } notRun)
            {
                outcomes.Add(new RefreshOutcome(name, null, null, notRun));
                continue;
            }

            try
            {
                var report = await importer.RunAsync(RequestFor(source), dryRun, runBy, node, cancellationToken);
                outcomes.Add(new RefreshOutcome(name, report, null, null));
                if (!dryRun)
                {
                    logger.LogInformation("Source {Source}: {Tools} tools changed, {Added} facts added, {Changed} changed, {Conflicts} conflicts, {Unplaced} unplaced",
                        name, report.ToolsChanged, report.FactsAdded, report.FactsChanged, report.Conflicts, report.Unplaced.Count);
                }
            }
            catch (SourceException ex)
            {
                logger.LogWarning("Source {Source} failed: {Error}", name, ex.Problem);
                outcomes.Add(new RefreshOutcome(name, null, ex.Problem, null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not the source's fault (the database, a bug): still reported, and the other sources still run.
                logger.LogError(ex, "Source {Source} failed", name);
                outcomes.Add(new RefreshOutcome(name, null, $"{ex.GetType().Name}: {ex.Message}", null));
            }
            finally
            {
                if (!dryRun)
                {
                    await ReleaseAsync(name, node, CancellationToken.None);
                }
            }
        }

        return outcomes;
    }

    /// <summary>Null when claimed; otherwise why not.</summary>
    private async Task<string?> ClaimAsync(string name, string node, bool onlyDue, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO source_schedule (source_name, next_run_at) VALUES (@name, @now) ON CONFLICT (source_name) DO NOTHING",
            new { name, now }, cancellationToken: cancellationToken));

        // One statement decides: the row is free (or its holder's lease ran out) and, on the schedule, due.
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE source_schedule SET claimed_by = @node, claimed_until = @until
            WHERE source_name = @name AND (claimed_until IS NULL OR claimed_until < @now) {(onlyDue ? "AND next_run_at <= @now" : "")}
            """,
            new { name, node, now, until = now + Lease }, cancellationToken: cancellationToken));
        if (claimed == 1)
        {
            return null;
        }

        var row = await connection.QuerySingleAsync<ScheduleRow>(new CommandDefinition(
            "SELECT claimed_by AS ClaimedBy, next_run_at AS NextRunAt FROM source_schedule WHERE source_name = @name", new { name }, cancellationToken: cancellationToken));
        return row.ClaimedBy is { } holder ? $"being refreshed by {holder}" : $"not due until {row.NextRunAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
    }

    private sealed record ScheduleRow(string? ClaimedBy, DateTimeOffset NextRunAt);

    private async Task ReleaseAsync(string name, string node, CancellationToken cancellationToken)
    {
        var hours = options.Value.RefreshHours;
        var next = clock.GetUtcNow() + TimeSpan.FromHours(hours > 0 ? hours : 24);
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE source_schedule SET claimed_by = NULL, claimed_until = NULL, next_run_at = @next WHERE source_name = @name AND claimed_by = @node",
            new { name, node, next }, cancellationToken: cancellationToken));
    }
}

/// <summary>
/// Refreshes the configured sources from `serve` every Catalog:RefreshHours. Every node runs this
/// loop; the claim in <see cref="SourceRefresh"/> lets one of them do each source's run.
/// </summary>
public sealed class SourceRefreshScheduler(IServiceProvider services, IOptions<CatalogOptions> options, ILogger<SourceRefreshScheduler> logger) : BackgroundService
{
    /// <summary>How often a node looks whether a source is due. Wall-clock pacing, not domain time.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RefreshHours <= 0 || options.Value.Sources.Count == 0)
        {
            return;
        }

        var refresh = services.GetRequiredService<SourceRefresh>();
        var node = Panel.PanelProcessor.NewNodeName();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await refresh.RunAsync(null, dryRun: false, onlyDue: true, "schedule", node, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may still be migrating at start; the next check tries again.
                    logger.LogWarning(ex, "The source refresh schedule hit an error; it will try again");
                }

                await Task.Delay(CheckInterval, TimeProvider.System, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
