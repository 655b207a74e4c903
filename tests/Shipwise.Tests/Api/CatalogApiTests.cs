using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Api;

public abstract class CatalogApiTests(AppFixture app)
{
    private HttpClient Client => app.Client;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Health_reports_the_database()
    {
        var response = await Client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal(app.Provider, body.GetProperty("database").GetString());
        Assert.True(body.GetProperty("schemaVersion").GetInt32() >= 2);
    }

    [Fact]
    public async Task The_demo_catalog_is_loaded_on_first_start()
    {
        var body = await JsonAsync(await Client.GetAsync("/api/tools?pageSize=100", TestContext.Current.CancellationToken));
        Assert.True(body.GetProperty("total").GetInt64() >= 30);
        Assert.Equal(body.GetProperty("total").GetInt64(), body.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_tool_shows_its_prices_with_source_and_date()
    {
        var response = await Client.GetAsync("/api/tools/mistral-medium-3", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pricing = (await JsonAsync(response)).GetProperty("facts").GetProperty("pricing");
        Assert.True(pricing.GetProperty("value").GetProperty("inputPerMillionTokensUsd").GetDecimal() > 0);
        Assert.True(pricing.GetProperty("value").GetProperty("outputPerMillionTokensUsd").GetDecimal() > 0);
        Assert.StartsWith("https://", pricing.GetProperty("source").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", pricing.GetProperty("asOf").GetString()!);
        Assert.Contains(pricing.GetProperty("status").GetString(), new[] { "verified", "vendor-claim", "unverified" });
    }

    [Fact]
    public async Task Entry_is_derived_from_pricing()
    {
        var paid = await JsonAsync(await Client.GetAsync("/api/tools/mistral-medium-3", TestContext.Current.CancellationToken));
        Assert.Equal("paid", paid.GetProperty("entry").GetString());
        var free = await JsonAsync(await Client.GetAsync("/api/tools/smolvlm2", TestContext.Current.CancellationToken));
        Assert.Equal("free", free.GetProperty("entry").GetString());
    }

    [Theory]
    [InlineData("/api/tools/smolvlm2-2b", "/api/tools/smolvlm2")]
    [InlineData("/api/tools/SmolVLM2", "/api/tools/smolvlm2")]
    public async Task An_alias_redirects_permanently_to_the_canonical_slug(string path, string canonical)
    {
        var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unknown_slug_is_a_404_problem()
    {
        var response = await Client.GetAsync("/api/tools/no-such-tool", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await JsonAsync(response);
        Assert.Equal(404, body.GetProperty("status").GetInt32());
        Assert.Contains("no-such-tool", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("category=inference-runtimes", "llama-cpp")]
    [InlineData("kind=runtime", "vllm")]
    [InlineData("q=smolvlm2-2b", "smolvlm2")]
    [InlineData("q=hugging%20face", "smolvlm2")]
    [InlineData("q=MISTRAL%20medium", "mistral-medium-3")]
    public async Task The_list_filters_and_searches(string query, string expectedSlug)
    {
        var body = await JsonAsync(await Client.GetAsync($"/api/tools?pageSize=100&{query}", TestContext.Current.CancellationToken));
        var slugs = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        Assert.Contains(expectedSlug, slugs);
        Assert.True(slugs.Count < 40, $"the filter '{query}' returned {slugs.Count} tools");
    }

    [Fact]
    public async Task The_list_is_paged()
    {
        var first = await JsonAsync(await Client.GetAsync("/api/tools?pageSize=5&page=1", TestContext.Current.CancellationToken));
        var second = await JsonAsync(await Client.GetAsync("/api/tools?pageSize=5&page=2", TestContext.Current.CancellationToken));
        var a = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        var b = second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        Assert.Equal(5, a.Count);
        Assert.Equal(5, b.Count);
        Assert.Empty(a.Intersect(b));
    }

    [Fact]
    public async Task A_page_far_past_the_end_is_empty_rather_than_page_one()
    {
        // (21474838 - 1) × 100 does not fit in an int: the offset must not wrap around to the start.
        var body = await JsonAsync(await Client.GetAsync("/api/tools?page=21474838&pageSize=100", TestContext.Current.CancellationToken));
        Assert.Equal(21474838, body.GetProperty("page").GetInt32());
        Assert.Equal(0, body.GetProperty("items").GetArrayLength());
        Assert.True(body.GetProperty("total").GetInt64() > 0);
    }

    [Theory]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("category=Models", "category")]
    [InlineData("kind=robot", "kind")]
    public async Task Bad_list_parameters_are_named_in_a_400(string query, string parameter)
    {
        var response = await Client.GetAsync($"/api/tools?{query}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.True(body.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task The_openapi_document_is_served()
    {
        var response = await Client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.True(body.GetProperty("paths").TryGetProperty("/api/tools/{slug}", out _));
    }
}

public sealed class SqliteCatalogApiTests(SqliteApp app) : CatalogApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresCatalogApiTests(PostgresApp app) : CatalogApiTests(app), IClassFixture<PostgresApp>;
