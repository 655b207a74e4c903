using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Shipwise.Accounts;
using Shipwise.Site;

namespace Shipwise.Tests.Community;

/// <summary>A signed-in reader as a browser holds it: the session cookie, the antiforgery cookie and the form token.</summary>
public sealed record TestReader(long AccountId, string Email, string Cookies, string FormToken)
{
    /// <summary>A form POST with this reader's cookies and (unless <paramref name="withToken"/> is false) the form token.</summary>
    public HttpRequestMessage Post(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        var all = fields.ToList();
        if (withToken)
        {
            all.Add(new("__RequestVerificationToken", FormToken));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(all) };
        request.Headers.Add("Cookie", Cookies);
        return request;
    }

    public HttpRequestMessage Post(string path, params (string Name, string Value)[] fields) =>
        Post(path, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    public HttpRequestMessage Get(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", Cookies);
        return request;
    }
}

/// <summary>
/// Signs readers in through the app's own services, with no test-only endpoint in the product:
/// the account is created by the sign-in link code path (<see cref="SignInLinks"/> and
/// <see cref="AccountStore"/>, as clicking an emailed link does), the session cookie is written
/// by <see cref="Sessions.SignInAsync"/> through the real cookie handler, and the form token by
/// the real <see cref="IAntiforgery"/>. The services must share the server's database, whose
/// Data Protection key ring makes the cookies valid on the server.
/// </summary>
public static class TestReaders
{
    private static int _next;

    public static async Task<TestReader> SignInAsync(IServiceProvider services, string? email = null)
    {
        email ??= $"reader{Interlocked.Increment(ref _next)}-{Guid.NewGuid():n}@example.org";
        var (_, link) = services.GetRequiredService<SignInLinks>().Issue(email, null);
        var (_, account) = await services.GetRequiredService<AccountStore>().SignInWithLinkAsync(link, CancellationToken.None);
        Assert.NotNull(account);

        using var scope = services.CreateScope();
        var signIn = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        signIn.Request.Scheme = "http";
        signIn.Request.Host = new HostString("localhost");
        await services.GetRequiredService<Sessions>().SignInAsync(signIn, account);
        var session = CookieValue(signIn.Response.Headers.SetCookie, SiteRegistration.SessionCookie);

        // The form token is bound to the reader, as on a page the reader is signed in to.
        var isOperator = services.GetRequiredService<IOptions<AccountOptions>>().Value.IsOperatorAddress(account.Email);
        var page = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = Sessions.Principal(account, isOperator) };
        page.Request.Scheme = "http";
        page.Request.Host = new HostString("localhost");
        var tokens = services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(page);
        var antiforgeryCookie = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
        var cookies = $"{SiteRegistration.SessionCookie}={session}; {antiforgeryCookie}={CookieValue(page.Response.Headers.SetCookie, antiforgeryCookie)}";
        return new TestReader(account.Id, account.Email, cookies, tokens.RequestToken!);
    }

    private static string CookieValue(IEnumerable<string?> setCookies, string name)
    {
        foreach (var header in setCookies)
        {
            if (header is not null && SetCookieHeaderValue.TryParse(header, out var cookie) && cookie.Name.ToString() == name)
            {
                return cookie.Value.ToString();
            }
        }

        throw new InvalidOperationException($"No {name} cookie was set: {string.Join(" | ", setCookies)}");
    }
}
