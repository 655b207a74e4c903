using Npgsql;
using Shipwise.Tests.Browser;

namespace Shipwise.Tests.Infrastructure;

/// <summary>
/// A real, empty database for one test class: a SQLite file in a temp folder, or a fresh
/// database on the PostgreSQL server that scripts/test.sh starts.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "SHIPWISE_TEST_POSTGRES";

    private readonly string? _sqliteFolder;
    private readonly string? _postgresName;

    private TestDatabase(string provider, string connectionString, string? sqliteFolder, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFolder = sqliteFolder;
        _postgresName = postgresName;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == "sqlite")
        {
            var folder = Path.Combine(Path.GetTempPath(), "shipwise-tests", Guid.NewGuid().ToString("n"));
            Directory.CreateDirectory(folder);
            return new TestDatabase(provider, $"Data Source={Path.Combine(folder, "shipwise.db")}", folder, null);
        }

        var server = ServerConnectionString();
        var name = "shipwise_test_" + Guid.NewGuid().ToString("n");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(provider, builder.ConnectionString, null, name);
    }

    /// <summary>
    /// A new database at this build's schema, as `shipwise migrate` leaves it: for tests of commands
    /// other than migrate, which refuse a database that was not migrated.
    /// </summary>
    public static async Task<TestDatabase> CreateMigratedAsync(string provider)
    {
        var database = await CreateAsync(provider);
        var options = Microsoft.Extensions.Options.Options.Create(new Shipwise.Data.DatabaseOptions { Provider = provider, ConnectionString = database.ConnectionString });
        using var db = new Shipwise.Data.Db(options);
        var runner = new Shipwise.Data.MigrationRunner(db, Microsoft.Extensions.Logging.Abstractions.NullLogger<Shipwise.Data.MigrationRunner>.Instance);
        await runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>The PostgreSQL server scripts/test.sh started; skips the test (locally) or fails it (CI) when there is none.</summary>
    public static string ServerConnectionString()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(server))
        {
            ExternalTools.Missing($"{PostgresVariable} is not set, so there is no PostgreSQL server for this test.");
        }

        return server;
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["Database:Provider"] = Provider,
        ["Database:ConnectionString"] = ConnectionString,
    };

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a pooled connection; the temp folder is cleaned by the OS.
            }
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(ServerConnectionString());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
