using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Dapper;
using Microsoft.Extensions.Options;
using Shipwise.Data;

namespace Shipwise.Community;

/// <summary>
/// Group commit for votes, picks and "helpful" answers. Requests queue their write and wait; one
/// loop takes everything queued (up to Community:WriteBatchSize), applies it in one transaction
/// and completes the waiters only after COMMIT returned. So a request is acknowledged exactly
/// when its write is durable (SQLite WAL: survives a killed process), and a busy site pays one
/// commit per batch instead of one per vote. Each write is all-or-nothing: a batch that fails is
/// retried one write per transaction, so one bad write cannot sink the others.
/// </summary>
public sealed class CommunityWriter : IAsyncDisposable
{
    private const string VoteUpsert =
        """
        INSERT INTO votes (account_id, tool_id, choice, created_at, updated_at, counts_from)
        VALUES (@account, @tool, @choice, @now, @now, @countsFrom)
        ON CONFLICT (tool_id, account_id) DO UPDATE SET choice = excluded.choice, updated_at = excluded.updated_at, counts_from = excluded.counts_from
        """;

    private const string VoteDelete = "DELETE FROM votes WHERE tool_id = @tool AND account_id = @account";

    private const string PickUpsert =
        """
        INSERT INTO pair_picks (account_id, left_tool_id, right_tool_id, picked_tool_id, created_at, updated_at, counts_from)
        VALUES (@account, @left, @right, @picked, @now, @now, @countsFrom)
        ON CONFLICT (account_id, left_tool_id, right_tool_id) DO UPDATE SET picked_tool_id = excluded.picked_tool_id, updated_at = excluded.updated_at, counts_from = excluded.counts_from
        """;

    private const string HelpfulUpsert =
        """
        INSERT INTO review_feedback (account_id, tool_id, critic_slug, helpful, created_at, updated_at, counts_from)
        VALUES (@account, @tool, @critic, @helpful, @now, @now, @countsFrom)
        ON CONFLICT (account_id, tool_id, critic_slug) DO UPDATE SET helpful = excluded.helpful, updated_at = excluded.updated_at, counts_from = excluded.counts_from
        """;

    private const string Maturing =
        "INSERT INTO community_maturing (account_id, counts_from) VALUES (@account, @countsFrom) ON CONFLICT (account_id) DO NOTHING";

    public const string BumpChanges = "UPDATE community_changes SET seq = seq + 1 WHERE id = 1";

    // SQLite: point lookups through statements prepared once (cheaper than a list query prepared per
    // batch), with the one resolver's exact rule as one statement.
    private const string ToolBySlug = ToolNames.ExactIdSql;

    private const string AccountById = "SELECT created_at, deleted_at, votes_voided_at FROM accounts WHERE id = @account";

    private readonly Db _db;
    private readonly ToolNames _names;
    private readonly TimeProvider _clock;
    private readonly Telemetry.ShipwiseMetrics _metrics;
    private readonly IOptions<CommunityOptions> _options;
    private readonly ILogger<CommunityWriter> _logger;
    private readonly Channel<Pending> _queue;
    private readonly Task _loop;

    // SQLite has one writer at a time anyway: this loop keeps its own connection and prepared statements.
    private WriteSession? _sqlite;

    // New accounts this node has already listed in community_maturing (and when they mature), so a
    // wave of votes from new accounts costs one extra row per account, not one per batch. Only the loop touches it.
    private readonly Dictionary<long, DateTimeOffset> _listedMaturing = [];

