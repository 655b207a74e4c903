using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Shipwise.Data;

/// <summary>
/// Opens connections to whichever provider configuration chose. Most queries are written once,
/// in the SQL both SQLite and PostgreSQL accept (ON CONFLICT, RETURNING, json_each versus ANY
/// hidden behind <see cref="InList"/>, booleans behind <see cref="True"/>). Not all: the
/// providers differ where it matters, and the code branches on <see cref="IsPostgres"/> there,
/// on purpose and in the open:
/// - migrations: one SQL file per provider and version (Data/Migrations/{sqlite,postgres});
/// - locking: FOR UPDATE [SKIP LOCKED] and the advisory lock exist only on PostgreSQL; SQLite has
///   one writer, so its claims are serialised anyway (review jobs, digest deliveries, sources);
/// - bulk writes: the catalog writer sends unnest()ed arrays on PostgreSQL and prepared statements
///   on SQLite; the community writer keeps one connection with prepared statements on SQLite only;
/// - a few expressions: NULLS LAST ordering, casts to text, listing tables.
/// A new query should use the shared dialect and add a branch only with a comment saying why.
/// </summary>
public sealed class Db : IDisposable
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

    private readonly NpgsqlDataSource? _postgres;
    private readonly string _sqliteConnectionString = "";

    public Db(IOptions<DatabaseOptions> options)
    {
        var settings = options.Value;
        Provider = settings.ProviderKind;
        if (Provider == DatabaseProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(settings.EffectiveConnectionString);
        }
        else
        {
            var builder = new SqliteConnectionStringBuilder(settings.EffectiveConnectionString)
            {
                ForeignKeys = true,
                DefaultTimeout = 30,
                Pooling = true,
            };
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (directory is not null && builder.DataSource != ":memory:")
            {
                Directory.CreateDirectory(directory);
            }

            _sqliteConnectionString = builder.ToString();
        }
    }

    public DatabaseProvider Provider { get; }

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>
    /// "column is one of @parameter", bound with <see cref="ListValue"/>: one array parameter on
    /// PostgreSQL, one JSON text parameter on SQLite (instead of one parameter per value).
    /// </summary>
    public string InList(string column, string parameter) =>
        IsPostgres ? $"{column} = ANY(@{parameter})" : $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    public object ListValue(IReadOnlyCollection<string> values) =>
        IsPostgres ? values.ToArray() : System.Text.Json.JsonSerializer.Serialize(values);

    public object ListValue(IReadOnlyCollection<long> values) =>
        IsPostgres ? values.ToArray() : System.Text.Json.JsonSerializer.Serialize(values);

    /// <summary>The OFFSET of a 1-based page, as a long: (page - 1) × pageSize overflows an int for a page far past the end.</summary>
    public static long Offset(int page, int pageSize) => ((long)page - 1) * pageSize;

    /// <summary>
    /// The literal for "true" in this connection's dialect. Needed where a partial index is
    /// declared WHERE is_current = 1: SQLite uses that index only when the query says the same
    /// literally, not through a parameter.
    /// </summary>
    public static string True(DbConnection connection) => connection is NpgsqlConnection ? "TRUE" : "1";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);

        // WAL with synchronous=NORMAL survives a killed process (what we promise); only an OS crash
        // can lose the last commits. A 32 MB page cache (per connection) keeps the hot index pages of a large catalog in memory.
        // Pooled connections keep their settings, so each underlying connection is set up once.
        if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
        {
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            _configured.AddOrUpdate(handle, true);
        }

        return connection;
    }

    public void Dispose() => _postgres?.Dispose();
}
