using System.Text.Json.Nodes;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Sources;

/// <summary>Several processes on one database: the refresh schedule runs once per source, and any process's change reaches the review queue.</summary>
public abstract class SourceNodeTests(string provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_nodes_on_the_schedule_refresh_each_source_once()
    {
        await using var server = await RecordedSourceServer.StartAsync();
        await using var db = await TestDatabase.CreateAsync(provider);
        var settings = SourcesApp.SourceSettings(server);
        settings["Catalog:RefreshHours"] = "24";

        // The first node migrates and seeds; then both start their schedules at the same moment.
        await using (var setup = new ShipwiseFactory(db, new() { ["Catalog:RefreshHours"] = "0" }))
        {
            setup.CreateClient();
        }

        await using var nodeA = new ShipwiseFactory(db, settings);
        await using var nodeB = new ShipwiseFactory(db, settings);
        await Task.WhenAll(Task.Run(nodeA.CreateClient, Token), Task.Run(nodeB.CreateClient, Token));
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await CountAsync(db, "SELECT count(*) FROM source_schedule WHERE claimed_by IS NULL") < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "the schedule did not run every source within a minute");
            await Task.Delay(100, Token);
        }

        Assert.Equal(3, await CountAsync(db, "SELECT count(*) FROM source_runs"));
        Assert.Equal(3, await CountAsync(db, "SELECT count(DISTINCT source_name) FROM source_runs"));
        // The next run is a day after this one (the nodes' clocks stand at 22 Nov 2026, 09:00).
        Assert.Equal(3, await CountAsync(db, "SELECT count(*) FROM source_schedule WHERE next_run_at > '2026-11-23'"));
    }

    private static async Task<long> CountAsync(TestDatabase db, string sql)
    {
        await using System.Data.Common.DbConnection connection = db.Provider == "sqlite"
            ? new Microsoft.Data.Sqlite.SqliteConnection(db.ConnectionString)
            : new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync(Token);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, sql);
    }

    [Fact]
    public async Task A_tool_imported_by_another_process_while_serve_runs_is_reviewed()
    {
        await using var app = await SourcesApp.StartAsync(provider, new() { ["Panel:PollSeconds"] = "1" });
        var catalog = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.FixtureCatalog, Token))!;
        var tool = catalog["tools"]!.AsArray().Single(t => t!["slug"]!.GetValue<string>() == "phi-4")!.DeepClone();
        tool["slug"] = "phi-4-mini-test";
        tool["name"] = "Phi-4 mini (test)";
        tool.AsObject().Remove("aliases");
        var file = Path.Combine(Directory.CreateTempSubdirectory("shipwise-import").FullName, "one.json");
        await File.WriteAllTextAsync(file, new JsonObject { ["schemaVersion"] = 1, ["tools"] = new JsonArray(tool) }.ToJsonString(), Token);

        // A separate `shipwise import` process: the server hears of it only through the database.
        var imported = await ShipwiseProcess.RunAsync(app.Database, "import", file);
        Assert.True(imported.ExitCode == 0, imported.Error);
        await app.ReviewedAsync("phi-4-mini-test");
    }
}

public sealed class SqliteSourceNodeTests() : SourceNodeTests("sqlite");

public sealed class PostgresSourceNodeTests() : SourceNodeTests("postgres");
