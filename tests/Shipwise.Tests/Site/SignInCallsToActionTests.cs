using System.Net;
using System.Text.RegularExpressions;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Site;

/// <summary>
/// A "Sign in to …" link is only offered where signing in can work: with outgoing mail and a public
/// address configured. Without them the pages still carry the panel, the critics and the readers' figures.
/// </summary>
public sealed partial class SignInCallsToActionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Every page type an anonymous reader meets.
    public static readonly TheoryData<string> Pages = new() { "/", "/tools/smolvlm2", "/tools/llama-cpp", "/compare/llama-cpp-vs-ollama", "/compare", "/categories", "/critics", "/critics/skeptic", "/search?q=mistral", "/about" };

    [GeneratedRegex(@"sign\s+in", RegexOptions.IgnoreCase)]
    private static partial Regex SignInText();

    private static async Task<string> HtmlAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Token);
    }

    public sealed class WithoutMail(SqliteApp app) : IClassFixture<SqliteApp>
    {
        [Theory]
        [MemberData(nameof(Pages), MemberType = typeof(SignInCallsToActionTests))]
        public async Task No_page_asks_the_reader_to_sign_in(string path)
        {
            var html = await HtmlAsync(app.Client, path);
            Assert.DoesNotMatch(SignInText(), html);
            Assert.DoesNotContain("href=\"/signin", html);
        }

        [Fact]
        public async Task The_tool_page_still_reads_whole()
        {
            var html = await HtmlAsync(app.Client, "/tools/llama-cpp");
            Assert.Contains("What each critic says", html);
            Assert.Contains("Community:", html);
            Assert.Contains("Facts and sources", html);
            // No question the reader cannot answer: the helpful prompt appears only once someone answered.
            Assert.DoesNotContain("review helpful?", html);
        }
    }

    public sealed class WithMail(MailConfiguredApp app) : IClassFixture<MailConfiguredApp>
    {
        [Fact]
        public async Task The_tool_page_and_header_offer_signing_in()
        {
            var html = await HtmlAsync(app.Client, "/tools/llama-cpp");
            Assert.Contains("""<a href="/signin?returnUrl=%2Ftools%2Fllama-cpp">Sign in to vote</a>""", html);
            Assert.Contains("Sign in to answer", html);
            Assert.Contains("""<a href="/signin">Sign in</a>""", html);
        }
    }
}

/// <summary>The app with a mail server and public address configured (nothing is sent by these tests).</summary>
public sealed class MailConfiguredApp() : AppFixture("sqlite")
{
    protected override ShipwiseFactory CreateFactory(TestDatabase database) => new(database, new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = "2525",
        ["Smtp:Tls"] = "none",
        ["Smtp:From"] = "Shipwise <signin@shipwise.test>",
        ["Shipwise:PublicUrl"] = "http://localhost",
    });
}
