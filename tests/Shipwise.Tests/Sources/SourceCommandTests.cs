using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Sources;

/// <summary>`shipwise import --from` and `shipwise refresh` through the real executable, as an operator runs them.</summary>
public abstract class SourceCommandTests(string provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<T> ScalarAsync<T>(TestDatabase db, string sql)
    {
        await using System.Data.Common.DbConnection connection = db.Provider == "sqlite" ? new SqliteConnection(db.ConnectionString) : new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync(Token);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }

    private static async Task<string> ExportAsync(TestDatabase db)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("shipwise-sources").FullName, "export.json");
        var export = await ShipwiseProcess.RunAsync(db, "export", "--out", file);
        Assert.True(export.ExitCode == 0, export.Error);
        return await File.ReadAllTextAsync(file, Token);
    }

    [Fact]
    public async Task LiteLLM_dry_run_on_the_demo_catalog_reports_its_changes_and_the_real_import_leaves_no_duplicate_tool()
    {
        var table = SharedData.LiteLlmTable;
        Assert.SkipWhen(table is null, SharedData.Missing);
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        var seeded = await ShipwiseProcess.RunAsync(db, "import", RepoPaths.DemoCatalog);
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var before = await ExportAsync(db);
        var tools = await ScalarAsync<long>(db, "SELECT count(*) FROM tools");

        var dry = await ShipwiseProcess.RunAsync(db, "import", "--from", "litellm", table!, "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.Error);
        Assert.Contains("2,966 entries read", dry.Output);
        Assert.Contains("claude-haiku-4-5 (Claude Haiku 4.5)", dry.Output);
        Assert.Matches(@"\n  added     offerings:Amazon Bedrock:[^\n]*claude-haiku-4-5", dry.Output);
        Assert.Matches(@"\n  conflict  contextWindow: verified 128K tokens ≠ LiteLLM 32K tokens", dry.Output);
        Assert.Contains("Unplaced names (", dry.Output);
        Assert.Contains("Dry run: nothing was written.", dry.Output);
        Assert.Equal(before, await ExportAsync(db));
        Assert.Equal(0, await ScalarAsync<long>(db, "SELECT count(*) FROM source_runs"));

        var real = await ShipwiseProcess.RunAsync(db, "import", "--from", "litellm", table!, "--source-url",
            "https://github.com/BerriAI/litellm/blob/00035b69f416be24e2e323c13198d9b7d2d1bdf9/model_prices_and_context_window.json", "--as-of", "2026-07-20");
        Assert.True(real.ExitCode == 0, real.Error);
        Assert.Equal(tools, await ScalarAsync<long>(db, "SELECT count(*) FROM tools"));
        Assert.Equal(0, await ScalarAsync<long>(db, "SELECT count(*) FROM (SELECT lower(name) FROM tools GROUP BY lower(name) HAVING count(*) > 1) AS duplicates"));
        Assert.True(await ScalarAsync<long>(db, "SELECT count(*) FROM source_names WHERE status = 'unplaced'") > 1000);
        Assert.NotEqual(before, await ExportAsync(db));

        var again = await ShipwiseProcess.RunAsync(db, "import", "--from", "litellm", table!, "--source-url",
            "https://github.com/BerriAI/litellm/blob/00035b69f416be24e2e323c13198d9b7d2d1bdf9/model_prices_and_context_window.json", "--as-of", "2026-07-20");
        Assert.Contains("Summary: 0 tools changed; 0 facts added, 0 changed", again.Output);
    }

    [Fact]
    public async Task A_file_in_the_wrong_format_fails_with_the_source_named_and_nothing_written()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        Assert.Equal(0, (await ShipwiseProcess.RunAsync(db, "import", RepoPaths.FixtureCatalog)).ExitCode);
        var before = await ExportAsync(db);
        var result = await ShipwiseProcess.RunAsync(db, "import", "--from", "litellm", RecordedSourceServer.Fixture("openrouter-models.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("litellm: this is not LiteLLM's model table", result.Error);
        Assert.Contains("Nothing was written to the catalog.", result.Error);
        Assert.Equal(before, await ExportAsync(db));
    }

    [Fact]
    public async Task Refresh_runs_every_configured_source_and_one_failing_source_does_not_stop_the_others()
    {
        await using var server = await RecordedSourceServer.StartAsync();
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        Assert.Equal(0, (await ShipwiseProcess.RunAsync(db, "import", RepoPaths.FixtureCatalog)).ExitCode);
        server.Fail(RecordedSourceServer.LiteLlmPath, 404);
        var settings = new Dictionary<string, string>
        {
            ["Catalog__SourceRetries"] = "0",
            ["Catalog__Sources__0__From"] = "openrouter",
            ["Catalog__Sources__0__Location"] = server.OpenRouterUrl,
            ["Catalog__Sources__1__From"] = "litellm",
            ["Catalog__Sources__1__Location"] = server.LiteLlmUrl,
            ["Catalog__Sources__2__From"] = "huggingface",
            ["Catalog__Sources__2__Location"] = server.BaseUrl,
            ["Catalog__Sources__2__Models__0"] = "microsoft/phi-4",
        };

        var result = await ShipwiseProcess.RunWithEnvironmentAsync(db, settings, "refresh");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"litellm: failed, nothing written. GET {server.LiteLlmUrl} answered 404 (not found).", result.Error);
        Assert.Contains("OpenRouter (openrouter):", result.Output);
        Assert.Contains("Hugging Face (huggingface):", result.Output);
        Assert.Contains(server.Requests, r => r.StartsWith("/api/models/microsoft/phi-4?expand%5B%5D=cardData", StringComparison.Ordinal));
        Assert.Equal(2, await ScalarAsync<long>(db, "SELECT count(*) FROM source_runs WHERE status = 'ok'"));

        settings["Catalog__StaleAfterDays"] = "0";
        var misconfigured = await ShipwiseProcess.RunWithEnvironmentAsync(db, settings, "refresh");
        Assert.Equal(2, misconfigured.ExitCode);
        Assert.Contains("Catalog:StaleAfterDays must be between 1 and 3650 days", misconfigured.Error);
        settings["Catalog__StaleAfterDays"] = "30";
        settings["Catalog__Sources__1__From"] = "litelm";
        var typo = await ShipwiseProcess.RunWithEnvironmentAsync(db, settings, "refresh");
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("Catalog:Sources:1:From is 'litelm'; use one of: litellm, openrouter, huggingface", typo.Error);
    }
}

public sealed class SqliteSourceCommandTests() : SourceCommandTests("sqlite");

public sealed class PostgresSourceCommandTests() : SourceCommandTests("postgres");
