using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shipwise.Data;
using Shipwise.Hosting;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Data;

public abstract class MigrationTests(string provider)
{
    private static IHost BuildHost(TestDatabase database)
    {
        var builder = Host.CreateApplicationBuilder();
        foreach (var (key, value) in database.Settings())
        {
            builder.Configuration[key] = value;
        }

        builder.AddShipwise();
        return builder.Build();
    }

    [Fact]
    public async Task Every_provider_has_the_same_numbered_migrations()
    {
        var sqlite = MigrationRunner.Load(DatabaseProvider.Sqlite).Select(m => (m.Version, m.Name));
        var postgres = MigrationRunner.Load(DatabaseProvider.Postgres).Select(m => (m.Version, m.Name));
        Assert.Equal(sqlite, postgres);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Upgrading_from_the_first_schema_keeps_all_data()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = BuildHost(database);
        var runner = host.Services.GetRequiredService<MigrationRunner>();
        var db = host.Services.GetRequiredService<Db>();
        await runner.MigrateAsync(targetVersion: 1, TestContext.Current.CancellationToken);
        Assert.Equal(1, await runner.CurrentVersionAsync(TestContext.Current.CancellationToken));

        var now = DateTimeOffset.UtcNow;
        await using (var connection = await db.OpenAsync(TestContext.Current.CancellationToken))
        {
            for (var i = 0; i < 50; i++)
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO tools (slug, name, vendor, kind, category, tagline, release_date, document, fingerprint, created_at, updated_at)
                    VALUES (@slug, @name, 'Old Vendor', 'model', 'language-models', 'tag', NULL, '{}', 'f', @now, @now)
                    """,
                    new { slug = $"tool-{i}", name = $"Tool {i}", now });
                await connection.ExecuteAsync(
                    "INSERT INTO tool_aliases (alias, tool_id) SELECT @alias, id FROM tools WHERE slug = @slug",
                    new { alias = $"legacy-name-{i}", slug = $"tool-{i}" });
            }
        }

        var applied = await runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEmpty(applied);
        Assert.Equal(MigrationRunner.Load(db.Provider)[^1].Version, await runner.CurrentVersionAsync(TestContext.Current.CancellationToken));

        await using var after = await db.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(50, await after.ExecuteScalarAsync<long>("SELECT count(*) FROM tools"));
        Assert.Equal(50, await after.ExecuteScalarAsync<long>("SELECT count(*) FROM tool_aliases"));
        var haystack = await after.ExecuteScalarAsync<string>("SELECT search_text FROM tools WHERE slug = 'tool-7'");
        Assert.Contains("legacy-name-7", haystack);
        Assert.Contains("old vendor", haystack);
    }

    [Fact]
    public async Task Stored_peer_summaries_gain_the_data_terms_counsel_compares()
    {
        // A database from before evidence-4: its summaries were written without data terms, so
        // Counsel would compare an API's retention with nobody's until each tool was imported again.
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = BuildHost(database);
        var runner = host.Services.GetRequiredService<MigrationRunner>();
        var db = host.Services.GetRequiredService<Db>();
        await runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<Shipwise.Catalog.CatalogImporter>().ImportFileAsync(
            RepoPaths.DemoCatalog, cancellationToken: TestContext.Current.CancellationToken);
        await using (var connection = await db.OpenAsync(TestContext.Current.CancellationToken))
        {
            var withTerms = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tools WHERE peer_summary LIKE '%\"retentionDays\"%'");
            Assert.True(withTerms > 0, "the demo APIs state retention periods, so some summaries should carry one");
            await connection.ExecuteAsync("UPDATE tools SET peer_summary = '{\"slug\":\"' || slug || '\",\"name\":\"' || slug || '\",\"kind\":\"' || kind || '\",\"category\":\"' || category || '\"}'");
            await connection.ExecuteAsync("DELETE FROM schema_migrations WHERE version >= 17");
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tools WHERE peer_summary LIKE '%\"retentionDays\"%'"));

            Assert.Contains(17, (await runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(m => m.Version));
            Assert.Equal(withTerms, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tools WHERE peer_summary LIKE '%\"retentionDays\"%'"));
        }
    }

    [Fact]
    public async Task Migrating_twice_and_concurrently_is_safe()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = BuildHost(database);
        var runner = host.Services.GetRequiredService<MigrationRunner>();

        // Two nodes starting at once: on PostgreSQL the advisory lock serialises them; SQLite's writer lock does the same.
        var results = await Task.WhenAll(
            Task.Run(() => runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken), TestContext.Current.CancellationToken),
            Task.Run(() => runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken), TestContext.Current.CancellationToken));
        Assert.Equal(runner.All.Count, results.Sum(r => r.Count));
        Assert.Empty(await runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_database_newer_than_the_build_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = BuildHost(database);
        var runner = host.Services.GetRequiredService<MigrationRunner>();
        await runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using (var connection = await host.Services.GetRequiredService<Db>().OpenAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name) VALUES (9999, 'from_the_future')");
        }

        var error = await Assert.ThrowsAsync<DatabaseSchemaException>(() => runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("9999", error.Message);
        Assert.Contains("9999", (await Assert.ThrowsAsync<DatabaseSchemaException>(() => runner.EnsureCurrentAsync(TestContext.Current.CancellationToken))).Message);
    }

    [Fact]
    public async Task Only_migrate_migrates_other_commands_name_it_on_an_empty_or_old_database()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        foreach (var args in new[] { new[] { "export" }, ["import", RepoPaths.FixtureCatalog], ["review", "--all"], ["digest", "send"] })
        {
            var refused = await ShipwiseProcess.RunAsync(database, args);
            Assert.True(refused.ExitCode == 2, $"{args[0]}: exit {refused.ExitCode}, {refused.Error}");
            Assert.Contains("Run `shipwise migrate` first", refused.Error);
        }

        using (var host = BuildHost(database))
        {
            // Nothing was created by the refused commands, not even the migrations table.
            Assert.Equal(0, await host.Services.GetRequiredService<MigrationRunner>().CurrentVersionAsync(TestContext.Current.CancellationToken));
            await host.Services.GetRequiredService<MigrationRunner>().MigrateAsync(targetVersion: 3, TestContext.Current.CancellationToken);
        }

        var old = await ShipwiseProcess.RunAsync(database, "export");
        Assert.Equal(2, old.ExitCode);
        Assert.Contains("schema is at version 3", old.Error);

        var migrate = await ShipwiseProcess.RunAsync(database, "migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.Equal(0, (await ShipwiseProcess.RunAsync(database, "import", RepoPaths.FixtureCatalog)).ExitCode);
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_stops_every_start_naming_it()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = BuildHost(database);
        var db = host.Services.GetRequiredService<Db>();
        var runner = host.Services.GetRequiredService<MigrationRunner>();
        await runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await runner.EnsureCurrentAsync(TestContext.Current.CancellationToken);

        // The same migrations, with 0003 edited after it was applied.
        var edited = runner.All.Select(m => m.Version == 3 ? m with { Sql = m.Sql + "\n-- an edit\n" } : m).ToList();
        var editedRunner = new MigrationRunner(db, Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance, edited);
        var check = await Assert.ThrowsAsync<DatabaseSchemaException>(() => editedRunner.EnsureCurrentAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Migration 0003_panel was changed after it was applied", check.Message);
        await Assert.ThrowsAsync<DatabaseSchemaException>(() => editedRunner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken));

        // The real executable, whose built-in 0005 no longer matches what the database recorded: serve, migrate and export all stop.
        await using (var connection = await db.OpenAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(runner.All.Count, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations WHERE checksum IS NOT NULL"));
            await connection.ExecuteAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 5");
        }

        foreach (var args in new[] { new[] { "export" }, ["migrate"], ["serve", "--urls", "http://127.0.0.1:0"] })
        {
            var result = await ShipwiseProcess.RunAsync(database, args);
            Assert.True(result.ExitCode == 2, $"{args[0]}: exit {result.ExitCode}, {result.Error}");
            Assert.Contains("Migration 0005_accounts was changed after it was applied", result.Error);
        }
    }

    [Fact]
    public async Task Migrations_applied_before_checksums_existed_get_theirs_on_the_next_migrate()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = BuildHost(database);
        var runner = host.Services.GetRequiredService<MigrationRunner>();
        await runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var connection = await host.Services.GetRequiredService<Db>().OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync("ALTER TABLE schema_migrations DROP COLUMN checksum");
        await runner.EnsureCurrentAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken));
        var stored = (await connection.QueryAsync<(int Version, string Checksum)>("SELECT version AS Version, checksum AS Checksum FROM schema_migrations")).ToDictionary(r => r.Version, r => r.Checksum);
        Assert.All(runner.All, m => Assert.Equal(m.Checksum, stored[m.Version]));
    }
}

public sealed class SqliteMigrationTests() : MigrationTests("sqlite");

public sealed class PostgresMigrationTests() : MigrationTests("postgres");
