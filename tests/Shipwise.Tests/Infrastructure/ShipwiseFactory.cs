using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Shipwise.Tests.Infrastructure;

/// <summary>The real app over HTTP (in-memory server) on a real database.</summary>
public sealed class ShipwiseFactory(TestDatabase database, Dictionary<string, string?>? extraSettings = null, DateTimeOffset? start = null) : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(start ?? TestClock.DefaultStart);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = database.Settings();
        settings["Catalog:DemoCatalogPath"] = RepoPaths.FixtureCatalog;
        settings["Startup:Migrate"] = "true";
        settings["Panel:CriticsPath"] = RepoPaths.CriticsFolder;
        settings["Panel:PollSeconds"] = "1";
        foreach (var (key, value) in extraSettings ?? [])
        {
            settings[key] = value;
        }

        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}

/// <summary>One database and one running app per test class, for each provider.</summary>
public abstract class AppFixture(string provider) : IAsyncLifetime
{
    private readonly FixtureSkip _skip = new();
    private TestDatabase? _database;
    private ShipwiseFactory? _factory;
    private HttpClient? _client;

    public TestDatabase Database => _skip.Get(_database);

    public ShipwiseFactory Factory => _skip.Get(_factory);

    public HttpClient Client => _skip.Get(_client);

    public string Provider => provider;

    public virtual ValueTask InitializeAsync() => _skip.StartAsync(async () =>
    {
        _database = await TestDatabase.CreateAsync(provider);
        _factory = CreateFactory(_database);
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PanelDrainedAsync();
    });

    protected virtual ShipwiseFactory CreateFactory(TestDatabase database) => new(database);

    /// <summary>Waits until the background worker has reviewed everything queued (at most a minute).</summary>
    public async Task PanelDrainedAsync()
    {
        var jobs = Factory.Services.GetRequiredService<Shipwise.Panel.ReviewJobStore>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var counts = await jobs.CountAsync(null, CancellationToken.None);
            if (counts.Done + counts.Failed > 0 && counts.Pending + counts.Running == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The panel did not finish: {counts}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp() : AppFixture("sqlite");

public sealed class PostgresApp() : AppFixture("postgres");

/// <summary>The app seeded with the demo catalog it ships (data/catalog), on the day that catalog was checked.</summary>
public abstract class DemoAppFixture(string provider) : AppFixture(provider)
{
    public static DateTimeOffset CatalogDay { get; } = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    protected override ShipwiseFactory CreateFactory(TestDatabase database) =>
        new(database, new() { ["Catalog:DemoCatalogPath"] = RepoPaths.DemoCatalog }, CatalogDay);
}

public sealed class SqliteDemoApp() : DemoAppFixture("sqlite");

public sealed class PostgresDemoApp() : DemoAppFixture("postgres");
