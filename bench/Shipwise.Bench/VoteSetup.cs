using Dapper;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Shipwise.Accounts;
using Shipwise.Catalog;
using Shipwise.Data;
using Shipwise.Hosting;
using Shipwise.Site;

namespace Shipwise.Bench;

/// <summary>
/// Prepares the vote benchmark (bench/run-votes.sh): migrates the database, loads the demo
/// catalog, and signs in READERS readers through the app's own code (the sign-in link path
/// creates each account; the real cookie handler writes its session cookie; the real antiforgery
/// service its form token). Writes one reader per line ("Cookie header", tab, form token) and one
/// tool slug per line, for the wrk script. The key ring is in the database, so the server started
/// on it afterwards accepts these cookies and tokens as its own.
/// </summary>
public static class VoteSetup
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var provider, var connectionString, var readersText, var demoCatalog, var outFolder] || !int.TryParse(readersText, out var count) || count < 1)
        {
            Console.Error.WriteLine("usage: Shipwise.Bench votes-setup sqlite|postgres CONNECTION_STRING READERS DEMO_CATALOG OUT_FOLDER");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
            ["Panel:CriticsPath"] = Path.Combine(Path.GetDirectoryName(demoCatalog)!, "critics"),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddShipwise();
        builder.AddAccounts();
        using var host = builder.Build();
        var services = host.Services;
        await services.GetRequiredService<MigrationRunner>().MigrateAsync();
        await services.GetRequiredService<CatalogImporter>().ImportFileAsync(demoCatalog);

        var started = DateTime.UtcNow;
        var links = services.GetRequiredService<SignInLinks>();
        var accounts = services.GetRequiredService<AccountStore>();
        var sessions = services.GetRequiredService<Sessions>();
        var antiforgery = services.GetRequiredService<IAntiforgery>();
        var antiforgeryCookie = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
        Directory.CreateDirectory(outFolder);
        await using (var readers = new StreamWriter(Path.Combine(outFolder, "readers.tsv")))
        {
            for (var i = 0; i < count; i++)
            {
                var (_, link) = links.Issue($"bench-reader-{i}-{Guid.NewGuid():n}@example.org", null);
                var (_, account) = await accounts.SignInWithLinkAsync(link, CancellationToken.None);
                using var scope = services.CreateScope();
                var signIn = NewContext(scope.ServiceProvider);
                await sessions.SignInAsync(signIn, account!);
                var page = NewContext(scope.ServiceProvider);
                page.User = Sessions.Principal(account!, isOperator: false);
                var tokens = antiforgery.GetAndStoreTokens(page);
                var cookie = $"{SiteRegistration.SessionCookie}={CookieValue(signIn, SiteRegistration.SessionCookie)}; {antiforgeryCookie}={CookieValue(page, antiforgeryCookie)}";
                await readers.WriteLineAsync($"{cookie}\t{tokens.RequestToken}");
            }
        }

        await using var connection = await services.GetRequiredService<Db>().OpenAsync();
        var slugs = (await connection.QueryAsync<string>("SELECT slug FROM tools ORDER BY slug")).ToList();
        await File.WriteAllLinesAsync(Path.Combine(outFolder, "tools.txt"), slugs);
        Console.WriteLine($"Signed in {count:N0} readers in {(DateTime.UtcNow - started).TotalSeconds:0.0} s; {slugs.Count} tools.");
        return 0;
    }

    private static DefaultHttpContext NewContext(IServiceProvider services)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        return context;
    }

    private static string CookieValue(HttpContext context, string name) =>
        context.Response.Headers.SetCookie
            .Select(header => SetCookieHeaderValue.TryParse(header, out var cookie) ? cookie : null)
            .FirstOrDefault(cookie => cookie?.Name.ToString() == name)?.Value.ToString()
        ?? throw new InvalidOperationException($"No {name} cookie was set.");
}
