using Dapper;
using Shipwise.Data;

namespace Shipwise.Telemetry;

/// <summary>
/// The review-job queue as the database holds it, for every node together: jobs queued, running and
/// failed, and reviews disputed (waiting for an operator). A node's counters only see its own work;
/// an operator running several nodes needs the depth. Read at most once per <see cref="CacheFor"/>,
/// so however often the metrics are scraped, it costs one cheap query (both counts walk an index).
/// </summary>
public sealed class ReviewQueueDepth(Db db, TimeProvider clock, ILogger<ReviewQueueDepth> logger)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>The label values of the gauge, in the order they are reported.</summary>
    public static readonly string[] States = ["queued", "running", "failed", "disputed"];

    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(2);
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, long>? _last;
    private long _readAt;

    /// <summary>Each state's count, from the cache while it is fresh; empty when the database did not answer.</summary>
    public IReadOnlyDictionary<string, long> Current()
    {
        lock (_gate)
        {
            if (_last is { } cached && clock.GetElapsedTime(_readAt) < CacheFor)
            {
                return cached;
            }

            try
            {
                // Observable instruments are read synchronously by the exporter; the query is one
                // indexed count, bounded by a timeout so a stuck database cannot stall a scrape.
                using var timeout = new CancellationTokenSource(_timeout);
                _last = ReadAsync(timeout.Token).GetAwaiter().GetResult();
                _readAt = clock.GetTimestamp();
                return _last;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or OperationCanceledException or TimeoutException or InvalidOperationException)
            {
                // Not cached: the next scrape asks again, so the gauge is back as soon as the database answers.
                logger.LogWarning(ex, "The review queue depth could not be read; the gauge is left out of this scrape");
                return new Dictionary<string, long>();
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, long>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            """
            SELECT 'pending', count(*) FROM review_jobs WHERE status = 'pending'
            UNION ALL
            SELECT 'running', count(*) FROM review_jobs WHERE status = 'running'
            UNION ALL
            SELECT 'failed', count(*) FROM review_jobs WHERE status = 'failed'
            UNION ALL
            SELECT 'disputed', count(*) FROM reviews WHERE status = 'disputed'
            """,
            cancellationToken: cancellationToken));
        var counts = rows.ToDictionary(r => r.Status == "pending" ? "queued" : r.Status, r => r.Count, StringComparer.Ordinal);
        return States.ToDictionary(s => s, s => counts.GetValueOrDefault(s), StringComparer.Ordinal);
    }
}
