using Dapper;
using Microsoft.AspNetCore.OutputCaching;
using Shipwise.Data;

namespace Shipwise.Site;

/// <summary>
/// Notices that the catalog, the reviews or the votes changed — on this node or any other node
/// sharing the database — and drops the cached pages. The stamp is read from indexed maxima, so a
/// check costs a few index lookups, and it is taken at most once per poll interval. The date is
/// part of it too: what a page says about stale facts and lifecycles depends on the day.
/// </summary>
public sealed class SiteChanges(Db db, IOutputCacheStore cache, TimeProvider clock, ILogger<SiteChanges> logger)
{
    public const string PagesTag = "pages";

    private string _stamp = "";
    private long _version;

    /// <summary>Changes whenever the content behind the pages changes; part of every page's ETag.</summary>
    public long Version => Interlocked.Read(ref _version);

    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var parts = await connection.QuerySingleAsync<(long? Reviews, string? Tools, long? Count, string? Panels, long? Decisions, long? Votes, long? Catalog)>(new CommandDefinition(
            """
            SELECT (SELECT max(id) FROM reviews),
                   (SELECT CAST(max(updated_at) AS TEXT) FROM tools),
                   (SELECT count(*) FROM tools),
                   (SELECT CAST(max(panel_changed_at) AS TEXT) FROM tools),
                   (SELECT count(*) FROM reviews WHERE status = 'disputed'),
                   (SELECT seq FROM community_changes WHERE id = 1),
                   (SELECT seq FROM catalog_changes WHERE id = 1)
            """,
            cancellationToken: cancellationToken));
        var stamp = parts + " " + DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
        if (stamp == _stamp)
        {
            return false;
        }

        _stamp = stamp;
        Interlocked.Increment(ref _version);
        await cache.EvictByTagAsync(PagesTag, cancellationToken);
        logger.LogDebug("Site content changed ({Stamp}); cached pages dropped", stamp);
        return true;
    }
}

/// <summary>Polls for content changes. Wall-clock polling on purpose: it paces I/O, it is not domain time.</summary>
public sealed class SiteChangeWatcher(SiteChanges changes, Microsoft.Extensions.Options.IOptions<SiteOptions> options, ILogger<SiteChangeWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.ChangePollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changes.CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may still be migrating at start; the next poll tries again.
                logger.LogDebug(e, "Could not check for site changes");
            }

            await Task.Delay(interval, TimeProvider.System, stoppingToken);
        }
    }
}
