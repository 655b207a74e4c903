using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Shipwise.Catalog;
using Shipwise.Data;

namespace Shipwise.Search;

/// <summary>
/// Typo-tolerant search over the catalog from an in-memory <see cref="SearchIndex"/> per node. The
/// first search waits for the index; later ones use the current index and, at most every
/// <see cref="CheckInterval"/>, start a background check of a cheap stamp of the catalog
/// (another node may have imported), rebuilding and swapping the index when it moved, and in any
/// case every <see cref="FullRebuildInterval"/>. Imports on this node rebuild at once.
/// </summary>
public sealed class ToolSearch : IToolFinder, IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>A rebuild regardless of the stamp this often (see <see cref="StampSql"/> for what the stamp can miss).</summary>
    public static readonly TimeSpan FullRebuildInterval = TimeSpan.FromMinutes(5);

    // Newest tool and newest revision, two primary-key lookups (~0.1 ms): an import that adds a tool
    // raises max(tools.id), one that changes a tool writes a tool_revisions row (CatalogWriteSql keeps
    // one per update, and aliases change only with their tool). count(*) would also see deletes, which
    // nothing does yet, but reads a whole index: 0.6 ms on SQLite, 25-60 ms on PostgreSQL at 100,000 tools
    // (measured), on every node every 2 s. What max() cannot see (a delete, or two imports on different
    // nodes committing out of id order) the periodic full rebuild catches.
    // Groups are few: their count and newest change are read whole.
    private const string StampSql =
        """
        SELECT (SELECT coalesce(max(id), 0) FROM tools), (SELECT coalesce(max(id), 0) FROM tool_revisions),
               (SELECT count(*) FROM tool_groups) * 1000003 + (SELECT coalesce(max(id), 0) FROM tool_groups)
        """;

    private readonly Db _db;
    private readonly TimeProvider _clock;
    private readonly Telemetry.ShipwiseMetrics _metrics;
    private readonly CatalogChangeNotifier _changes;
    private readonly ILogger<ToolSearch> _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private volatile Loaded? _current;
    private Task? _refresh;
    private bool _invalidated;
    private bool _lastRefreshFailed;
    private long _lastCheckTicks;

    public ToolSearch(Db db, TimeProvider clock, CatalogChangeNotifier changes, Telemetry.ShipwiseMetrics metrics, ILogger<ToolSearch> logger)
    {
        _db = db;
        _metrics = metrics;
        _clock = clock;
        _changes = changes;
        _logger = logger;
        // Imports on this node say so at once; imports elsewhere are found by the stamp.
        _changes.Changed += Invalidate;
    }

    private readonly record struct CatalogStamp(long MaxToolId, long MaxRevisionId, long Groups);

    private sealed record Loaded(SearchIndex Index, CatalogStamp Stamp, long BuiltAtTicks);

    public async Task<SearchResult> SearchAsync(string query, int limit, CancellationToken ct)
    {
        if (SearchText.Terms(query).Count == 0)
        {
            return SearchResult.Empty(SearchText.Effective(query));
        }

        var started = _clock.GetTimestamp();
        var result = (await IndexAsync(ct)).Search(query, limit);
        _metrics.Search(_clock.GetElapsedTime(started));
        return result;
    }

    public async Task<IReadOnlyList<long>> FindIdsAsync(string query, int limit, CancellationToken cancellationToken) =>
        [.. (await SearchAsync(query, limit, cancellationToken)).Hits.Select(h => h.ToolId)];

    /// <summary>The tools nearest to a mistyped slug ("mistral-smal-3-1"), for "did you mean" on a 404 page.</summary>
    public async Task<IReadOnlyList<SearchHit>> SuggestAsync(string text, int limit, CancellationToken ct)
    {
        if (SearchText.Terms(text).Count == 0)
        {
            return [];
        }

        return (await IndexAsync(ct)).Suggest(text, limit);
    }

    /// <summary>Rebuilds the index in the background now (searches keep using the old one until it is ready).</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _invalidated = true;
            if (_current is not null)
            {
                StartRefreshLocked();
            }
        }
    }

    /// <summary>Begins building the index if no search has yet (a failure is logged; the first search then tries again).</summary>
    internal void StartFirstBuild()
    {
        lock (_gate)
        {
            if (_current is null)
            {
                StartRefreshLocked();
            }
        }
    }

    public void Dispose()
    {
        _changes.Changed -= Invalidate;
        // Not disposed: a refresh still running holds its token.
        _stopping.Cancel();
    }

    private async ValueTask<SearchIndex> IndexAsync(CancellationToken ct)
    {
        if (_current is { } current)
        {
            RefreshIfDue();
            return current.Index;
        }

        while (true)
        {
            Task refresh;
            lock (_gate)
            {
                if (_current is { } built)
                {
                    return built.Index;
                }

                refresh = StartRefreshLocked();
            }

            // A failed first build fails this search; the next search tries again.
            await refresh.WaitAsync(ct);
        }
    }

    private void RefreshIfDue()
    {
        var now = _clock.GetUtcNow().UtcTicks;
        if (!Volatile.Read(ref _invalidated) && now - Interlocked.Read(ref _lastCheckTicks) < CheckInterval.Ticks)
        {
            return;
        }

        lock (_gate)
        {
            if (_invalidated || now - _lastCheckTicks >= CheckInterval.Ticks)
            {
                StartRefreshLocked();
            }
        }
    }

    private Task StartRefreshLocked()
    {
        if (_refresh is { IsCompleted: false } running)
        {
            return running;
        }

        Interlocked.Exchange(ref _lastCheckTicks, _clock.GetUtcNow().UtcTicks);
        var token = _stopping.Token;
        _refresh = Task.Run(() => RefreshAsync(token), token);
        return _refresh;
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        while (true)
        {
            bool force;
            lock (_gate)
            {
                force = _invalidated || _lastRefreshFailed || _current is null
                    || _clock.GetUtcNow().UtcTicks - _current.BuiltAtTicks >= FullRebuildInterval.Ticks;
                _invalidated = false;
            }

            try
            {
                if (force || await ReadStampAsync(ct) != _current!.Stamp)
                {
                    await RebuildAsync(ct);
                }

                _lastRefreshFailed = false;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                _lastRefreshFailed = true;
                if (_current is null)
                {
                    _logger.LogWarning(ex, "Building the search index failed; the next search tries again.");
                    throw;
                }

                _logger.LogWarning(ex, "Refreshing the search index failed; searches use the previous index until the next check.");
                return;
            }

            lock (_gate)
            {
                if (!_invalidated)
                {
                    _refresh = null;
                    return;
                }
            }
        }
    }

    private async Task<CatalogStamp> ReadStampAsync(CancellationToken ct)
    {
        await using var connection = await _db.OpenAsync(ct);
        return await ReadStampAsync(connection, null, ct);
    }

    private static async Task<CatalogStamp> ReadStampAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = StampSql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new CatalogStamp(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>Reads the searchable columns and aliases (never the documents) in one snapshot, with the stamp they correspond to.</summary>
    private async Task RebuildAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var startedAt = _clock.GetUtcNow().UtcTicks;
        await using var connection = await _db.OpenAsync(ct);
        // A deferred SQLite transaction only reads (an immediate one would block imports).
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var stamp = await ReadStampAsync(connection, transaction, ct);

        var aliases = new Dictionary<long, List<string>>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT tool_id, alias FROM tool_aliases";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var toolId = reader.GetInt64(0);
                if (!aliases.TryGetValue(toolId, out var list))
                {
                    aliases[toolId] = list = [];
                }

                list.Add(reader.GetString(1));
            }
        }

        // A family's or an ambiguous name's spellings find every member ("Qwen2.5", "Mistral 3 Small (22B)").
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText =
                """
                SELECT t.id, g.name FROM tool_group_members m JOIN tool_groups g ON g.id = m.group_id JOIN tools t ON t.slug = m.member_slug
                UNION ALL
                SELECT t.id, a.alias FROM tool_group_members m JOIN tool_group_aliases a ON a.group_id = m.group_id JOIN tools t ON t.slug = m.member_slug
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var toolId = reader.GetInt64(0);
                if (!aliases.TryGetValue(toolId, out var list))
                {
                    aliases[toolId] = list = [];
                }

                list.Add(reader.GetString(1));
            }
        }

        var documents = new List<SearchDocument>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT id, slug, name, vendor, category, tagline FROM tools";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                documents.Add(new SearchDocument(
                    id, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    aliases.TryGetValue(id, out var list) ? list : []));
            }
        }

        await transaction.CommitAsync(ct);
        var loaded = watch.Elapsed;
        var index = SearchIndex.Build(documents);
        _current = new Loaded(index, stamp, startedAt);
        _logger.LogInformation(
            "Search index built: {Tools} tools, {Tokens} tokens ({Load:0} ms reading, {Build:0} ms indexing)",
            index.ToolCount, index.TokenCount, loaded.TotalMilliseconds, (watch.Elapsed - loaded).TotalMilliseconds);
    }
}
