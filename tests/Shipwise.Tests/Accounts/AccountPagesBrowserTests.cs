using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shipwise.Tests.Browser;
using Shipwise.Tests.Infrastructure;
using Shipwise.Tests.Mail;

namespace Shipwise.Tests.Accounts;

/// <summary>
/// Signing in, bookmarking and deleting in headless Chromium with JavaScript off (the pages need none),
/// with axe-core checking every account page against WCAG 2.2 AA in the light and the dark scheme.
/// </summary>
public sealed class AccountPagesBrowserTests : IAsyncLifetime
{
    private const string RunAxe = """
        async () => (await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
            resultTypes: ['violations'],
        })).violations.map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))
        """;

    private TestDatabase? _database;
    private MailDevServer? _mail;
    private ShipwiseFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseUrl = "";

    public async ValueTask InitializeAsync()
    {
        if (ExternalTools.Problem(ExternalTools.ChromiumVariable, "Chromium") is not null)
        {
            return;
        }

        _database = await TestDatabase.CreateAsync("sqlite");
        _mail = await MailDevServer.StartAsync();
        _factory = new ShipwiseFactory(_database, AccountsApp.Settings(_mail));
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        _baseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable(ExternalTools.ChromiumVariable),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        });
    }

    [Fact]
    public async Task A_reader_signs_in_bookmarks_and_deletes_the_account_on_accessible_pages()
    {
        var axe = ExternalTools.Require(ExternalTools.AxeVariable, "axe-core");
        var email = $"browser-{Guid.NewGuid():n}@shipwise.test";
        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl, JavaScriptEnabled = false, Locale = "en-GB" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var checkedPages = new List<string>();

        async Task CheckAsync(string what)
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                // A second context with scripts on (and the CSP bypassed) runs axe on the same address and cookies.
                await using var audit = await _browser!.NewContextAsync(new BrowserNewContextOptions
                {
                    BaseURL = _baseUrl,
                    ColorScheme = scheme,
                    BypassCSP = true,
                    StorageState = await context.StorageStateAsync(),
                });
                var auditPage = await audit.NewPageAsync();
                await auditPage.GotoAsync(page.Url);
                await auditPage.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axe });
                var violations = (await auditPage.EvaluateAsync<JsonElement>(RunAxe)).EnumerateArray().Select(v => v.GetString()).ToList();
                Assert.True(violations.Count == 0, $"axe on {what} ({scheme}):\n" + string.Join("\n", violations));
            }

            checkedPages.Add(what);
        }

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await CheckAsync("sign-in form");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a sign-in link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        await CheckAsync("check your email");

        var mail = await _mail!.WaitForMessagesAsync(1, m => m.Recipient == email, cancellationToken: TestContext.Current.CancellationToken);
        await page.GotoAsync(new Uri(ReaderBrowser.LinkIn(mail[0].Text!)).PathAndQuery);
        await CheckAsync("finish signing in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(email)).ToBeVisibleAsync();
        await CheckAsync("account");

        await page.GotoAsync("/bookmarks");
        await CheckAsync("no bookmarks");
        // No catalog page shows the bookmark button yet (its owners add it), so the form is posted as the partial would post it.
        await context.APIRequest.PostAsync("/bookmarks", new APIRequestContextOptions
        {
            Form = context.APIRequest.CreateFormData()
                .Append("kind", "tool").Append("target", "smolvlm2")
                .Append("__RequestVerificationToken", await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value") ?? ""),
            MaxRedirects = 0,
        });
        await page.GotoAsync("/bookmarks");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "SmolVLM2" })).ToBeVisibleAsync();
        await CheckAsync("bookmarks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove bookmark: SmolVLM2" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Nothing bookmarked yet")).ToBeVisibleAsync();

        await page.GotoAsync("/privacy");
        await CheckAsync("privacy");
        await page.GotoAsync("/account");
        await page.GetByLabel("Yes, delete my account for good").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account is deleted" })).ToBeVisibleAsync();
        await CheckAsync("account deleted");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(8, checkedPages.Count);
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

        if (_mail is not null)
        {
            await _mail.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
