using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace Shipwise.Data;

public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>A data migration written in code (<see cref="CodeMigrations"/>); its Sql is empty.</summary>
    public Func<DbConnection, DbTransaction, CancellationToken, Task>? Code { get; init; }

    /// <summary>
    /// SHA-256 of the SQL text (line endings normalised, so a checkout on Windows matches), or of
    /// the name for a code migration; stored in schema_migrations when the migration is applied.
    /// </summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        Code is null ? Sql.ReplaceLineEndings("\n") : $"code:{Version}:{Name}")));

    public override string ToString() => $"{Version:0000}_{Name}";
}

/// <summary>The database's schema does not match this build: older, newer, or an applied migration was edited.</summary>
public sealed class DatabaseSchemaException(string message) : Exception(message);

/// <summary>
/// Applies the numbered SQL files under Data/Migrations/{provider}/ and the code migrations
/// (<see cref="CodeMigrations"/>) in order, each in its own transaction, and records them with
/// their checksum in schema_migrations. Only `shipwise migrate` (and `serve` on SQLite, by
/// default) applies them; everything else calls <see cref="EnsureCurrentAsync"/>. Hand-written SQL
/// per provider, see docs/decisions/0002.
/// </summary>
public sealed partial class MigrationRunner
{
    // Any fixed number: nodes starting together on PostgreSQL queue behind this lock.
    private const long PostgresLockKey = 0x5348_4950_5749_5345;

    private readonly Db _db;
    private readonly ILogger<MigrationRunner> _logger;
    private readonly IReadOnlyList<Migration>? _migrations;

    public MigrationRunner(Db db, ILogger<MigrationRunner> logger)
        : this(db, logger, null)
    {
    }

    /// <summary>With another set of migrations than the ones built in (tests: an edited migration).</summary>
    internal MigrationRunner(Db db, ILogger<MigrationRunner> logger, IReadOnlyList<Migration>? migrations)
    {
        _db = db;
        _logger = logger;
        _migrations = migrations;
    }

