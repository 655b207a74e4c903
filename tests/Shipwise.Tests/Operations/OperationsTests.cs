using System.Net;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shipwise.Data;
using Shipwise.Tests.Community;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Operations;

/// <summary>/metrics (Prometheus, operators only unless opened) and the health probes, on the real app.</summary>
public abstract class OperationsTests(string provider)
{
    private const string OperatorEmail = "ops@example.org";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(TestDatabase Database, ShipwiseFactory Factory, HttpClient Client)> StartAsync(string provider, Dictionary<string, string?> settings)
    {
        var database = await TestDatabase.CreateAsync(provider);
        settings["Shipwise:Operators:0"] = OperatorEmail;
        var factory = new ShipwiseFactory(database, settings);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return (database, factory, client);
    }

    [Fact]
    public async Task Metrics_after_traffic_hold_request_page_cache_and_review_job_series()
    {
        var (database, factory, client) = await StartAsync(provider, new() { ["Telemetry:PrometheusEndpoint"] = "true" });
        await using var _ = database;
        await using var __ = factory;
        using var ___ = client;
        await WaitForReviewsAsync(factory);

        // What this node's counters cannot know: a job another node is running, one that failed, two disputed reviews.
        await SetQueueAsync(factory, running: 1, failed: 1, disputed: 2);

        // The same public page twice: rendered once (a miss), then served from the page cache (a hit).
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/critics", Token)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tools?pageSize=5", Token)).StatusCode);
        var operatorReader = await TestReaders.SignInAsync(factory.Services, OperatorEmail);

        // The exporter caches a scrape briefly; poll until this traffic shows.
        string text = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(200, Token))
        {
            using var scrape = await client.SendAsync(operatorReader.Get("/metrics"), Token);
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            text = await scrape.Content.ReadAsStringAsync(Token);
            if (text.Contains("result=\"hit\"", StringComparison.Ordinal) && text.Contains("http_route=\"/api/tools", StringComparison.Ordinal)
                && text.Contains("shipwise_review_jobs_depth{", StringComparison.Ordinal))
            {
                break;
            }

            // The depth is cached on the test's clock: a count read before the queue was set up is not the one to check.
            factory.Clock.Advance(Shipwise.Telemetry.ReviewQueueDepth.CacheFor);
        }

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_route="/api/tools[^"]*"[^}]*\} [1-9]""", text);
        Assert.Matches("""shipwise_page_cache_requests_total\{[^}]*result="hit"[^}]*\} [1-9]""", text);
        Assert.Matches("""shipwise_page_cache_requests_total\{[^}]*result="miss"[^}]*\} [1-9]""", text);
        Assert.Matches("""shipwise_review_jobs_finished_total\{[^}]*outcome="published"[^}]*\} [1-9]""", text);
        Assert.Matches("""shipwise_review_jobs_queued_total(\{[^}]*\})? [1-9]""", text);
        Assert.Contains("shipwise_review_jobs_running", text);

        // The queue as the database holds it, for all nodes: a gauge, not a counter.
        Assert.Contains("# TYPE shipwise_review_jobs_depth gauge", text);
        foreach (var (status, count) in new[] { ("queued", 0), ("running", 1), ("failed", 1), ("disputed", 2) })
        {
            Assert.Matches($$"""shipwise_review_jobs_depth\{[^}]*status="{{status}}"[^}]*\} {{count}}(\s|$)""", text);
        }
    }

    [Fact]
    public async Task Two_hosts_in_one_process_each_report_their_own_queue_depth()
    {
        // A listener that subscribed by meter name alone also read every other live host's gauge, and the
        // last one read won: the metrics test above failed whenever another test's host was alive beside it.
        var (database, factory, client) = await StartAsync(provider, new() { ["Telemetry:PrometheusEndpoint"] = "true" });
        var (otherDatabase, otherFactory, otherClient) = await StartAsync(provider, new() { ["Telemetry:PrometheusEndpoint"] = "true" });
        await using var _ = database;
        await using var __ = factory;
        using var ___ = client;
        await using var ____ = otherDatabase;
        await using var _____ = otherFactory;
        using var ______ = otherClient;
        await WaitForReviewsAsync(factory);
        await WaitForReviewsAsync(otherFactory);
        await SetQueueAsync(factory, running: 1, failed: 0, disputed: 0);
        await SetQueueAsync(otherFactory, running: 0, failed: 3, disputed: 0);

        foreach (var (host, web, running, failed) in new[] { (factory, client, 1, 0), (otherFactory, otherClient, 0, 3) })
        {
            var reader = await TestReaders.SignInAsync(host.Services, OperatorEmail);
            using var scrape = await web.SendAsync(reader.Get("/metrics"), Token);
            var lines = string.Join("\n", (await scrape.Content.ReadAsStringAsync(Token)).Split('\n').Where(l => l.StartsWith("shipwise_review_jobs_depth{", StringComparison.Ordinal)));
            Assert.Matches($$"""status="running"[^}]*\} {{running}}(\s|$)""", lines);
            Assert.Matches($$"""status="failed"[^}]*\} {{failed}}(\s|$)""", lines);
            Assert.Equal(4, lines.Split('\n').Length);
        }
    }

    [Fact]
    public async Task The_queue_depth_is_read_from_the_database_at_most_once_per_cache_period()
    {
        var (database, factory, client) = await StartAsync(provider, []);
        await using var _ = database;
        await using var __ = factory;
        using var ___ = client;
        await WaitForReviewsAsync(factory);
        var depth = factory.Services.GetRequiredService<Shipwise.Telemetry.ReviewQueueDepth>();
        Assert.Equal(0, depth.Current()["failed"]);

        // Within the cache period a scrape reuses the last count; after it, the next one reads again.
        await SetQueueAsync(factory, running: 0, failed: 1, disputed: 0);
        Assert.Equal(0, depth.Current()["failed"]);
        factory.Clock.Advance(Shipwise.Telemetry.ReviewQueueDepth.CacheFor);
        Assert.Equal(1, depth.Current()["failed"]);
    }

    private static async Task SetQueueAsync(ShipwiseFactory factory, int running, int failed, int disputed)
    {
        await using var connection = await factory.Services.GetRequiredService<Db>().OpenAsync(Token);
        var leaseEnds = factory.Clock.GetUtcNow().AddDays(1);
        await connection.ExecuteAsync(
            "UPDATE review_jobs SET status = 'running', claimed_by = 'another-node', claimed_until = @leaseEnds WHERE id IN (SELECT id FROM review_jobs WHERE status = 'done' ORDER BY id LIMIT @running)",
            new { running, leaseEnds });
        await connection.ExecuteAsync(
            "UPDATE review_jobs SET status = 'failed' WHERE id IN (SELECT id FROM review_jobs WHERE status = 'done' ORDER BY id LIMIT @failed)", new { failed });
        await connection.ExecuteAsync(
            "UPDATE reviews SET status = 'disputed' WHERE id IN (SELECT id FROM reviews WHERE status = 'published' ORDER BY id LIMIT @disputed)", new { disputed });
    }

    [Fact]
    public async Task Metrics_are_closed_to_the_public_by_default()
    {
        // Off unless enabled.
        var (database, factory, client) = await StartAsync(provider, []);
        await using (database)
        await using (factory)
        using (client)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics", Token)).StatusCode);
        }

        // Enabled: operators only, like every other operator page.
        (database, factory, client) = await StartAsync(provider, new() { ["Telemetry:PrometheusEndpoint"] = "true" });
        await using (database)
        await using (factory)
        using (client)
        {
            // Anonymous: sent to sign in, as for any operator page.
            using var anonymous = await client.GetAsync("/metrics", Token);
            Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
            Assert.Contains("/signin", anonymous.Headers.Location?.OriginalString);
            Assert.DoesNotContain("http_server_request_duration", await anonymous.Content.ReadAsStringAsync(Token));
            var reader = await TestReaders.SignInAsync(factory.Services);
            using var notOperator = await client.SendAsync(reader.Get("/metrics"), Token);
            Assert.Equal(HttpStatusCode.Forbidden, notOperator.StatusCode);
            var operatorReader = await TestReaders.SignInAsync(factory.Services, OperatorEmail);
            using var allowed = await client.SendAsync(operatorReader.Get("/metrics"), Token);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
    }

    [Fact]
    public async Task Ready_follows_the_database_and_live_does_not()
    {
        var (database, factory, client) = await StartAsync(provider, []);
        await using var _ = database;
        await using var __ = factory;
        using var ___ = client;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live", Token)).StatusCode);
        using (var ready = await client.GetAsync("/healthz/ready", Token))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(Token));
        }

        // The database stops answering the readiness query: not ready, but still alive (no restart needed).
        var db = factory.Services.GetRequiredService<Db>();
        await using (var connection = await db.OpenAsync(Token))
        {
            await connection.ExecuteAsync("ALTER TABLE schema_migrations RENAME TO schema_migrations_away");
        }

        using (var notReady = await client.GetAsync("/healthz/ready", Token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("Unhealthy", await notReady.Content.ReadAsStringAsync(Token));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live", Token)).StatusCode);
        await using (var connection = await db.OpenAsync(Token))
        {
            await connection.ExecuteAsync("ALTER TABLE schema_migrations_away RENAME TO schema_migrations");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready", Token)).StatusCode);
    }

    [Fact]
    public async Task Bad_telemetry_settings_stop_serve_naming_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        foreach (var (key, value, named) in new[]
        {
            ("Telemetry__OtlpEndpoint", "collector:4317", "Telemetry:OtlpEndpoint 'collector:4317'"),
            ("Telemetry__OtlpProtocol", "udp", "Telemetry:OtlpProtocol is 'udp'"),
            ("Telemetry__PrometheusAnonymous", "true", "Telemetry:PrometheusEndpoint is off"),
            ("Telemetry__JsonLogs", "sometimes", "Telemetry:JsonLogs"),
        })
        {
            var result = await ShipwiseProcess.RunWithEnvironmentAsync(
                database, new() { [key] = value, ["Startup__Migrate"] = "true" }, TimeSpan.FromMinutes(2), "serve", "--urls", "http://127.0.0.1:0");
            Assert.True(result.ExitCode == 2, $"{key}={value}: exit {result.ExitCode}, {result.Error}");
            Assert.Contains(named, result.Error);
        }
    }

    private static async Task WaitForReviewsAsync(ShipwiseFactory factory)
    {
        var jobs = factory.Services.GetRequiredService<Shipwise.Panel.ReviewJobStore>();
        for (var deadline = DateTime.UtcNow.AddMinutes(1); ; await Task.Delay(50, Token))
        {
            var counts = await jobs.CountAsync(null, Token);
            if (counts.Done > 0 && counts.Pending + counts.Running == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The panel did not finish: {counts}");
        }
    }
}

public sealed class SqliteOperationsTests() : OperationsTests("sqlite");

public sealed class PostgresOperationsTests() : OperationsTests("postgres");
