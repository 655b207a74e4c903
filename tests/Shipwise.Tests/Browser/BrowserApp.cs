using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shipwise.Panel;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Browser;

/// <summary>
/// The real app on a real loopback port (Kestrel, a SQLite file with the demo catalog, the
/// panel drained) and one headless Debian Chromium, shared by every browser test.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    private static readonly string[] _chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private TestDatabase? _database;
    private ShipwiseFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotFolder => Path.Combine(RepoPaths.Root, "artifacts", "screenshots");

    public async ValueTask InitializeAsync()
    {
        // Without a browser there is nothing to start; each test then skips or fails with the reason.
        if (ExternalTools.Problem(ExternalTools.ChromiumVariable, "Chromium") is not null)
        {
            return;
        }

        _database = await TestDatabase.CreateAsync("sqlite");
        _factory = new ShipwiseFactory(_database);
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        BaseUrl = addresses.Addresses.First().TrimEnd('/');
        await PanelDrainedAsync();

        // Generous waits: CI shares two cores with the rest of the suite, and the pages do not animate.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable(ExternalTools.ChromiumVariable),
            Headless = true,
            Args = _chromiumArgs,
        });
    }

    /// <summary>A fresh browser context (its own cookies and settings) on the app; skips or fails when there is no browser.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool javaScript = true, ColorScheme colorScheme = ColorScheme.Light, int width = 1280, int height = 900, bool bypassCsp = false)
    {
        ExternalTools.Require(ExternalTools.ChromiumVariable, "Chromium");
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            JavaScriptEnabled = javaScript,
            ColorScheme = colorScheme,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassCsp,
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>Waits until the background worker has reviewed everything queued (at most a minute).</summary>
    private async Task PanelDrainedAsync()
    {
        var jobs = _factory!.Services.GetRequiredService<ReviewJobStore>();
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
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>;

/// <summary>The pages every browser check visits: one of each page type, with real content.</summary>
public static class SitePages
{
    public static readonly IReadOnlyDictionary<string, string> Main = new Dictionary<string, string>
    {
        ["home"] = "/",
        ["tool"] = "/tools/smolvlm2",
        ["compare"] = "/compare/mistral-small-3-1-vs-smolvlm2",
        ["critic"] = "/critics/builder?category=language-models",
        ["category"] = "/categories/language-models",
        ["search"] = "/search?q=mistal+small",
    };

    /// <summary>The main pages plus every other page type a reader can reach.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(Main)
    {
        ["compare-form"] = "/compare",
        ["compare-error"] = "/compare?a=smolvlm&b=no-such-tool",
        ["compare-question"] = "/compare?a=mistral&b=smolvlm2",
        ["search-empty"] = "/search",
        ["critics"] = "/critics",
        ["categories"] = "/categories",
        ["about"] = "/about",
        ["not-found"] = "/tools/no-such-tool",
        ["embed"] = "/embed/smolvlm2",
    };

    public static TheoryData<string> MainNames() => [.. Main.Keys];

    public static TheoryData<string, string> AllNamesInBothSchemes()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in All.Keys)
        {
            data.Add(name, "light");
            data.Add(name, "dark");
        }

        return data;
    }
}
