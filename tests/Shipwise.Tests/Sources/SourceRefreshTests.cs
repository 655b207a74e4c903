using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Sources;

/// <summary>
/// Sources read end to end from recorded payloads on a local server, into the real app on a real
/// database: what changes, what is reviewed again, what the pages and the API show, and what
/// nothing is written for.
/// </summary>
public abstract class SourceRefreshTests(string provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateOnly FirstOfDecember = new(2026, 12, 1);

    private static Tool WithThirdPartyPricing(Tool tool) => tool with
    {
        // As if the price had last come from an aggregator in July.
        Facts = tool.Facts with { Pricing = tool.Facts.Pricing! with { Status = FactStatus.ThirdParty, AsOf = new(2026, 7, 20), Source = "https://github.com/BerriAI/litellm" } },
    };

    private static void SetPrice(JsonObject model, string prompt, string completion)
    {
        model["pricing"]!["prompt"] = prompt;
        model["pricing"]!["completion"] = completion;
    }

    [Fact]
    public async Task A_price_change_flows_to_a_re_review_a_history_line_and_the_feed()
    {
        await using var app = await SourcesApp.StartAsync(provider);
        await app.RewriteToolAsync("gpt-4o-mini", WithThirdPartyPricing);
        await app.ReviewedAsync("gpt-4o-mini");
        var reviewsBefore = await app.ScalarAsync<long>("SELECT count(*) FROM reviews WHERE tool_id = (SELECT id FROM tools WHERE slug = 'gpt-4o-mini')");

        app.Clock.Advance(TimeSpan.FromDays(9));
        app.Server.EditOpenRouter("openai/gpt-4o-mini", m => SetPrice(m, "0.00000003", "0.00000012"));
        var report = await app.RefreshOneAsync("openrouter");

        var pricing = report.Tools.Single(t => t.Slug == "gpt-4o-mini").Outcomes.Single(o => o.Fact == "pricing");
        Assert.Equal(FactOutcomeKind.Changed, pricing.Kind);
        Assert.Equal("Usage-based: $0.03 / $0.12 per 1M tokens (in / out); cached input $0.075", pricing.After);

        // The changed facts are a new revision, and every critic reviews the tool again.
        await app.ReviewedAsync("gpt-4o-mini");
        Assert.Equal(reviewsBefore + 7, await app.ScalarAsync<long>("SELECT count(*) FROM reviews WHERE tool_id = (SELECT id FROM tools WHERE slug = 'gpt-4o-mini')"));
        var api = await app.ApiToolAsync("gpt-4o-mini");
        var stored = api.GetProperty("facts").GetProperty("pricing");
        Assert.Equal(0.03m, stored.GetProperty("value").GetProperty("inputPerMillionTokensUsd").GetDecimal());
        Assert.Equal("third-party", stored.GetProperty("status").GetString());
        Assert.Equal(app.Server.OpenRouterUrl, stored.GetProperty("source").GetString());
        Assert.Equal("2026-12-01", stored.GetProperty("asOf").GetString());

        var page = await app.PageAsync("/tools/gpt-4o-mini");
        Assert.Contains("after the price drop (OpenRouter, 1 Dec 2026)", page);
        var feed = await app.PageAsync("/feed.atom");
        var entry = feed.Split("<entry>").Single(e => e.Contains("/tools/gpt-4o-mini#facts-", StringComparison.Ordinal));
        Assert.Contains("<title>GPT-4o mini: the price drop and ", entry);
        Assert.Contains(" (OpenRouter, 1 Dec 2026)</title>", entry);
        Assert.Contains("→ Usage-based: $0.03 / $0.12 per 1M tokens", feed);
    }

    [Fact]
    public async Task A_second_run_with_nothing_changed_writes_nothing_and_reviews_nothing()
    {
        await using var app = await SourcesApp.StartAsync(provider);
        var first = await app.RefreshAsync();
        Assert.All(first, o => Assert.True(o.Error is null, o.Error));
        Assert.True(first.Sum(o => o.Report!.FactsAdded) > 0);
        // The worker sees the last write on its next poll and re-reviews every tool whose peers moved.
        await Task.Delay(TimeSpan.FromSeconds(1.5), Token);
        await app.PanelDrainedAsync();
        var before = await app.CatalogStateAsync();

        app.Clock.Advance(TimeSpan.FromHours(1));
        var second = await app.RefreshAsync();
        Assert.All(second, o => Assert.Equal((0, 0, 0), (o.Report!.ToolsChanged, o.Report.FactsAdded, o.Report.FactsChanged)));
        await Task.Delay(TimeSpan.FromSeconds(1.5), Token); // the worker polls the stamp every second (Panel:PollSeconds)
        await app.PanelDrainedAsync();
        Assert.Equal(before, await app.CatalogStateAsync());
    }

    [Fact]
    public async Task A_renamed_upstream_field_is_a_clear_error_writes_nothing_and_does_not_stop_the_other_sources()
    {
        await using var app = await SourcesApp.StartAsync(provider);
        var table = JsonNode.Parse(File.ReadAllText(RecordedSourceServer.Fixture("litellm-excerpt.json")))!.AsObject();
        foreach (var (_, entry) in table)
        {
            if (entry is JsonObject model && model.Remove("max_input_tokens", out var value))
            {
                model["max_input_token_count"] = value;
            }
        }

        app.Server.SetLiteLlm(table.ToJsonString());
        var before = await app.CatalogStateAsync();
        var failed = Assert.Single(await app.RefreshAsync("litellm"));
        Assert.Contains("'max_input_tokens'", failed.Error);
        Assert.Contains("renamed", failed.Error);
        Assert.Equal(before, await app.CatalogStateAsync());
        Assert.Equal("failed", await app.ScalarAsync<string>("SELECT status FROM source_runs WHERE source_name = 'litellm' ORDER BY id DESC LIMIT 1"));

        var all = await app.RefreshAsync();
        Assert.NotNull(all.Single(o => o.Source == "litellm").Error);
        Assert.True(all.Single(o => o.Source == "openrouter").Report!.FactsAdded > 0);
        Assert.True(all.Single(o => o.Source == "huggingface").Report!.Placed > 0);
    }

    [Fact]
    public async Task A_404_an_unreachable_source_a_503_and_an_oversized_answer_are_named_and_write_nothing()
    {
        await using var app = await SourcesApp.StartAsync(provider, new()
        {
            ["Catalog:SourceMaxMegabytes"] = "1",
            ["Catalog:Sources:2:Models:2"] = "acme/not-on-the-hub",
            ["Catalog:Sources:3:Name"] = "mirror",
            ["Catalog:Sources:3:From"] = "openrouter",
            ["Catalog:Sources:3:Location"] = "http://127.0.0.1:9/api/v1/models",
        });
        var before = await app.CatalogStateAsync();
        var outcomes = await app.RefreshAsync("huggingface", "mirror");
        var missing = outcomes.Single(o => o.Source == "huggingface").Error!;
        Assert.Contains("acme/not-on-the-hub", missing);
        Assert.Contains("404", missing);
        var unreachable = outcomes.Single(o => o.Source == "mirror").Error!;
        Assert.Contains("http://127.0.0.1:9/api/v1/models", unreachable);
        Assert.Contains("failed", unreachable);
        Assert.Equal(before, await app.CatalogStateAsync());

        app.Server.Fail(RecordedSourceServer.OpenRouterPath, 503);
        var unavailable = Assert.Single(await app.RefreshAsync("openrouter")).Error!;
        Assert.Contains("503", unavailable);

        // An answer over Catalog:SourceMaxMegabytes is refused, not read into memory.
        var table = JsonNode.Parse(File.ReadAllText(RecordedSourceServer.Fixture("litellm-excerpt.json")))!;
        table["sample_spec"]!["padding"] = new string('x', 1_200_000);
        app.Server.SetLiteLlm(table.ToJsonString());
        var tooLarge = Assert.Single(await app.RefreshAsync("litellm")).Error!;
        Assert.Contains("Catalog:SourceMaxMegabytes (1 MB)", tooLarge);
        Assert.Equal(before, await app.CatalogStateAsync());
    }

    [Fact]
    public async Task A_newer_disagreeing_source_never_overwrites_a_verified_fact_and_the_conflict_is_shown_until_an_operator_decides()
    {
        await using var app = await SourcesApp.StartAsync(provider);
        app.Server.EditOpenRouter("openai/gpt-4o", m => SetPrice(m, "0.000002", "0.000008"));
        var report = await app.RefreshOneAsync("openrouter");
        Assert.Equal(FactOutcomeKind.Conflict, report.Tools.Single(t => t.Slug == "gpt-4o").Outcomes.Single(o => o.Fact == "pricing").Kind);

        var api = await app.ApiToolAsync("gpt-4o");
        Assert.Equal(2.5m, api.GetProperty("facts").GetProperty("pricing").GetProperty("value").GetProperty("inputPerMillionTokensUsd").GetDecimal());
        var conflict = Assert.Single(api.GetProperty("freshness").GetProperty("conflicts").EnumerateArray());
        Assert.Equal("pricing", conflict.GetProperty("fact").GetString());
        Assert.Equal("Usage-based: $2.50 / $10.00 per 1M tokens (in / out)", conflict.GetProperty("catalogValue").GetString());
        Assert.StartsWith("Usage-based: $2.00 / $8.00 per 1M tokens", conflict.GetProperty("sourceValue").GetString());
        var page = await app.PageAsync("/tools/gpt-4o");
        Assert.Contains("Sources disagree", page);
        Assert.Contains("OpenRouter says Usage-based: $2.00 / $8.00", page);

        // Operators only, and every decision carries the form token.
        Assert.Equal(HttpStatusCode.Redirect, (await app.Client.GetAsync("/operator/sources", Token)).StatusCode);
        var reader = await app.SignInAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(reader.Get("/operator/sources"))).StatusCode);
        var ops = await app.SignInAsync(SourcesApp.OperatorEmail);
        var view = await app.SendAsync(ops.Get("/operator/sources"));
        var html = WebUtility.HtmlDecode(await view.Content.ReadAsStringAsync(Token));
        Assert.True(view.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Keep the verified value for GPT-4o", html);
        Assert.Contains("deepseek/deepseek-chat", html); // an unplaced name, listed for a decision
        var id = await app.ScalarAsync<long>("SELECT id FROM fact_conflicts WHERE status = 'open'");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.SendAsync(ops.Post("/operator/sources?handler=Reject", [new("id", $"{id}")], withToken: false))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.SendAsync(ops.Post("/operator/sources?handler=Reject", ("id", $"{id}")))).StatusCode);
        Assert.Empty((await app.ApiToolAsync("gpt-4o")).GetProperty("freshness").GetProperty("conflicts").EnumerateArray());

        // The rejected value is not raised again; a different one is, and accepting it writes it and re-reviews.
        Assert.Equal(1, (await app.RefreshOneAsync("openrouter")).RejectedBefore);
        app.Server.EditOpenRouter("openai/gpt-4o", m => SetPrice(m, "0.0000015", "0.000006"));
        await app.RefreshOneAsync("openrouter");
        id = await app.ScalarAsync<long>("SELECT id FROM fact_conflicts WHERE status = 'open'");
        await app.ReviewedAsync("gpt-4o"); // the run also moved OpenRouter's own offer, which is reviewed first
        var jobsBefore = await app.ScalarAsync<long>("SELECT count(*) FROM review_jobs");
        Assert.Equal(HttpStatusCode.Redirect, (await app.SendAsync(ops.Post("/operator/sources?handler=Accept", ("id", $"{id}")))).StatusCode);
        var accepted = (await app.ApiToolAsync("gpt-4o")).GetProperty("facts").GetProperty("pricing");
        Assert.Equal(1.5m, accepted.GetProperty("value").GetProperty("inputPerMillionTokensUsd").GetDecimal());
        Assert.Equal("third-party", accepted.GetProperty("status").GetString());
        await app.ReviewedAsync("gpt-4o");
        Assert.Equal(jobsBefore + 7, await app.ScalarAsync<long>("SELECT count(*) FROM review_jobs"));
    }

    [Fact]
    public async Task A_shutdown_date_from_a_source_drives_the_lifecycle_banner()
    {
        await using var app = await SourcesApp.StartAsync(provider);
        var table = JsonNode.Parse(File.ReadAllText(RecordedSourceServer.Fixture("litellm-excerpt.json")))!;
        table["gpt-4o-mini"]!["deprecation_date"] = "2027-01-14";
        app.Server.SetLiteLlm(table.ToJsonString());
        var report = await app.RefreshOneAsync("litellm");
        Assert.Contains(report.Tools.Single(t => t.Slug == "gpt-4o-mini").Outcomes, o => o.Fact == "lifecycle" && o.Kind != FactOutcomeKind.Confirmed);

        var banner = (await app.ApiToolAsync("gpt-4o-mini")).GetProperty("freshness").GetProperty("lifecycle");
        Assert.Equal("deprecated", banner.GetProperty("status").GetString());
        Assert.Equal("Deprecated; shuts down on 14 Jan 2027", banner.GetProperty("text").GetString());
        var page = await app.PageAsync("/tools/gpt-4o-mini");
        Assert.Contains("Deprecated: it shuts down on 14 Jan 2027.", page);
        Assert.Single(Regex.Matches(page, "class=\"lifecycle-banner"));

        // The day passes: the same fact now reads retired, with no new run (cached pages turn over with the date).
        app.Clock.Advance(TimeSpan.FromDays(60));
        page = await app.PageAsync("/tools/gpt-4o-mini");
        Assert.Contains("Retired on 14 Jan 2027: it no longer works.", page);
        Assert.Single(Regex.Matches(page, "class=\"lifecycle-banner"));
        Assert.Equal("retired", (await app.ApiToolAsync("gpt-4o-mini")).GetProperty("lifecycle").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_hosted_api_loses_its_verdict_the_day_its_shutdown_date_passes()
    {
        await using var app = await SourcesApp.StartAsync(provider);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        await app.RewriteToolAsync("gpt-4o-mini", t => t with
        {
            Facts = t.Facts with
            {
                Lifecycle = new SourcedFact<Lifecycle>
                {
                    Value = new Lifecycle { Status = LifecycleStatus.Deprecated, ShutdownDate = today.AddDays(10) },
                    Source = "https://developers.openai.com/api/docs/deprecations",
                    AsOf = today,
                    Status = FactStatus.Verified,
                },
            },
        });
        await app.ReviewedAsync("gpt-4o-mini");
        await app.PanelDrainedAsync();
        const string Sided = "SELECT count(*) FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE t.slug = 'gpt-4o-mini' AND r.is_current AND r.verdict <> 'no-take'";
        Assert.True(await app.ScalarAsync<long>(Sided) > 0);
        var scheduler = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Shipwise.Panel.PanelScheduler>(app.Services);
        Assert.Empty(await scheduler.RequeuePassedShutdownsAsync(TestContext.Current.CancellationToken));

        // No import and no catalog change: only the date moves past the shutdown. The worker sweeps
        // when its day changes; the sweep is also run here at once (a second queueing is harmless).
        app.Clock.Advance(TimeSpan.FromDays(11));
        await scheduler.RequeuePassedShutdownsAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await app.ScalarAsync<long>(Sided) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "gpt-4o-mini still shows a sided review after its shutdown date");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(7, await app.ScalarAsync<long>("SELECT count(*) FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE t.slug = 'gpt-4o-mini' AND r.is_current"));
        Assert.Empty(await scheduler.RequeuePassedShutdownsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_operator_places_an_unplaced_name_and_the_next_run_applies_it_there()
    {
        await using var app = await SourcesApp.StartAsync(provider);
        var ops = await app.SignInAsync(SourcesApp.OperatorEmail);
        var empty = await app.SendAsync(ops.Get("/operator/sources"));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Not run yet.", await empty.Content.ReadAsStringAsync(Token));

        var report = await app.RefreshOneAsync("openrouter");
        Assert.Contains(report.Unplaced, u => u.Name == "deepseek/deepseek-chat");
        Assert.Equal(39, await app.ScalarAsync<long>("SELECT count(*) FROM tools"));

        var placed = await app.SendAsync(ops.Post("/operator/sources?handler=Place", ("source", "openrouter"), ("name", "deepseek/deepseek-chat"), ("tool", "deepseek-v3")));
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var next = await app.RefreshOneAsync("openrouter");
        Assert.DoesNotContain(next.Unplaced, u => u.Name == "deepseek/deepseek-chat");
        var offering = (await app.ApiToolAsync("deepseek-v3")).GetProperty("facts").GetProperty("offerings").EnumerateArray()
            .Single(o => o.GetProperty("provider").GetString() == "OpenRouter");
        Assert.Equal("deepseek/deepseek-chat", offering.GetProperty("modelId").GetString());
        Assert.Equal(39, await app.ScalarAsync<long>("SELECT count(*) FROM tools"));
    }

    [Fact]
    public async Task Old_facts_are_marked_stale_on_the_page_and_in_the_API_until_a_source_confirms_them()
    {
        await using var app = await SourcesApp.StartAsync(provider);
        static IEnumerable<string?> Stale(JsonElement tool) =>
            tool.GetProperty("freshness").GetProperty("stale").EnumerateArray().Select(s => s.GetProperty("fact").GetString());

        // gpt-4o-mini's context window and price date from its July 2024 launch.
        var before = await app.ApiToolAsync("gpt-4o-mini");
        Assert.Equal(180, before.GetProperty("freshness").GetProperty("staleAfterDays").GetInt32());
        Assert.Contains("contextWindow", Stale(before));
        Assert.Contains("pricing", Stale(before));
        Assert.DoesNotContain("license", Stale(before));
        var page = await app.PageAsync("/tools/gpt-4o-mini");
        Assert.Contains("possibly out of date</summary>", page);
        Assert.Contains("Context window: as of 18 Jul 2024", page);

        // OpenRouter reads the same window and price today: confirmed, so no longer stale, though the facts keep their dates.
        await app.RefreshOneAsync("openrouter");
        var after = await app.ApiToolAsync("gpt-4o-mini");
        Assert.DoesNotContain("contextWindow", Stale(after));
        Assert.DoesNotContain("pricing", Stale(after));
        Assert.Equal(
            before.GetProperty("facts").GetProperty("contextWindow").ToString(),
            after.GetProperty("facts").GetProperty("contextWindow").ToString());
        Assert.DoesNotContain("Context window: as of", await app.PageAsync("/tools/gpt-4o-mini"));
    }
}

public sealed class SqliteSourceRefreshTests() : SourceRefreshTests("sqlite");

public sealed class PostgresSourceRefreshTests() : SourceRefreshTests("postgres");
