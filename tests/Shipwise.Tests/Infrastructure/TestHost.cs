using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Shipwise.Catalog;
using Shipwise.Data;
using Shipwise.Hosting;

namespace Shipwise.Tests.Infrastructure;

/// <summary>The app's services without the web server (as the CLI builds them), on a test database and a test clock.</summary>
public static class TestHost
{
    public static async Task<IHost> StartAsync(TestDatabase database, FakeTimeProvider clock, Dictionary<string, string?>? settings = null, bool seed = true)
    {
        var builder = Host.CreateApplicationBuilder();
        var all = database.Settings();
        all["Panel:CriticsPath"] = RepoPaths.CriticsFolder;
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddShipwise();
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(clock);
        var host = builder.Build();
        await host.Services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);
        if (seed)
        {
            await host.Services.GetRequiredService<CatalogImporter>().ImportFileAsync(RepoPaths.FixtureCatalog, cancellationToken: TestContext.Current.CancellationToken);
        }

        return host;
    }
}