    public CommunityWriter(Db db, ToolNames names, TimeProvider clock, IOptions<CommunityOptions> options, Telemetry.ShipwiseMetrics metrics, ILogger<CommunityWriter> logger)
    {
        _db = db;
        _names = names;
        _metrics = metrics;
        _clock = clock;
        _options = options;
        _logger = logger;

        // Bounded: under overload requests wait for room (back-pressure) instead of memory growing without limit.
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(50_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(RunAsync);
    }

    private sealed record Pending(CommunityWrite Write, TaskCompletionSource<WriteResult> Done);

    /// <summary>
    /// Queues the write and returns once it is committed (or known not to apply). Cancellation only
    /// stops waiting for room in the queue: once queued, a write is committed whether or not anyone
    /// still waits, so the caller cannot leave it half-done.
    /// </summary>
    public async Task<WriteResult> SubmitAsync(CommunityWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var pending = new Pending(write, new TaskCompletionSource<WriteResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            var limit = _options.Value.WriteBatchSize;
            while (batch.Count < limit && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await CommitAsync(batch);
            }
            catch (Exception e)
            {
                // CommitAsync reports failures to the waiters; this only keeps the loop alive whatever happens.
                _logger.LogError(e, "The community writer failed a batch of {Count}", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(e);
                }
            }
        }

        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            var results = await ApplyAsync(batch.Select(p => p.Write).ToList());
            for (var i = 0; i < batch.Count; i++)
            {
                if (results[i].Outcome == WriteOutcome.Saved)
                {
                    _metrics.VoteWritten(batch[i].Write switch { PickWrite => "pick", HelpfulWrite => "helpful", _ => "vote" });
                }

                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception e) when (batch.Count > 1)
        {
            _logger.LogWarning(e, "A batch of {Count} community writes failed; writing them one at a time", batch.Count);
            foreach (var pending in batch)
            {
                await CommitAsync([pending]);
            }
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
        }
    }

    private sealed record AccountState(DateTimeOffset CreatedAt, bool Deleted, bool Voided);

    // Settable properties, not positional records: on SQLite an empty result has no column types for Dapper to match a constructor with.
    private sealed class AccountRow
    {
        public long Id { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? DeletedAt { get; init; }

        public DateTimeOffset? VotesVoidedAt { get; init; }
    }

    /// <summary>Applies the writes in one transaction; the results are in input order.</summary>
    private async Task<WriteResult[]> ApplyAsync(IReadOnlyList<CommunityWrite> writes)
    {
        var session = _db.IsPostgres ? new WriteSession(await _db.OpenAsync(), postgres: true) : _sqlite ??= new WriteSession(await _db.OpenAsync(), postgres: false);
        try
        {
            return await ApplyAsync(session, writes);
        }
        catch
        {
            // A connection that failed mid-transaction is not trusted again; the next batch opens a new one.
            if (!_db.IsPostgres)
            {
                _sqlite = null;
                await session.DisposeAsync();
            }

            throw;
        }
        finally
        {
            if (_db.IsPostgres)
            {
                await session.DisposeAsync();
            }
        }
    }

    private async Task<WriteResult[]> ApplyAsync(WriteSession session, IReadOnlyList<CommunityWrite> writes)
    {
        var now = _clock.GetUtcNow();
        var delay = _options.Value.NewAccountDelay();
        var connection = session.Connection;
        await using var transaction = await connection.BeginTransactionAsync();
        session.Begin(transaction);

        var slugs = writes.SelectMany(Slugs).Distinct(StringComparer.Ordinal).ToList();
        var accountIds = writes.Select(w => w.AccountId).Distinct().ToList();
        Dictionary<string, long> tools;
        Dictionary<long, AccountState> accounts;
        if (_db.IsPostgres)
        {
            // One round trip each. FOR SHARE: an operator voiding one of these accounts waits for this
            // commit, or this batch waits for the void and then reads it, so no vote slips past a void.
            tools = (await _names.ExactAsync(connection, transaction, slugs)).ToDictionary(t => t.Key, t => t.Value.Id, StringComparer.Ordinal);
            accounts = (await connection.QueryAsync<AccountRow>(new CommandDefinition(
                $"""
                SELECT id AS Id, created_at AS CreatedAt, deleted_at AS DeletedAt, votes_voided_at AS VotesVoidedAt
                FROM accounts WHERE {_db.InList("id", "ids")} FOR SHARE
                """,
                new { ids = _db.ListValue(accountIds) }, transaction))).ToDictionary(a => a.Id, a => new AccountState(a.CreatedAt, a.DeletedAt is not null, a.VotesVoidedAt is not null));
        }
        else
        {
            // SQLite: the transaction already holds the write lock (BEGIN IMMEDIATE), so a void cannot interleave.
            tools = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var slug in slugs)
            {
                if (session.Scalar(ToolBySlug, Param.Text("slug", slug)) is long id)
                {
                    tools[slug] = id;
                }
            }

            accounts = [];
            foreach (var id in accountIds)
            {
                if (session.Row(AccountById, Param.Id("account", id)) is { } row)
                {
                    accounts[id] = new AccountState(Timestamp(row[0]), row[1] is not null, row[2] is not null);
                }
            }
        }

        var results = new WriteResult[writes.Count];
        var maturing = new Dictionary<long, DateTimeOffset>();

        // In key order, so two nodes' batches touching the same rows lock them in the same order (no deadlock);
        // OrderBy is stable, so one reader's repeated writes to the same row keep their order and the last wins.
        foreach (var i in Enumerable.Range(0, writes.Count).OrderBy(i => writes[i].AccountId).ThenBy(i => Subject(writes[i]), StringComparer.Ordinal))
        {
            var write = writes[i];
            if (!accounts.TryGetValue(write.AccountId, out var account) || account.Deleted)
            {
                results[i] = new WriteResult(WriteOutcome.UnknownAccount);
                continue;
            }

            // Counts from the account's age as the database has it; a voided account's rows never count.
            DateTimeOffset? countsFrom = account.Voided ? null : account.CreatedAt + delay;
            results[i] = Plan(write, tools, countsFrom, now, session);
            if (results[i].Outcome == WriteOutcome.Saved && countsFrom is { } later && later > now
                && _listedMaturing.GetValueOrDefault(write.AccountId) != later && maturing.TryAdd(write.AccountId, later))
            {
                session.Add(Maturing, Param.Id("account", write.AccountId), Param.Time("countsFrom", later));
            }
        }

        if (session.Count > 0)
        {
            // The last write of the transaction, so on PostgreSQL the row is held only while committing.
            session.Add(BumpChanges);
        }

        await session.FlushAsync();
        await transaction.CommitAsync();
        if (_listedMaturing.Count > 100_000)
        {
            // Bounded memory: forgetting an entry only costs one more ON CONFLICT DO NOTHING row later.
            _listedMaturing.Clear();
        }

        foreach (var (account, until) in maturing)
        {
            _listedMaturing[account] = until;
        }

        return results;
    }

    private static DateTimeOffset Timestamp(object? value) => value switch
    {
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        DateTimeOffset time => time,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => throw new DataException($"Cannot read {value?.GetType().Name ?? "NULL"} as a timestamp"),
    };

    private static IEnumerable<string> Slugs(CommunityWrite write) => write switch
    {
        VoteWrite v => [v.Tool],
        PickWrite p => [p.Left, p.Right, p.Picked],
        HelpfulWrite h => [h.Tool],
        _ => [],
    };

    private static string Subject(CommunityWrite write) => write switch
    {
        VoteWrite v => "v:" + v.Tool,
        PickWrite p => "p:" + string.Join('|', new[] { p.Left, p.Right }.Order(StringComparer.Ordinal)),
        HelpfulWrite h => "h:" + h.Tool + "|" + h.Critic,
        _ => "",
    };

    private static WriteResult Plan(CommunityWrite write, Dictionary<string, long> tools, DateTimeOffset? countsFrom, DateTimeOffset now, WriteSession statements)
    {
        switch (write)
        {
            case VoteWrite vote:
                if (!tools.TryGetValue(vote.Tool, out var toolId))
                {
                    return new WriteResult(WriteOutcome.UnknownTool, "tool", vote.Tool);
                }

                if (vote.Choice == VoteChoice.Withdraw)
                {
                    statements.Add(VoteDelete, Param.Id("account", vote.AccountId), Param.Id("tool", toolId));
                }
                else
                {
                    statements.Add(VoteUpsert, Param.Id("account", vote.AccountId), Param.Id("tool", toolId),
                        Param.Text("choice", vote.Choice == VoteChoice.Ship ? "ship" : "skip"), Param.Time("now", now), Param.Time("countsFrom", countsFrom));
                }

                return WriteResult.Saved;

            case PickWrite pick:
                foreach (var (field, slug) in new[] { ("left", pick.Left), ("right", pick.Right), ("picked", pick.Picked) })
                {
                    if (!tools.ContainsKey(slug))
                    {
                        return new WriteResult(WriteOutcome.UnknownTool, field, slug);
                    }
                }

                var (a, b, picked) = (tools[pick.Left], tools[pick.Right], tools[pick.Picked]);
                if (a == b)
                {
                    return new WriteResult(WriteOutcome.Invalid, "right", pick.Right);
                }

                if (picked != a && picked != b)
                {
                    return new WriteResult(WriteOutcome.Invalid, "picked", pick.Picked);
                }

                statements.Add(PickUpsert, Param.Id("account", pick.AccountId), Param.Id("left", Math.Min(a, b)), Param.Id("right", Math.Max(a, b)),
                    Param.Id("picked", picked), Param.Time("now", now), Param.Time("countsFrom", countsFrom));
                return WriteResult.Saved;

            case HelpfulWrite helpful:
                if (!tools.TryGetValue(helpful.Tool, out var reviewedId))
                {
                    return new WriteResult(WriteOutcome.UnknownTool, "tool", helpful.Tool);
                }

                statements.Add(HelpfulUpsert, Param.Id("account", helpful.AccountId), Param.Id("tool", reviewedId), Param.Text("critic", helpful.Critic),
                    Param.Flag("helpful", helpful.Helpful), Param.Time("now", now), Param.Time("countsFrom", countsFrom));
                return WriteResult.Saved;

            default:
                throw new ArgumentOutOfRangeException(nameof(write), write.GetType().Name, "Not a community write.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever is queued is still committed (and acknowledged) before the process lets go of the database.
        _queue.Writer.TryComplete();
        await _loop.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}

/// <summary>A typed statement parameter, so a NULL timestamp still reaches PostgreSQL as a timestamp.</summary>
internal readonly record struct Param(string Name, object? Value, DbType Type)
{
    public static Param Id(string name, long value) => new(name, value, DbType.Int64);

    public static Param Text(string name, string value) => new(name, value, DbType.String);

    public static Param Flag(string name, bool value) => new(name, value, DbType.Boolean);

    public static Param Time(string name, DateTimeOffset? value) => new(name, value, DbType.DateTimeOffset);
}

/// <summary>
/// The writer's connection and statements. On SQLite it lives across batches: each SQL text is
/// prepared once and re-bound for every row and every batch (there are no round trips to save).
/// On PostgreSQL it lasts one batch, whose writes go as one DbBatch: one round trip.
/// </summary>
internal sealed class WriteSession(DbConnection connection, bool postgres) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);
    private DbTransaction? _transaction;
    private DbBatch? _batch;

    public DbConnection Connection => connection;

    /// <summary>Writes added since <see cref="Begin"/>.</summary>
    public int Count { get; private set; }

    public void Begin(DbTransaction transaction)
    {
        _transaction = transaction;
        Count = 0;
        foreach (var command in _prepared.Values)
        {
            command.Transaction = transaction;
        }
    }

    public void Add(string sql, params Param[] parameters)
    {
        Count++;
        if (postgres)
        {
            _batch ??= NewBatch();
            var command = _batch.CreateBatchCommand();
            command.CommandText = sql;
            foreach (var p in parameters)
            {
                var parameter = command.CreateParameter();
                Bind(parameter, p);
                command.Parameters.Add(parameter);
            }

            _batch.BatchCommands.Add(command);
            return;
        }

        // Microsoft.Data.Sqlite runs synchronously either way; the sync call skips the Task.
        Prepared(sql, parameters).ExecuteNonQuery();
    }

    /// <summary>SQLite only: the first column of the first row, or null.</summary>
    public object? Scalar(string sql, params Param[] parameters) => Prepared(sql, parameters).ExecuteScalar() switch
    {
        DBNull => null,
        var value => value,
    };

    /// <summary>SQLite only: the first row's columns (NULL as null), or null when there is no row.</summary>
    public object?[]? Row(string sql, params Param[] parameters)
    {
        using var reader = Prepared(sql, parameters).ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var row = new object?[reader.FieldCount];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return row;
    }

    public async Task FlushAsync()
    {
        if (_batch is { BatchCommands.Count: > 0 })
        {
            await _batch.ExecuteNonQueryAsync();
        }

        if (_batch is not null)
        {
            await _batch.DisposeAsync();
            _batch = null;
        }
    }

    private DbCommand Prepared(string sql, Param[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = _transaction;
            foreach (var p in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = p.Name;
                command.Parameters.Add(parameter);
            }

            command.Prepare();
            _prepared[sql] = command;
        }

        foreach (var p in parameters)
        {
            Bind(command.Parameters[p.Name], p);
        }

        return command;
    }

    private DbBatch NewBatch()
    {
        var batch = connection.CreateBatch();
        batch.Transaction = _transaction;
        return batch;
    }

    private void Bind(DbParameter parameter, Param p)
    {
        parameter.ParameterName = p.Name;
        switch (p.Value)
        {
            case null:
                parameter.DbType = postgres ? p.Type : DbType.String;
                parameter.Value = DBNull.Value;
                break;
            case DateTimeOffset time when !postgres:
                // The same text form as Data/DateTimeOffsetHandler, so SQLite compares timestamps as strings correctly.
                parameter.DbType = DbType.String;
                parameter.Value = DateTimeOffsetHandler.SqliteText(time);
                break;
            case DateTimeOffset time:
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = time.ToUniversalTime();
                break;
            default:
                parameter.DbType = p.Type;
                parameter.Value = p.Value;
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }

        _prepared.Clear();
        if (_batch is not null)
        {
            await _batch.DisposeAsync();
        }

        await connection.DisposeAsync();
    }
}
