using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Shipwise.Catalog;
using Shipwise.Core.Catalog;
using Shipwise.Data;
using Shipwise.Panel;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.PanelJobs;

public abstract class ReviewJobTests(string provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<int> DrainAsync(IHost host, string node) =>
        host.Services.GetRequiredService<PanelProcessor>().DrainAsync(node, null, null, Token);

    private static async Task<long> ScalarAsync(IHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<Db>().OpenAsync(Token);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static Task<int> EnqueueAllAsync(IHost host, bool force = false) =>
        host.Services.GetRequiredService<PanelScheduler>().EnqueueAsync(null, force, "evidence", Token);

    [Fact]
    public async Task An_unchanged_tool_is_never_reviewed_twice()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var host = await TestHost.StartAsync(db, new FakeTimeProvider(TestClock.DefaultStart));
        var queued = await EnqueueAllAsync(host);
        Assert.Equal(39 * 7, queued);
        Assert.Equal(queued, await DrainAsync(host, "a"));

        Assert.Equal(0, await EnqueueAllAsync(host));
        Assert.Equal(0, await DrainAsync(host, "a"));
        Assert.Equal(queued, await ScalarAsync(host, "SELECT count(*) FROM reviews"));
    }

    [Fact]
    public async Task Forcing_a_run_writes_a_new_generation_and_keeps_history()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var host = await TestHost.StartAsync(db, new FakeTimeProvider(TestClock.DefaultStart));
        await EnqueueAllAsync(host);
        await DrainAsync(host, "a");
        await EnqueueAllAsync(host, force: true);
        Assert.Equal(39 * 7, await DrainAsync(host, "a"));
        Assert.Equal(2 * 39 * 7, await ScalarAsync(host, "SELECT count(*) FROM reviews"));
        Assert.Equal(39 * 7, await ScalarAsync(host, "SELECT count(*) FROM reviews WHERE is_current = " + (provider == "postgres" ? "true" : "1")));
    }

    [Fact]
    public async Task Two_full_runs_give_identical_reviews()
    {
        async Task<string> RunAsync()
        {
            await using var db = await TestDatabase.CreateAsync(provider);
            using var host = await TestHost.StartAsync(db, new FakeTimeProvider(TestClock.DefaultStart));
            await EnqueueAllAsync(host);
            await DrainAsync(host, "a");
            // Evidence reviews are stored as verdicts and regenerated on read: compare what a reader gets.
            var store = host.Services.GetRequiredService<ReviewStore>();
            var catalog = host.Services.GetRequiredService<CatalogQueries>();
            var all = new List<object>();
            foreach (var slug in (await catalog.ListAsync(new ToolListQuery(1, 100, null, null, null), Token)).Items.Select(t => t.Tool.Slug).Order(StringComparer.Ordinal))
            {
                var id = (await catalog.FindAsync(slug, Token)).Tool!.Id;
                foreach (var r in (await store.CurrentForToolAsync(id, Token)).OrderBy(r => r.CriticSlug, StringComparer.Ordinal))
                {
                    all.Add(new { slug, r.CriticSlug, r.Score, r.Verdict, r.Summary, r.Body, r.CitedFacts, r.Criteria });
                }
            }

            Assert.Equal(39 * 7, all.Count);
            return JsonSerializer.Serialize(all, CatalogJson.Options);
        }

        var first = await RunAsync();
        Assert.Equal(first, await RunAsync());
        Assert.Contains("mistral-medium-3", first);
    }

    [Fact]
    public async Task A_killed_worker_leaves_its_jobs_to_be_claimed_again_after_the_lease_and_nothing_is_written_twice()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(TestClock.DefaultStart);
        using var host = await TestHost.StartAsync(db, clock, new() { ["Panel:LeaseSeconds"] = "60" });
        await EnqueueAllAsync(host);

        // A worker claims a batch and dies before committing anything.
        var store = host.Services.GetRequiredService<ReviewJobStore>();
        var lost = await store.ClaimAsync("dead-node", 50, null, Token);
        Assert.Equal(50, lost.Count);

        // While the lease holds, a second worker leaves those jobs alone.
        var firstPass = await DrainAsync(host, "survivor");
        Assert.Equal(39 * 7 - 50, firstPass);
        Assert.Equal(50, await ScalarAsync(host, "SELECT count(*) FROM review_jobs WHERE status = 'running'"));

        // Once the lease runs out, they are claimed and done, exactly once each.
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(50, await DrainAsync(host, "survivor"));
        Assert.Equal(39 * 7, await ScalarAsync(host, "SELECT count(*) FROM reviews"));
        Assert.Equal(0, await ScalarAsync(host, "SELECT count(*) FROM (SELECT job_id FROM reviews GROUP BY job_id HAVING count(*) > 1) d"));
        Assert.Equal(50, await ScalarAsync(host, "SELECT count(*) FROM review_jobs WHERE attempts = 2"));

        // The dead node's late commit, were it to come back, writes nothing: it no longer holds the jobs.
        var runner = host.Services.GetRequiredService<PanelRunner>();
        var tools = await host.Services.GetRequiredService<CatalogQueries>().GetByIdsAsync(lost.Select(j => j.ToolId).ToList(), Token);
        var late = new List<PreparedJob>();
        foreach (var job in lost)
        {
            late.Add(await runner.PrepareAsync(job, tools[job.ToolId], Token));
        }

        await runner.CommitAsync(late, "dead-node", Token);
        Assert.Equal(39 * 7, await ScalarAsync(host, "SELECT count(*) FROM reviews"));
    }

    [Fact]
    public async Task Several_workers_share_the_queue_without_doing_a_job_twice()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var host = await TestHost.StartAsync(db, new FakeTimeProvider(TestClock.DefaultStart));
        await host.Services.GetRequiredService<PanelScheduler>().EnqueueAsync(null, force: false, "evidence", Token);

        // Four nodes at once; on PostgreSQL they skip each other's locked rows.
        var processed = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => DrainAsync(host, $"node-{i}"), Token)));
        Assert.Equal(39 * 7, processed.Sum());
        Assert.Equal(39 * 7, await ScalarAsync(host, "SELECT count(*) FROM reviews"));
        Assert.Equal(39 * 7, await ScalarAsync(host, "SELECT count(*) FROM review_jobs WHERE attempts = 1 AND status = 'done'"));
    }

    [Fact]
    public async Task Changing_a_tools_facts_queues_a_re_review_and_history_shows_the_move()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(TestClock.DefaultStart);
        using var host = await TestHost.StartAsync(db, clock);
        await EnqueueAllAsync(host);
        await DrainAsync(host, "a");

        // A price rise on Mistral Medium 3, a week later.
        clock.Advance(TimeSpan.FromDays(7));
        var catalog = host.Services.GetRequiredService<CatalogQueries>();
        var before = (await catalog.FindAsync("mistral-medium-3", Token)).Tool!;
        var pricing = before.Tool.Facts.Pricing!;
        var raised = before.Tool with
        {
            Facts = before.Tool.Facts with
            {
                Pricing = pricing with { Value = pricing.Value with { InputPerMillionTokensUsd = 8m, OutputPerMillionTokensUsd = 40m } },
            },
        };
        var file = JsonSerializer.SerializeToUtf8Bytes(new CatalogDocument { SchemaVersion = 1, Tools = [raised] }, CatalogJson.Options);
        await host.Services.GetRequiredService<CatalogImporter>().ImportJsonAsync("raise.json", file, cancellationToken: Token);

        // Its peers' prices are part of every language model's review, so the whole category is re-reviewed against the new snapshot.
        var category = await ScalarAsync(host, "SELECT count(*) FROM tools WHERE category = 'language-models'");
        Assert.Equal(7 * category, await EnqueueAllAsync(host));
        Assert.Equal(7 * category, await DrainAsync(host, "a"));

        var history = (await host.Services.GetRequiredService<ReviewStore>().HistoryForToolAsync(before.Id, Token))
            .Where(r => r.CriticSlug == "founder").ToList();
        Assert.Equal(2, history.Count);
        Assert.True(history[1].Score < history[0].Score, $"Founder went {history[0].Score} -> {history[1].Score} after a price rise");
        Assert.Equal(clock.GetUtcNow(), history[1].CreatedAt);
        Assert.Equal(1, await ScalarAsync(host, "SELECT count(*) FROM tool_revisions"));
    }

    [Fact]
    public async Task Editing_a_critic_file_queues_its_re_reviews_and_history_keeps_the_old_text_exactly()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = Directory.CreateTempSubdirectory("critics").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.CriticsFolder, "*.yaml"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var settings = new Dictionary<string, string?> { ["Panel:CriticsPath"] = folder };
        var clock = new FakeTimeProvider(TestClock.DefaultStart);
        string oldSummary, oldBody;
        long toolId;
        using (var before = await TestHost.StartAsync(db, clock, settings))
        {
            await EnqueueAllAsync(before);
            await DrainAsync(before, "a");
            toolId = (await before.Services.GetRequiredService<CatalogQueries>().FindAsync("mistral-medium-3", Token)).Tool!.Id;
            var old = (await before.Services.GetRequiredService<ReviewStore>().CurrentForToolAsync(toolId, Token)).Single(r => r.CriticSlug == "founder");
            (oldSummary, oldBody) = (old.Summary, old.Body);
        }

        // An operator rewrites Founder's summary lines: a new critic version, no code change.
        var founder = Path.Combine(folder, "founder.yaml");
        var text = await File.ReadAllTextAsync(founder, Token);
        var edited = text.Replace(": {reason}\"", ", as far as the record shows: {reason}\"", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        await File.WriteAllTextAsync(founder, edited, Token);

        clock.Advance(TimeSpan.FromDays(1));
        using var after = await TestHost.StartAsync(db, clock, settings, seed: false);
        Assert.Equal(39, await EnqueueAllAsync(after));
        Assert.Equal(39, await DrainAsync(after, "a"));

        var history = (await after.Services.GetRequiredService<ReviewStore>().HistoryForToolAsync(toolId, Token))
            .Where(r => r.CriticSlug == "founder").ToList();
        Assert.Equal(2, history.Count);
        Assert.NotEqual(history[0].CriticVersion, history[1].CriticVersion);
        Assert.Equal((oldSummary, oldBody), (history[0].Summary, history[0].Body));
        Assert.NotEqual(history[0].Summary, history[1].Summary);
        Assert.Contains("as far as the record shows", history[1].Summary, StringComparison.Ordinal);
    }
}

public sealed class SqliteReviewJobTests() : ReviewJobTests("sqlite");

public sealed class PostgresReviewJobTests() : ReviewJobTests("postgres");
