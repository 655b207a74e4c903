using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Shipwise.Catalog;
using Shipwise.Data;
using Shipwise.Hosting;
using Shipwise.Search;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Search;

/// <summary>One node: the app's services plus search, on a test database and its own test clock.</summary>
public static class SearchTestHost
{
    public static async Task<IHost> StartAsync(TestDatabase database, FakeTimeProvider clock, bool migrateAndSeed = true)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = database.Settings();
        settings["Panel:CriticsPath"] = RepoPaths.CriticsFolder;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddShipwise();
        builder.AddSearch();
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(clock);
        var host = builder.Build();
        if (migrateAndSeed)
        {
            await host.Services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);
            await host.Services.GetRequiredService<CatalogImporter>().ImportFileAsync(RepoPaths.FixtureCatalog, cancellationToken: TestContext.Current.CancellationToken);
        }

        return host;
    }

    public static ToolSearch Search(this IHost host) => host.Services.GetRequiredService<ToolSearch>();

    /// <summary>A catalog file holding one demo tool changed by <paramref name="change"/> (a new slug makes it a new tool).</summary>
    public static byte[] CatalogWith(string demoSlug, Action<JsonObject> change)
    {
        var catalog = JsonNode.Parse(File.ReadAllText(RepoPaths.FixtureCatalog))!.AsObject();
        var tool = catalog["tools"]!.AsArray().Single(t => (string?)t!["slug"] == demoSlug)!.DeepClone().AsObject();
        change(tool);
        catalog["tools"] = new JsonArray(tool);
        return System.Text.Encoding.UTF8.GetBytes(catalog.ToJsonString());
    }

    public static Task ImportAsync(this IHost host, byte[] json) =>
        host.Services.GetRequiredService<CatalogImporter>().ImportJsonAsync("test.json", json, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Searches until a hit satisfies <paramref name="found"/> (the refresh runs in the background) or 15 s pass.</summary>
    public static async Task<SearchResult> EventuallyAsync(this ToolSearch search, string query, Func<SearchResult, bool> found)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var result = await search.SearchAsync(query, 10, TestContext.Current.CancellationToken);
            if (found(result) || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
