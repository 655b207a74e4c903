using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Shipwise.Catalog;
using Shipwise.Panel;
using Shipwise.Site;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Site;

/// <summary>Pages after the catalog changes: fresh content, new ETags, encoded hostile text, and the history of a move.</summary>
public abstract class SiteChangeTests(AppFixture app)
{
    private HttpClient Client => app.Client;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static byte[] CatalogWith(string demoSlug, Action<JsonObject> change)
    {
        var catalog = JsonNode.Parse(File.ReadAllText(RepoPaths.FixtureCatalog))!.AsObject();
        var tool = catalog["tools"]!.AsArray().Single(t => (string?)t!["slug"] == demoSlug)!.DeepClone().AsObject();
        change(tool);
        catalog["tools"] = new JsonArray(tool);
        return System.Text.Encoding.UTF8.GetBytes(catalog.ToJsonString());
    }

    private async Task ImportAndReviewAsync(byte[] json)
    {
        var services = app.Factory.Services;
        await services.GetRequiredService<CatalogImporter>().ImportJsonAsync("change.json", json, cancellationToken: Token);
        await services.GetRequiredService<PanelScheduler>().EnqueueAsync(null, false, "evidence", Token);
        await services.GetRequiredService<PanelProcessor>().DrainAsync("test", null, null, Token);
        await app.PanelDrainedAsync();
        // What the watcher does every two seconds, done now so the test does not wait on a timer.
        await services.GetRequiredService<SiteChanges>().CheckAsync(Token);
    }

    [Fact]
    public async Task A_changed_tool_is_served_fresh_with_a_new_etag()
    {
        var before = await Client.GetAsync("/tools/jan", Token);
        var oldEtag = before.Headers.ETag!;
        Assert.DoesNotContain("A brand-new tagline for the cache test", await before.Content.ReadAsStringAsync(Token));

        await ImportAndReviewAsync(CatalogWith("jan", tool => tool["tagline"] = "A brand-new tagline for the cache test"));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/tools/jan");
        conditional.Headers.IfNoneMatch.Add(oldEtag);
        var after = await Client.SendAsync(conditional, Token);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(oldEtag, after.Headers.ETag);
        Assert.Contains("A brand-new tagline for the cache test", await after.Content.ReadAsStringAsync(Token));
        Assert.Contains("A brand-new tagline for the cache test", await Client.GetStringAsync("/categories/local-ai-apps", Token));
    }

