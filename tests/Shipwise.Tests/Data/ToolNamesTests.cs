using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shipwise.Catalog;
using Shipwise.Data;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Data;

/// <summary>The one resolver from a name to a tool (<see cref="ToolNames"/>), on the fixture catalog.</summary>
public abstract class ToolNamesTests(string provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exact_and_lenient_rules_give_the_same_answers_one_at_a_time_and_in_batches()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var host = await TestHost.StartAsync(database, new FakeTimeProvider(TestClock.DefaultStart));
        var names = host.Services.GetRequiredService<ToolNames>();

        // Exact: a slug, or an alias as stored (slug form); nothing else.
        var exact = await names.ExactAsync(["smolvlm2", "smolvlm2-2b", "SmolVLM2-2B", "no-such-tool"], Token);
        Assert.Equal(["smolvlm2", "smolvlm2-2b"], exact.Keys.Order(StringComparer.Ordinal));
        Assert.All(exact.Values, r => Assert.Equal("smolvlm2", r.Slug));
        Assert.Equal(exact["smolvlm2"].Id, exact["smolvlm2-2b"].Id);
        Assert.False(string.IsNullOrEmpty(exact["smolvlm2"].Name));

        // Lenient: what a reader types, in any case and punctuation.
        string[] typed = ["SmolVLM2-2B", "SMOLVLM2", "llava-v1.5-7b", "LLaVA 1.5", "no such tool"];
        var lenient = await names.ResolveAsync(typed, Token);
        Assert.Equal(["smolvlm2", "smolvlm2", "llava", "llava"], typed.Where(lenient.ContainsKey).Select(n => lenient[n].Slug));
        foreach (var name in typed)
        {
            Assert.Equal(lenient.GetValueOrDefault(name), await names.ResolveAsync(name, Token));
        }

        // More names than one query takes (a chunk is 1000): the same answers.
        var many = Enumerable.Range(0, 2500).Select(i => $"unknown-{i}").Concat(typed).ToList();
        var batched = await names.ResolveAsync(many, Token);
        Assert.Equal(lenient.OrderBy(r => r.Key, StringComparer.Ordinal), batched.OrderBy(r => r.Key, StringComparer.Ordinal));

        // The catalog's own lookups answer through it: a page address and a command line name the same tool.
        var queries = host.Services.GetRequiredService<CatalogQueries>();
        Assert.Equal("smolvlm2", (await queries.FindAsync("SmolVLM2-2B", Token)).RedirectTo);
        Assert.Equal([lenient["SMOLVLM2"].Id], (await queries.ResolveAsync(["SMOLVLM2"], Token)).Ids);
    }
}

public sealed class SqliteToolNamesTests() : ToolNamesTests("sqlite");

public sealed class PostgresToolNamesTests() : ToolNamesTests("postgres");
