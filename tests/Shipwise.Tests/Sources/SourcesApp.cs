using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shipwise.Catalog;
using Shipwise.Core.Catalog;
using Shipwise.Data;
using Shipwise.Site;
using Shipwise.Sources;
using Shipwise.Tests.Community;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Sources;

/// <summary>
/// The real app on a real database with the demo fixture catalog reviewed, and its three catalog
/// sources (Catalog:Sources) pointed at a local server that serves recorded payloads.
/// </summary>
public sealed class SourcesApp : IAsyncDisposable
{
    public const string OperatorEmail = "ops@example.org";

    private SourcesApp(TestDatabase database, RecordedSourceServer server, ShipwiseFactory factory)
    {
        Database = database;
        Server = server;
        Factory = factory;
        Client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public TestDatabase Database { get; }

    public RecordedSourceServer Server { get; }

    public ShipwiseFactory Factory { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => Factory.Services;

    public FakeTimeProvider Clock => Factory.Clock;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static Dictionary<string, string?> SourceSettings(RecordedSourceServer server) => new()
    {
        ["Shipwise:Operators:0"] = OperatorEmail,
        ["Catalog:RefreshHours"] = "0",
        ["Catalog:SourceRetries"] = "0",
        ["Catalog:SourceTimeoutSeconds"] = "20",
        ["Catalog:StaleAfterDays"] = "180",
        ["Catalog:Sources:0:From"] = "openrouter",
        ["Catalog:Sources:0:Location"] = server.OpenRouterUrl,
        ["Catalog:Sources:1:From"] = "litellm",
        ["Catalog:Sources:1:Location"] = server.LiteLlmUrl,
        ["Catalog:Sources:2:From"] = "huggingface",
        ["Catalog:Sources:2:Location"] = server.BaseUrl,
        ["Catalog:Sources:2:Models:0"] = "microsoft/phi-4",
        ["Catalog:Sources:2:Models:1"] = "google/gemma-3-27b-it",
    };

    public static async Task<SourcesApp> StartAsync(string provider, Dictionary<string, string?>? extra = null, TestDatabase? database = null)
    {
        var server = await RecordedSourceServer.StartAsync();
        database ??= await TestDatabase.CreateAsync(provider);
        var settings = SourceSettings(server);
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var app = new SourcesApp(database, server, new ShipwiseFactory(database, settings));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/healthz", Token)).StatusCode);
        await app.PanelDrainedAsync();
        return app;
    }

    /// <summary>Runs the named sources now, as `shipwise refresh --source` does.</summary>
    public async Task<IReadOnlyList<RefreshOutcome>> RefreshAsync(params string[] sources) =>
        await Services.GetRequiredService<SourceRefresh>().RunAsync(sources.Length == 0 ? null : sources, dryRun: false, onlyDue: false, "refresh", "test-node", Token);

    public async Task<SourceReport> RefreshOneAsync(string source)
    {
        var outcome = Assert.Single(await RefreshAsync(source));
        Assert.True(outcome.Error is null, outcome.Error);
        return outcome.Report!;
    }

    /// <summary>Waits until no review job is waiting or running (at most a minute).</summary>
    public async Task PanelDrainedAsync()
    {
        var jobs = Services.GetRequiredService<Shipwise.Panel.ReviewJobStore>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await jobs.CountAsync(null, Token) is var counts && (counts.Done + counts.Failed == 0 || counts.Pending + counts.Running > 0))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The panel did not finish: {counts}");
            await Task.Delay(50, Token);
        }
    }

    /// <summary>Waits until every critic has reviewed the tool's current facts (at most a minute).</summary>
    public async Task ReviewedAsync(string slug)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        const string Done = "SELECT count(*) FROM review_jobs j JOIN tools t ON t.id = j.tool_id WHERE t.slug = @slug AND j.facts_hash = t.fingerprint AND j.status = 'done'";
        while (await ScalarAsync<long>(Done, new { slug }) < 7)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{slug}'s current facts were not reviewed within a minute");
            await Task.Delay(50, Token);
        }
    }

    /// <summary>What the page cache's poll does, at once.</summary>
    public Task<bool> CheckSiteChangesAsync() => Services.GetRequiredService<SiteChanges>().CheckAsync(Token);

    public async Task<JsonElement> ApiToolAsync(string slug)
    {
        await CheckSiteChangesAsync();
        var response = await Client.GetAsync($"/api/tools/{slug}", Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{slug}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }

    public async Task<string> PageAsync(string path)
    {
        await CheckSiteChangesAsync();
        var response = await Client.GetAsync(path, Token);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 3000)]}");
        return body;
    }

    public Task<TestReader> SignInAsync(string? email = null) => TestReaders.SignInAsync(Services, email);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await Client.SendAsync(request, Token);

    /// <summary>Rewrites one stored tool (as an earlier import would have), through the real importer.</summary>
    public async Task RewriteToolAsync(string slug, Func<Tool, Tool> change)
    {
        var stored = await Services.GetRequiredService<CatalogQueries>().FindToolAsync(slug, Token);
        var document = new CatalogDocument { SchemaVersion = CatalogDocument.CurrentSchemaVersion, Tools = [change(stored!.Tool)] };
        await Services.GetRequiredService<CatalogImporter>().ImportJsonAsync("test", JsonSerializer.SerializeToUtf8Bytes(document, CatalogJson.Options), cancellationToken: Token);
    }

    /// <summary>Everything a source run could write outside its own run log, as one comparable string.</summary>
    public async Task<string> CatalogStateAsync()
    {
        await using var connection = await Services.GetRequiredService<Db>().OpenAsync(Token);
        var counts = await connection.QuerySingleAsync<(long Seq, long Revisions, long Jobs, long Reviews, long Changes, long Conflicts, long Names)>(
            """
            SELECT (SELECT seq FROM catalog_changes WHERE id = 1), (SELECT count(*) FROM tool_revisions), (SELECT count(*) FROM review_jobs),
                   (SELECT count(*) FROM reviews), (SELECT count(*) FROM source_changes), (SELECT count(*) FROM fact_conflicts), (SELECT count(*) FROM source_names)
            """);
        var tools = await connection.QueryAsync<(string Slug, string Fingerprint, string UpdatedAt)>(
            "SELECT slug, fingerprint, CAST(updated_at AS TEXT) FROM tools ORDER BY slug");
        return counts + "\n" + string.Join("\n", tools);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Services.GetRequiredService<Db>().OpenAsync(Token);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
        await Database.DisposeAsync();
    }
}
