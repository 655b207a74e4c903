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

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("9999", error.Message);
    }
}

public sealed class SqliteMigrationTests() : MigrationTests("sqlite");

public sealed class PostgresMigrationTests() : MigrationTests("postgres");
