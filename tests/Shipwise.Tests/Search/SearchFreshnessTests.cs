using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shipwise.Data;
using Shipwise.Search;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Search;

/// <summary>Two nodes on one database: node A searches, node B imports; each node has its own clock.</summary>
public abstract class SearchFreshnessTests(string provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly byte[] NewTool = SearchTestHost.CatalogWith("moondream2", tool =>
    {
        tool["slug"] = "quokkavision";
        tool["name"] = "QuokkaVision";
        tool["aliases"] = new JsonArray("Quokka-VL-7B");
    });

    private static bool Has(SearchResult result, string slug) => result.Hits.Any(h => h.Slug == slug);

    [Fact]
    public async Task A_tool_imported_on_another_node_is_found_once_the_check_interval_has_passed()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clockA = new FakeTimeProvider(TestClock.DefaultStart);
        using var nodeA = await SearchTestHost.StartAsync(db, clockA);
        using var nodeB = await SearchTestHost.StartAsync(db, new FakeTimeProvider(TestClock.DefaultStart), migrateAndSeed: false);
        var search = nodeA.Search();
        Assert.False(Has(await search.SearchAsync("quokkavision", 10, Token), "quokkavision"));

        await nodeB.ImportAsync(NewTool);

        // Within the interval node A does not look: still the old index, however often it is asked.
        clockA.Advance(TimeSpan.FromSeconds(1.5));
        for (var i = 0; i < 5; i++)
        {
            Assert.False(Has(await search.SearchAsync("quokkavision", 10, Token), "quokkavision"));
            await Task.Delay(50, Token);
        }

        clockA.Advance(TimeSpan.FromSeconds(0.6));
        var result = await search.EventuallyAsync("quokavision", r => Has(r, "quokkavision"));
        Assert.Equal("quokkavision", result.Hits[0].Slug);
        Assert.True(result.Corrected);
        Assert.Equal("alias", (await search.SearchAsync("quokka vl 7b", 10, Token)).Hits[0].MatchedOn);
    }

    [Fact]
    public async Task A_tool_changed_on_another_node_is_found_under_its_new_words()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clockA = new FakeTimeProvider(TestClock.DefaultStart);
        using var nodeA = await SearchTestHost.StartAsync(db, clockA);
        using var nodeB = await SearchTestHost.StartAsync(db, new FakeTimeProvider(TestClock.DefaultStart), migrateAndSeed: false);
        var search = nodeA.Search();
        Assert.Empty((await search.SearchAsync("wombatic", 10, Token)).Hits);

        // An update keeps the tool count and the newest id: only the revision it writes moves the stamp.
        await nodeB.ImportAsync(SearchTestHost.CatalogWith("moondream2", tool =>
        {
            tool["tagline"] = "A compact wombatic vision-language model built to run on edge devices.";
            tool["aliases"] = new JsonArray("Moondream Next");
        }));
        clockA.Advance(ToolSearch.CheckInterval);

        var result = await search.EventuallyAsync("wombatic", r => Has(r, "moondream2"));
        Assert.Equal(("moondream2", "tagline"), (result.Hits.Single().Slug, result.Hits.Single().MatchedOn));
        Assert.Equal("alias", (await search.SearchAsync("moondream next", 10, Token)).Hits[0].MatchedOn);
    }

    [Fact]
    public async Task An_import_on_the_same_node_is_found_without_waiting_for_the_interval()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var node = await SearchTestHost.StartAsync(db, new FakeTimeProvider(TestClock.DefaultStart));
        var search = node.Search();
        Assert.False(Has(await search.SearchAsync("quokkavision", 10, Token), "quokkavision"));

        await node.ImportAsync(NewTool);

        Assert.True(Has(await search.EventuallyAsync("quokkavision", r => Has(r, "quokkavision")), "quokkavision"));
    }

    [Fact]
    public async Task Invalidate_rebuilds_even_when_the_stamp_did_not_move()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var node = await SearchTestHost.StartAsync(db, new FakeTimeProvider(TestClock.DefaultStart));
        var search = node.Search();
        Assert.Empty((await search.SearchAsync("platypusine", 10, Token)).Hits);

        // A write that bypasses the importer and leaves count, max(id) and revisions as they were.
        await using (var connection = await node.Services.GetRequiredService<Db>().OpenAsync(Token))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE tools SET tagline = 'A platypusine runtime' WHERE slug = 'vllm'";
            await command.ExecuteNonQueryAsync(Token);
        }

        search.Invalidate();
        Assert.True(Has(await search.EventuallyAsync("platypusine", r => Has(r, "vllm")), "vllm"));
    }

    [Fact]
    public async Task A_change_the_stamp_cannot_see_is_picked_up_by_the_periodic_full_rebuild()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(TestClock.DefaultStart);
        using var node = await SearchTestHost.StartAsync(db, clock);
        var search = node.Search();
        Assert.Empty((await search.SearchAsync("echidnoid", 10, Token)).Hits);

        await using (var connection = await node.Services.GetRequiredService<Db>().OpenAsync(Token))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE tools SET tagline = 'An echidnoid runtime' WHERE slug = 'sglang'";
            await command.ExecuteNonQueryAsync(Token);
        }

        // Stamp checks alone do not rebuild: count and ids are unchanged.
        clock.Advance(ToolSearch.CheckInterval);
        await search.SearchAsync("echidnoid", 10, Token);
        await Task.Delay(300, Token);
        Assert.Empty((await search.SearchAsync("echidnoid", 10, Token)).Hits);

        clock.Advance(ToolSearch.FullRebuildInterval);
        Assert.True(Has(await search.EventuallyAsync("echidnoid", r => Has(r, "sglang")), "sglang"));
    }

    [Fact]
    public async Task The_first_search_waits_for_the_index_and_an_empty_catalog_finds_nothing()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var node = await SearchTestHost.StartAsync(db, new FakeTimeProvider(TestClock.DefaultStart), migrateAndSeed: false);
        var search = node.Search();

        // Not migrated yet: the first build fails and so does the search; a later search tries again.
        await Assert.ThrowsAnyAsync<Exception>(() => search.SearchAsync("mistral", 10, Token));
        await node.Services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken: Token);
        Assert.Empty((await search.SearchAsync("mistral", 10, Token)).Hits);

        await node.ImportAsync(SearchTestHost.CatalogWith("vllm", tool => tool["facts"]!.AsObject().Remove("competitors")));
        Assert.Equal("vllm", (await search.EventuallyAsync("vllm", r => r.Hits.Count > 0)).Hits[0].Slug);
    }
}

public sealed class SqliteSearchFreshnessTests() : SearchFreshnessTests("sqlite");

public sealed class PostgresSearchFreshnessTests() : SearchFreshnessTests("postgres");
