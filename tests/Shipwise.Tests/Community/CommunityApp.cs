using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shipwise.Community;
using Shipwise.Data;
using Shipwise.Site;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Community;

/// <summary>The real app on a real database for the community tests, with the operator's address configured.</summary>
public abstract class CommunityApp(string provider, Dictionary<string, string?> settings) : IAsyncLifetime
{
    public const string OperatorEmail = "ops@example.org";

    private readonly FixtureSkip _skip = new();
    private TestDatabase? _database;
    private ShipwiseFactory? _factory;
    private HttpClient? _client;

    public TestDatabase Database => _skip.Get(_database);

    public ShipwiseFactory Factory => _skip.Get(_factory);

    public HttpClient Client => _skip.Get(_client);

    public IServiceProvider Services => Factory.Services;

    public ValueTask InitializeAsync() => _skip.StartAsync(async () =>
    {
        _database = await TestDatabase.CreateAsync(provider);
        var all = new Dictionary<string, string?>
        {
            ["Shipwise:Operators:0"] = OperatorEmail,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        _factory = new ShipwiseFactory(_database, all);
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
    });

    /// <summary>Waits until the background panel has reviewed the demo catalog (at most a minute).</summary>
    public async Task PanelDrainedAsync()
    {
        var jobs = Services.GetRequiredService<Shipwise.Panel.ReviewJobStore>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await jobs.CountAsync(null, TestContext.Current.CancellationToken) is var counts && (counts.Done + counts.Failed == 0 || counts.Pending + counts.Running > 0))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The panel did not finish: {counts}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public Task<TestReader> SignInAsync(string? email = null) => TestReaders.SignInAsync(Services, email);

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) =>
        await Client.SendAsync(request, TestContext.Current.CancellationToken);

    /// <summary>Every account created so far becomes older than the new-account delay.</summary>
    public async Task AgeAccountsAsync()
    {
        Factory.Clock.Advance(TimeSpan.FromHours(25));
        await Services.GetRequiredService<CommunityMaturer>().MatureAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>What the site's change poll does, at once: cached pages and API answers are dropped if anything changed.</summary>
    public Task<bool> CheckSiteChangesAsync() => Services.GetRequiredService<SiteChanges>().CheckAsync(TestContext.Current.CancellationToken);

    public async Task<JsonElement> JsonAsync(string path)
    {
        var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    /// <summary>The tool's community figure as GET /api/tools/{slug} reports it.</summary>
    public async Task<(int Ships, int Skips, int? ShipPercent)> CommunityAsync(string slug)
    {
        var community = (await JsonAsync($"/api/tools/{slug}")).GetProperty("community");
        var percent = community.GetProperty("shipPercent");
        return (community.GetProperty("ships").GetInt32(), community.GetProperty("skips").GetInt32(),
            percent.ValueKind == JsonValueKind.Null ? null : percent.GetInt32());
    }

    public async Task<long> ScalarAsync(string sql, object? parameters = null)
    {
        await using var connection = await Services.GetRequiredService<Db>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Services.GetRequiredService<Db>().OpenAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(sql, parameters);
    }

    /// <summary>Rows this account has in the three community tables.</summary>
    public Task<long> RowsOfAsync(long accountId) => ScalarAsync(
        """
        SELECT (SELECT count(*) FROM votes WHERE account_id = @accountId)
             + (SELECT count(*) FROM pair_picks WHERE account_id = @accountId)
             + (SELECT count(*) FROM review_feedback WHERE account_id = @accountId)
        """,
        new { accountId });

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Rate limits far above what the tests send.</summary>
public abstract class GenerousCommunityApp(string provider) : CommunityApp(provider, new()
{
    ["RateLimits:VotesPerAccount:PermitLimit"] = "100000",
    ["RateLimits:VotesPerIp:PermitLimit"] = "100000",
});

public sealed class SqliteCommunityApp() : GenerousCommunityApp("sqlite");

public sealed class PostgresCommunityApp() : GenerousCommunityApp("postgres");

/// <summary>Low limits in long windows, so the test reaches them and they do not reset under it.</summary>
public abstract class LimitedCommunityApp(string provider) : CommunityApp(provider, new()
{
    ["RateLimits:VotesPerAccount:PermitLimit"] = "3",
    ["RateLimits:VotesPerAccount:WindowSeconds"] = "600",
    ["RateLimits:VotesPerIp:PermitLimit"] = "5",
    ["RateLimits:VotesPerIp:WindowSeconds"] = "600",
});

public sealed class SqliteLimitedCommunityApp() : LimitedCommunityApp("sqlite");

public sealed class PostgresLimitedCommunityApp() : LimitedCommunityApp("postgres");