    [GeneratedRegex(@"\.(\d{4})_([a-z0-9_]+)\.sql\z")]
    private static partial Regex ResourceName();
    public static IReadOnlyList<Migration> Load(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains($".Migrations.{folder}.", StringComparison.Ordinal))
            .Select(n => (match: ResourceName().Match(n), resource: n))
            .Where(x => x.match.Success)
            .Select(x => new Migration(int.Parse(x.match.Groups[1].Value), x.match.Groups[2].Value, Read(assembly, x.resource)))
            .Concat(CodeMigrations.All)
            .OrderBy(m => m.Version)
            .ToList();
    }

    public IReadOnlyList<Migration> All => _migrations ?? Load(_db.Provider);

    /// <summary>Applies pending migrations up to <paramref name="targetVersion"/> (default: all). Returns those applied.</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(int? targetVersion = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        if (_db.IsPostgres)
        {
            // Held for the whole run (not per migration), so even creating schema_migrations is serialised.
            await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = PostgresLockKey });
        }
        else
        {
            // A new file gets 16 KB pages: reviews are about 2.6 KB a row, and bigger pages made
            // bulk inserts 28 % faster and the file 20 % smaller (measured). It is fixed once WAL is on.
            if (await connection.ExecuteScalarAsync<long>("PRAGMA page_count") == 0)
            {
                await connection.ExecuteAsync("PRAGMA page_size = 16384;");
            }

            // WAL lets readers carry on while the single writer commits; it cannot be set inside a transaction.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        }

        try
        {
            await connection.ExecuteAsync(
                _db.IsPostgres
                    ? "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
                    : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
            await AddChecksumColumnAsync(connection);

            var migrations = All;

            // Rows from before checksums were kept get the checksum of this build's text (trusted once);
            // every other applied migration must still be the text that was applied.
            foreach (var (migration, stored) in await AppliedAsync(connection, migrations))
            {
                if (stored is null)
                {
                    await connection.ExecuteAsync(
                        "UPDATE schema_migrations SET checksum = @Checksum WHERE version = @Version", new { migration.Checksum, migration.Version });
                }
            }

            await VerifyChecksumsAsync(connection, migrations);
            var applied = new List<Migration>();
            foreach (var migration in migrations.Where(m => targetVersion is null || m.Version <= targetVersion))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var done = await connection.ExecuteScalarAsync<long>(
                    "SELECT count(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, transaction);
                if (done > 0)
                {
                    continue;
                }

                if (migration.Code is { } code)
                {
                    await code(connection, transaction, cancellationToken);
                }
                else
                {
                    await connection.ExecuteAsync(migration.Sql, transaction: transaction);
                }

                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (@Version, @Name, @Checksum)",
                    new { migration.Version, migration.Name, migration.Checksum }, transaction);
                await transaction.CommitAsync(cancellationToken);
                applied.Add(migration);
                _logger.LogInformation("Applied migration {Version:0000} {Name}", migration.Version, migration.Name);
            }

            var newest = await connection.ExecuteScalarAsync<int?>("SELECT max(version) FROM schema_migrations");
            var known = migrations.Count == 0 ? 0 : migrations[^1].Version;
            if (newest > known)
            {
                throw Newer(newest.Value, known);
            }

            return applied;
        }
        finally
        {
            if (_db.IsPostgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = PostgresLockKey });
            }
        }
    }

    /// <summary>
    /// Checks, without changing anything, that the database is at this build's schema and that no
    /// applied migration was edited since. Throws <see cref="DatabaseSchemaException"/> naming what
    /// to do: every command but `migrate` (and `serve` on SQLite) calls this instead of migrating.
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        var migrations = All;
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        await using var connection = await _db.OpenAsync(cancellationToken);
        var current = await CurrentVersionAsync(connection);
        if (current < latest)
        {
            throw new DatabaseSchemaException(current == 0
                ? $"The database has no Shipwise schema yet (this build needs version {latest}). Run `shipwise migrate` first."
                : $"The database schema is at version {current} but this build needs {latest}. Run `shipwise migrate` first.");
        }

        if (current > latest)
        {
            throw Newer(current, latest);
        }

        if (await HasChecksumColumnAsync(connection))
        {
            await VerifyChecksumsAsync(connection, migrations);
        }
    }

    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        return await CurrentVersionAsync(connection);
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection)
    {
        try
        {
            return await connection.ExecuteScalarAsync<int?>("SELECT max(version) FROM schema_migrations") ?? 0;
        }
        catch (DbException)
        {
            return 0;
        }
    }

    private static DatabaseSchemaException Newer(int current, int known) => new(
        $"The database is at schema version {current}, newer than this build of Shipwise knows ({known}). Upgrade Shipwise before using this database.");

    private async Task<bool> HasChecksumColumnAsync(DbConnection connection) =>
        await connection.ExecuteScalarAsync<long>(_db.IsPostgres
            ? "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'schema_migrations' AND column_name = 'checksum'"
            : "SELECT count(*) FROM pragma_table_info('schema_migrations') WHERE name = 'checksum'") > 0;

    private async Task AddChecksumColumnAsync(DbConnection connection)
    {
        if (!await HasChecksumColumnAsync(connection))
        {
            await connection.ExecuteAsync("ALTER TABLE schema_migrations ADD COLUMN checksum TEXT");
        }
    }

    private static async Task<List<(Migration Migration, string? Stored)>> AppliedAsync(DbConnection connection, IReadOnlyList<Migration> migrations)
    {
        var byVersion = migrations.ToDictionary(m => m.Version);
        var rows = await connection.QueryAsync<(int Version, string? Checksum)>("SELECT version AS Version, checksum AS Checksum FROM schema_migrations ORDER BY version");
        return rows.Where(r => byVersion.ContainsKey(r.Version)).Select(r => (byVersion[r.Version], r.Checksum)).ToList();
    }

    private static async Task VerifyChecksumsAsync(DbConnection connection, IReadOnlyList<Migration> migrations)
    {
        var edited = (await AppliedAsync(connection, migrations))
            .Where(a => a.Stored is not null && a.Stored != a.Migration.Checksum)
            .Select(a => a.Migration.ToString())
            .ToList();
        if (edited.Count > 0)
        {
            throw new DatabaseSchemaException(
                $"Migration {string.Join(", ", edited)} was changed after it was applied to this database (its checksum differs from the one in schema_migrations). "
                + "Restore the migration as it was released and put the change in a new migration.");
        }
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
