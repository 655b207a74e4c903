using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Shipwise.Search;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Search;

/// <summary>The demo catalog imported into a real database, searched through the registered <see cref="ToolSearch"/>.</summary>
public abstract class SearchCatalog(string provider) : IAsyncLifetime
{
    private readonly FixtureSkip _skip = new();
    private TestDatabase? _database;
    private IHost? _host;

    public TestDatabase Database => _skip.Get(_database);

    public IHost Host => _skip.Get(_host);

    public ToolSearch Search => Host.Search();

    public ValueTask InitializeAsync() => _skip.StartAsync(async () =>
    {
        _database = await TestDatabase.CreateAsync(provider);
        _host = await SearchTestHost.StartAsync(_database, new FakeTimeProvider(TestClock.DefaultStart));
    });

    public async ValueTask DisposeAsync()
    {
        _host?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSearchCatalog() : SearchCatalog("sqlite");

public sealed class PostgresSearchCatalog() : SearchCatalog("postgres");

public abstract class ToolSearchTests(SearchCatalog catalog)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Task<SearchResult> SearchAsync(string query, int limit = 10) => catalog.Search.SearchAsync(query, limit, Token);

    private async Task<List<string>> SlugsAsync(string query, int limit = 10) => (await SearchAsync(query, limit)).Hits.Select(h => h.Slug).ToList();

    [Theory]
    [InlineData("smolvlm", "smolvlm2")]
    [InlineData("SmolVLM", "smolvlm2")]
    [InlineData("smolvml2", "smolvlm2")]
    [InlineData("lama cpp", "llama-cpp")]
    [InlineData("llama.cpp", "llama-cpp")]
    [InlineData("llamacpp", "llama-cpp")]
    [InlineData("ollma", "ollama")]
    [InlineData("pixtrall", "pixtral-12b")]
    [InlineData("deepsek v3", "deepseek-v3")]
    [InlineData("deepseekv3", "deepseek-v3")]
    [InlineData("gemni flash", "gemini-2-5-flash")]
    [InlineData("claude sonet", "claude-sonnet-5-5")]
    [InlineData("florence2", "florence-2")]
    [InlineData("paligema", "paligemma-2")]
    [InlineData("text generaton inference", "text-generation-inference")]
    [InlineData("gpt4o mini", "gpt-4o-mini")]
    [InlineData("Qwen2.5-VL", "qwen2-5-vl")]
    [InlineData("mistral small 3.1", "mistral-small-3-1")]
    public async Task A_name_typed_loosely_or_wrongly_finds_the_tool_first(string query, string slug)
    {
        var result = await SearchAsync(query);
        Assert.True(result.Hits.Count > 0 && result.Hits[0].Slug == slug, $"'{query}' gave: {string.Join(", ", result.Hits.Select(h => h.Slug))}");
    }

    [Fact]
    public async Task A_misspelt_word_finds_both_mistral_small_versions_and_says_it_corrected()
    {
        var result = await SearchAsync("mistal small");
        Assert.Equal(["mistral-small-3", "mistral-small-3-1"], result.Hits.Take(2).Select(h => h.Slug));
        Assert.True(result.Corrected);
        Assert.All(result.Hits.Take(2), h => Assert.Equal("name", h.MatchedOn));

        // Others only match through vendor and tagline ("Mistral AI", "the smallest member").
        Assert.All(result.Hits.Skip(2), h => Assert.NotEqual("name", h.MatchedOn));

        Assert.False((await SearchAsync("mistral small")).Corrected);
    }

    [Fact]
    public async Task Qwen_vl_finds_both_vision_models_and_not_the_text_model()
    {
        var slugs = await SlugsAsync("qwen vl");
        Assert.Equal(["qwen2-vl", "qwen2-5-vl"], slugs);
        Assert.DoesNotContain("qwen-2-5", slugs);
    }

    [Fact]
    public async Task An_exact_name_comes_before_names_it_starts()
    {
        Assert.Equal(["gpt-4o", "gpt-4o-mini"], (await SlugsAsync("gpt-4o")).Take(2));
        Assert.Equal(["mistral-small-3", "mistral-small-3-1"], (await SlugsAsync("Mistral Small 3")).Take(2));
        var exact = (await SearchAsync("Mistral Small 3")).Hits;
        Assert.True(exact[0].Score > exact[1].Score);
    }

    [Fact]
    public async Task An_alias_finds_its_tool_and_says_so()
    {
        var hit = (await SearchAsync("SmolVLM2-2B")).Hits[0];
        Assert.Equal(("smolvlm2", "alias"), (hit.Slug, hit.MatchedOn));
        Assert.Equal(100, hit.Score);
        hit = (await SearchAsync("TGI")).Hits[0];
        Assert.Equal(("text-generation-inference", "alias"), (hit.Slug, hit.MatchedOn));
    }

    [Fact]
    public async Task Hits_carry_the_tools_fields()
    {
        var hit = (await SearchAsync("smolvlm2")).Hits[0];
        Assert.Equal(("SmolVLM2", "Hugging Face", "vision-language-models"), (hit.Name, hit.Vendor, hit.Category));
        Assert.StartsWith("Hugging Face's 2.2B open model", hit.Tagline);
        Assert.True(hit.ToolId > 0);
    }

    [Fact]
    public async Task Names_rank_above_category_and_tagline_matches()
    {
        // "vision" is in one name, in the category of the vision-language models and in some taglines.
        var hits = (await SearchAsync("vision", 50)).Hits;
        Assert.Equal(("llama-3-2-vision", "name"), (hits[0].Slug, hits[0].MatchedOn));
        int Class(string field) => field switch { "name" or "alias" or "slug" => 0, "vendor" => 1, "category" => 2, _ => 3 };
        Assert.Equal(hits.Select(h => Class(h.MatchedOn)).Order(), hits.Select(h => Class(h.MatchedOn)));
        Assert.Contains(hits, h => h.Slug == "smolvlm2" && h.MatchedOn == "category");
        Assert.Contains(hits, h => h.Slug == "ministral-3-3b" && h.MatchedOn == "tagline");
        Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Slug), hits.Select(h => h.Slug));
    }

    [Fact]
    public async Task Fewer_typos_rank_higher()
    {
        // LLaVA and Ollama are one edit from "llama"; the three Llama tools are none.
        var slugs = await SlugsAsync("llama");
        Assert.Equal(["llama-3-1-405b", "llama-3-2-vision", "llama-cpp"], slugs.Take(3).Order(StringComparer.Ordinal));
        Assert.Equal(["llava", "ollama"], slugs.Skip(3).Take(2));
    }

    [Fact]
    public async Task Ties_are_ordered_by_how_close_the_name_is_to_the_query_then_by_name()
    {
        var hits = (await SearchAsync("hugging face", 50)).Hits.Where(h => h.MatchedOn == "vendor").ToList();
        Assert.True(hits.Count >= 3);
        var expected = hits.OrderBy(h => Shipwise.Search.SearchText.Distance(Shipwise.Search.SearchText.Glue(h.Name), "huggingface", 63))
            .ThenBy(h => h.Name, StringComparer.OrdinalIgnoreCase).Select(h => h.Name);
        Assert.Equal(expected, hits.Select(h => h.Name));
    }

    [Fact]
    public async Task Vendor_and_category_words_find_tools()
    {
        var vendor = await SearchAsync("hugging face", 50);
        Assert.Equal(["smolvlm2", "text-generation-inference", "transformers"], vendor.Hits.Select(h => h.Slug).Order(StringComparer.Ordinal));
        Assert.All(vendor.Hits, h => Assert.Equal("vendor", h.MatchedOn));

        var category = await SearchAsync("inference runtimes", 50);
        Assert.Contains(category.Hits, h => h.Slug == "vllm" && h.MatchedOn == "category");
        Assert.All(category.Hits, h => Assert.Equal("inference-runtimes", h.Category));
    }

    [Fact]
    public async Task A_broad_query_returns_each_tool_once_and_counts_them_all()
    {
        var all = await SearchAsync("models", 200);
        Assert.Equal(all.Hits.Count, all.Hits.Select(h => h.ToolId).Distinct().Count());
        Assert.Equal(all.Total, all.Hits.Count);
        Assert.True(all.Total > 20);

        var few = await SearchAsync("models", 5);
        Assert.Equal(5, few.Hits.Count);
        Assert.Equal(all.Total, few.Total);
        Assert.Equal(all.Hits.Take(5).Select(h => h.ToolId), few.Hits.Select(h => h.ToolId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-- ... !!")]
    public async Task An_empty_query_gives_an_empty_result(string query)
    {
        var result = await SearchAsync(query);
        Assert.Empty(result.Hits);
        Assert.Equal(query.Trim(), result.Query);
        Assert.Equal(0, result.Total);
        Assert.False(result.Corrected);
    }

    [Fact]
    public async Task Words_nothing_resembles_find_nothing()
    {
        Assert.Empty((await SearchAsync("zzqxv")).Hits);
        Assert.Empty((await SearchAsync("mistral small zzqxv")).Hits);
    }

    [Fact]
    public async Task A_long_query_is_cut_to_200_characters_and_8_terms()
    {
        // The ninth distinct term, and anything after 200 characters, is ignored.
        Assert.Equal("mistral-small-3", (await SlugsAsync("mistral small 24b instruct 2501 apache text january zzqxv"))[0]);
        Assert.Empty(await SlugsAsync("mistral small 24b instruct 2501 apache zzqxv"));
        Assert.Equal("mistral-small-3", (await SlugsAsync("mistral small 24b " + new string(' ', 200) + "zzqxv"))[0]);
        var huge = await SearchAsync(string.Concat(Enumerable.Repeat("mistral ", 10_000)));
        Assert.NotEmpty(huge.Hits);
        Assert.Equal(string.Concat(Enumerable.Repeat("mistral ", 25)).Trim(), huge.Query);
    }

    [Theory]
    [InlineData("mistral-smal-3-1", "mistral-small-3-1")]
    [InlineData("smolvlm-2b", "smolvlm2")]
    [InlineData("lama-cpp", "llama-cpp")]
    [InlineData("gpt-5-mini", "gpt-4o-mini")]
    [InlineData("qwen2-5-vl-32b", "qwen2-5-vl")]
    public async Task Suggestions_for_a_mistyped_slug_start_with_the_nearest_tool(string slug, string expected)
    {
        var hits = await catalog.Search.SuggestAsync(slug, 5, Token);
        Assert.True(hits.Count > 0 && hits[0].Slug == expected, $"'{slug}' gave: {string.Join(", ", hits.Select(h => h.Slug))}");
        Assert.True(hits.Count <= 5);
    }

    [Fact]
    public async Task Suggestions_for_nonsense_or_nothing_are_empty()
    {
        Assert.Empty(await catalog.Search.SuggestAsync("zzqxv-qqwwx", 5, Token));
        Assert.Empty(await catalog.Search.SuggestAsync("", 5, Token));
    }

    [Fact]
    public void Search_is_registered_once_per_node()
    {
        Assert.Same(catalog.Search, catalog.Host.Services.GetRequiredService<ToolSearch>());
    }
}

public sealed class SqliteToolSearchTests(SqliteSearchCatalog catalog) : ToolSearchTests(catalog), IClassFixture<SqliteSearchCatalog>;

public sealed class PostgresToolSearchTests(PostgresSearchCatalog catalog) : ToolSearchTests(catalog), IClassFixture<PostgresSearchCatalog>;