    [Fact]
    public async Task A_hostile_tool_name_is_shown_as_text_everywhere()
    {
        const string hostile = "<script>alert(1)</script>";
        await ImportAndReviewAsync(CatalogWith("gpt4all", tool =>
        {
            tool["slug"] = "hostile-tool";
            tool["name"] = hostile;
            tool["aliases"] = new JsonArray();
            tool["tagline"] = "\"><img src=x onerror=alert(2)> & friends";
            tool["description"] = "</script><script>alert(3)</script>";
        }));

        foreach (var path in new[]
        {
            "/tools/hostile-tool", "/compare/gpt4all-vs-hostile-tool", "/categories/local-ai-apps", "/search?q=hostile", "/embed/hostile-tool", "/",
            "/critics/builder?category=local-ai-apps",
        })
        {
            var html = await Client.GetStringAsync(path, Token);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        }

        var feed = await Client.GetStringAsync("/feed.atom", Token);
        Assert.DoesNotContain("<script>alert", feed);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", feed);
        Assert.DoesNotContain("<script", await Client.GetStringAsync("/badge/hostile-tool.svg", Token));

        // JSON is data, not markup: the name comes back exactly, under a JSON content type the browser will not sniff as HTML.
        var api = await Client.GetAsync("/api/compare/gpt4all/hostile-tool", Token);
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", api.Headers.GetValues("X-Content-Type-Options").Single());
        var json = System.Text.Json.JsonDocument.Parse(await api.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.Equal(hostile, json.GetProperty("right").GetProperty("name").GetString());
    }

    // A GET from a client at the given address (the in-memory server has no connection of its own).
    private async Task<int> GetFromAsync(string path, string address)
    {
        var context = await app.Factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
        }, Token);
        return context.Response.StatusCode;
    }

    private async Task<long> ViewsAsync(string left, string right)
    {
        var views = app.Factory.Services.GetRequiredService<Shipwise.Compare.CompareViews>();
        await views.FlushAsync(Token);
        return (await views.MostComparedAsync(1000, Token)).SingleOrDefault(p => p.LeftSlug == left && p.RightSlug == right)?.Views ?? 0;
    }

    [Fact]
    public async Task The_home_page_lists_the_most_compared_pairs_served_from_cache_or_not()
    {
        for (var i = 1; i <= 3; i++)
        {
            // Three readers: the second and third are served from the page cache and still count.
            Assert.Equal(StatusCodes.Status200OK, await GetFromAsync("/compare/llama-cpp-vs-ollama", $"198.51.100.{i}"));
        }

        Assert.Equal(StatusCodes.Status200OK, await GetFromAsync("/compare/mlx-vs-ollama", "198.51.100.1"));
        await app.Factory.Services.GetRequiredService<Shipwise.Compare.CompareViews>().FlushAsync(Token);

        var home = await Client.GetStringAsync("/", Token);
        var list = home[home.IndexOf("Comparisons worth opening", StringComparison.Ordinal)..];
        Assert.Contains("llama.cpp vs Ollama</a> <span class=\"small muted\">3 views", list);
        Assert.True(list.IndexOf("llama.cpp vs Ollama", StringComparison.Ordinal) < list.IndexOf("MLX vs Ollama</a> <span class=\"small muted\">1 view<", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_a_rename_by_alias_other_tools_pages_and_the_sitemap_follow_their_references()
    {
        await ImportAndReviewAsync(CatalogWith("vllm", tool =>
        {
            tool["slug"] = "vllm-engine";
            tool["aliases"] = new JsonArray("vllm");
        }));

        // Ollama still names "vllm" among its competitors; the page and the sitemap link the tool's new address.
        var ollama = await Client.GetStringAsync("/tools/ollama", Token);
        var competitors = ollama[ollama.IndexOf("class=\"compare-list\"", StringComparison.Ordinal)..ollama.IndexOf("Top-ranked in", StringComparison.Ordinal)];
        Assert.Contains("href=\"/compare/ollama-vs-vllm-engine\"", competitors);
        var sitemap = await Client.GetStringAsync("/sitemaps/tools-0.xml", Token);
        Assert.Contains("/compare/ollama-vs-vllm-engine<", sitemap);
        Assert.DoesNotContain("/compare/ollama-vs-vllm<", sitemap);
    }

    [Fact]
    public async Task A_client_counts_once_a_day_for_a_pair_however_often_it_asks()
    {
        var before = await ViewsAsync("mistral-small-3-1", "smolvlm2");
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, await GetFromAsync("/compare/mistral-small-3-1-vs-smolvlm2", "203.0.113.9"));
        }

        Assert.Equal(before + 1, await ViewsAsync("mistral-small-3-1", "smolvlm2"));

        // Another client counts; the same client counts again the next day.
        Assert.Equal(StatusCodes.Status200OK, await GetFromAsync("/compare/mistral-small-3-1-vs-smolvlm2", "203.0.113.10"));
        Assert.Equal(before + 2, await ViewsAsync("mistral-small-3-1", "smolvlm2"));
        app.Factory.Clock.Advance(TimeSpan.FromDays(1));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(StatusCodes.Status200OK, await GetFromAsync("/compare/mistral-small-3-1-vs-smolvlm2", "203.0.113.9"));
        }

        Assert.Equal(before + 3, await ViewsAsync("mistral-small-3-1", "smolvlm2"));
    }

    [Fact]
    public async Task Both_orders_of_a_pair_count_as_one_pair()
    {
        var before = await ViewsAsync("gpt4all", "jan");
        Assert.Equal(StatusCodes.Status200OK, await GetFromAsync("/compare/gpt4all-vs-jan", "203.0.113.40"));
        Assert.Equal(StatusCodes.Status200OK, await GetFromAsync("/compare/jan-vs-gpt4all", "203.0.113.40"));
        Assert.Equal(before + 1, await ViewsAsync("gpt4all", "jan"));

        // A reader who only ever saw the reversed order counts for the same pair, never for a second row.
        Assert.Equal(StatusCodes.Status200OK, await GetFromAsync("/compare/jan-vs-gpt4all", "203.0.113.41"));
        Assert.Equal(before + 2, await ViewsAsync("gpt4all", "jan"));
        Assert.Equal(0, await ViewsAsync("jan", "gpt4all"));
    }

    [Fact]
    public async Task A_price_drop_shows_in_the_review_history_with_its_reason()
    {
        app.Factory.Clock.Advance(TimeSpan.FromDays(3));
        await ImportAndReviewAsync(CatalogWith("mistral-medium-3", tool =>
        {
            var pricing = tool["facts"]!["pricing"]!["value"]!.AsObject();
            pricing["inputPerMillionTokensUsd"] = 0.05m;
            pricing["outputPerMillionTokensUsd"] = 0.1m;
        }));

        var html = await Client.GetStringAsync("/tools/mistral-medium-3", Token);
        var history = html[html.IndexOf("id=\"history\"", StringComparison.Ordinal)..];
        Assert.Contains("after the price drop", history);
        Assert.Matches(@"went (Ship|Skip|No take) \d+ → (Ship|Skip|No take) \d+ after the price drop", history);

        // The home page says what changed this week and why, by name.
        var home = await Client.GetStringAsync("/", Token);
        var week = home[home.IndexOf("id=\"week\"", StringComparison.Ordinal)..home.IndexOf("id=\"compared\"", StringComparison.Ordinal)];
        Assert.Contains("<strong>Mistral Medium 3</strong>", week);
        Assert.Matches(@"says (ship|skip|no take) \(\d+ → \d+\) after the price drop", week);
    }

    [Fact]
    public async Task A_new_peer_that_outranks_a_tool_shows_in_its_history_by_name()
    {
        // A new model that tops every test GPT-4o mini shares with it pushes GPT-4o mini down a
        // rank: nothing about GPT-4o mini changed, so its history must name the newcomer.
        app.Factory.Clock.Advance(TimeSpan.FromDays(5));
        await ImportAndReviewAsync(CatalogWith("phi-4", tool =>
        {
            tool["slug"] = "arrival-model";
            tool["name"] = "Arrival Model";
            tool["aliases"] = new JsonArray();
            foreach (var benchmark in tool["facts"]!["benchmarks"]!.AsArray())
            {
                benchmark!["score"] = 99;
            }
        }));

        var html = await Client.GetStringAsync("/tools/gpt-4o-mini", Token);
        var history = html[html.IndexOf("id=\"history\"", StringComparison.Ordinal)..];
        Assert.Contains("when Arrival Model arrived", history);
    }
}

public sealed class SqliteSiteChangeTests(SqliteApp app) : SiteChangeTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSiteChangeTests(PostgresApp app) : SiteChangeTests(app), IClassFixture<PostgresApp>;
