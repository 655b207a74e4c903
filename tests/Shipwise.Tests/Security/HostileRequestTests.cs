using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shipwise.Accounts;
using Shipwise.Tests.Community;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Security;

/// <summary>
/// Hostile requests against the real server (Kestrel, as deployed: the in-memory test server does
/// not enforce header or body rules), with readers signed in through the app's own services.
/// </summary>
public abstract partial class HostileRequestTests(string provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private IHost _readers = null!;
    private ServerProcess _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _readers = await ReaderHost.StartAsync(_database);
        _server = await ServerProcess.StartAsync(_database, new()
        {
            ["RateLimits__VotesPerAccount__PermitLimit"] = "100000",
            ["RateLimits__VotesPerIp__PermitLimit"] = "100000",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _readers.Dispose();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private HttpClient Client(CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new() })
        {
            BaseAddress = _server.Address,
            Timeout = TimeSpan.FromSeconds(60),
        };

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="__RequestVerificationToken" """)]
    private static partial Regex FormToken();

    [Fact]
    public async Task A_non_ascii_return_address_is_escaped_and_neither_signing_in_nor_bookmarking_fails()
    {
        // A link whose return address came in with non-ASCII letters, as the sign-in form used to let through.
        var email = $"returner-{Guid.NewGuid():n}@example.org";
        var (token, _) = _readers.Services.GetRequiredService<SignInLinks>().Issue(email, "/tools/smolvlm2?from=café");
        var cookies = new CookieContainer();
        using var browser = Client(cookies);
        var page = await browser.GetStringAsync("/signin/confirm?token=" + token, Token);
        var formToken = FormToken().Match(page) is { Success: true } m ? m.Groups[1].Value + m.Groups[2].Value : throw new InvalidOperationException("no form token");
        var confirm = await browser.PostAsync("/signin/confirm", new FormUrlEncodedContent([new("token", token), new("__RequestVerificationToken", formToken)]), Token);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/tools/smolvlm2?from=caf%C3%A9", confirm.Headers.Location?.OriginalString);

        // Bookmarking with such a return address.
        var reader = await TestReaders.SignInAsync(_readers.Services);
        using var client = Client();
        var bookmark = await client.SendAsync(reader.Post("/bookmarks", ("kind", "tool"), ("target", "smolvlm2"), ("returnUrl", "/tools/smolvlm2#ça va")), Token);
        Assert.Equal(HttpStatusCode.Redirect, bookmark.StatusCode);
        Assert.Equal("/tools/smolvlm2#%C3%A7a%20va", bookmark.Headers.Location?.OriginalString);
        var vote = await client.SendAsync(reader.Post("/votes", ("tool", "smolvlm2"), ("choice", "ship"), ("returnUrl", "/tools/smolvlm2?ü")), Token);
        Assert.Equal(HttpStatusCode.SeeOther, vote.StatusCode);
        Assert.Equal("/tools/smolvlm2?%C3%BC", vote.Headers.Location?.OriginalString);
        AssertNoStackTrace();
    }

    [Fact]
    public async Task Hostile_forms_are_refused_with_400_or_413_and_no_stack_trace()
    {
        var reader = await TestReaders.SignInAsync(_readers.Services);
        using var client = Client();
        var forms = new (string Path, (string, string)[] Fields)[]
        {
            ("/votes", [("tool", "smolvlm2"), ("choice", "ship")]),
            ("/picks", [("left", "mlx"), ("right", "ollama"), ("picked", "mlx")]),
            ("/helpful", [("tool", "smolvlm2"), ("critic", "builder"), ("helpful", "yes")]),
        };
        foreach (var (path, fields) in forms)
        {
            // A NUL byte after the first tool's slug, wherever the form names that tool.
            var named = fields[0].Item2;
            var nul = await client.SendAsync(reader.Post(path, [.. fields.Select(f => f.Item2 == named ? (f.Item1, named + "\0") : f)]), Token);
            Assert.True(nul.StatusCode == HttpStatusCode.BadRequest, $"{path} with a NUL: {(int)nul.StatusCode} {await nul.Content.ReadAsStringAsync(Token)}");

            // A control character the framework's decoder lets through.
            var control = await client.SendAsync(reader.Post(path, [.. fields.Select(f => f.Item2 == named ? (f.Item1, named + "\u0001") : f)]), Token);
            Assert.True(control.StatusCode == HttpStatusCode.BadRequest, $"{path} with U+0001: {(int)control.StatusCode}");
            Assert.Contains("U+0001", await control.Content.ReadAsStringAsync(Token));

            // A 10 MB value.
            var huge = reader.Post(path, [.. fields, ("returnUrl", "/" + new string('a', 10 * 1024 * 1024))]);
            huge.Headers.ExpectContinue = true;
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(huge, Token)).StatusCode);

            // 5,000 fields.
            var many = await client.SendAsync(reader.Post(path, [.. fields, .. Enumerable.Range(0, 5000).Select(i => ($"f{i}", "1"))]), Token);
            Assert.True(many.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{path} with 5,000 fields: {(int)many.StatusCode}");

            // A 40 MB body.
            var body = reader.Post(path, fields);
            var content = Encoding.ASCII.GetBytes(await body.Content!.ReadAsStringAsync(Token) + "&pad=" + new string('x', 40 * 1024 * 1024));
            body.Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } };
            body.Headers.ExpectContinue = true;
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.SendAsync(body, Token)).StatusCode);
        }

        // Still serving, and the ordinary form still works.
        Assert.Equal(HttpStatusCode.SeeOther, (await client.SendAsync(reader.Post("/votes", ("tool", "smolvlm2"), ("choice", "ship")), Token)).StatusCode);
        AssertNoStackTrace();
    }

    private void AssertNoStackTrace()
    {
        var log = _server.Output;
        Assert.False(log.Contains("   at ", StringComparison.Ordinal) || log.Contains("Exception", StringComparison.Ordinal), "The server logged an exception:\n" + log);
    }
}

public sealed class SqliteHostileRequestTests() : HostileRequestTests("sqlite");

public sealed class PostgresHostileRequestTests() : HostileRequestTests("postgres");
