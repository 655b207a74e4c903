using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shipwise.Accounts;

namespace Shipwise.Tests.Accounts;

/// <summary>Bookmarks, the data export, account deletion and the operator role, each reader confined to their own data.</summary>
public abstract class ReaderDataTests(AccountsApp app)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string NewAddress(string who) => $"{who}-{Guid.NewGuid():n}@shipwise.test";

    private Task<long> AccountIdAsync(string email) => app.QueryAsync<long>("SELECT id FROM accounts WHERE email = @email", new { email });

    private static async Task<Page> BookmarkAsync(ReaderBrowser browser, string kind, string target, string? returnUrl = null)
    {
        var fields = new List<(string, string)> { ("kind", kind), ("target", target) };
        if (returnUrl is not null)
        {
            fields.Add(("returnUrl", returnUrl));
        }

        return await browser.PostAsync("/bookmarks", await browser.FormPageAsync(), [.. fields]);
    }

    [Fact]
    public async Task Bookmarks_are_added_by_any_spelling_listed_and_removed()
    {
        var email = NewAddress("collector");
        using var browser = await app.SignedInAsync(email);
        var accountId = await AccountIdAsync(email);
        var queries = app.Factory.Services.GetRequiredService<BookmarkQueries>();

        // An alias and a reversed pair are stored under their canonical names; the reader goes back where they were.
        var tool = await BookmarkAsync(browser, "tool", "SmolVLM2-2B", returnUrl: "/tools/smolvlm2");
        Assert.Equal(HttpStatusCode.Redirect, tool.Status);
        Assert.Equal("/tools/smolvlm2", tool.Location);
        var pair = await BookmarkAsync(browser, "compare", "/compare/smolvlm2-vs-mistral-small-3-1", returnUrl: "https://evil.example/");
        Assert.Equal("/bookmarks", pair.Location);
        Assert.Equal(HttpStatusCode.Redirect, (await BookmarkAsync(browser, "tool", "smolvlm2")).Status);

        Assert.True(await queries.IsBookmarkedAsync(accountId, "tool", "smolvlm2", Token));
        Assert.True(await queries.IsBookmarkedAsync(accountId, "compare", "/compare/mistral-small-3-1-vs-smolvlm2", Token));
        Assert.False(await queries.IsBookmarkedAsync(accountId, "tool", "mistral-small-3-1", Token));
        Assert.Equal(2, await app.QueryAsync<long>("SELECT count(*) FROM bookmarks WHERE account_id = @accountId", new { accountId }));

        var list = await browser.GetAsync("/bookmarks");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("<a href=\"/tools/smolvlm2\">SmolVLM2</a>", list.Html);
        Assert.Contains("<a href=\"/compare/mistral-small-3-1-vs-smolvlm2\">Mistral Small 3.1 vs SmolVLM2</a>", list.Html);

        var removed = await browser.PostAsync("/bookmarks/remove", list.Html, ("kind", "tool"), ("target", "smolvlm2"), ("returnUrl", "/bookmarks"));
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.False(await queries.IsBookmarkedAsync(accountId, "tool", "smolvlm2", Token));
        Assert.DoesNotContain("/tools/smolvlm2", (await browser.GetAsync("/bookmarks")).Html);
    }

    [Theory]
    [InlineData("video", "smolvlm2", "kind 'tool' or 'compare'")]
    [InlineData("tool", "no-such-tool", "There is no tool 'no-such-tool'")]
    [InlineData("tool", "", "names no tool or comparison")]
    [InlineData("compare", "/compare/smolvlm2-vs-smolvlm2", "is not a comparison of two tools")]
    [InlineData("compare", "/compare/smolvlm2-vs-no-such-tool", "is not a comparison of two tools")]
    public async Task A_bookmark_of_something_that_does_not_exist_is_refused_with_the_reason(string kind, string target, string reason)
    {
        var email = NewAddress("sloppy");
        using var browser = await app.SignedInAsync(email);
        var answer = await BookmarkAsync(browser, kind, target);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("Nothing was bookmarked", answer.Html);
        Assert.Contains(reason, WebUtility.HtmlDecode(answer.Html));
        Assert.Equal(0, await app.QueryAsync<long>("SELECT count(*) FROM bookmarks WHERE account_id = @id", new { id = await AccountIdAsync(email) }));
    }

    [Fact]
    public async Task A_reader_cannot_read_or_remove_another_readers_bookmarks()
    {
        var owner = NewAddress("owner");
        using var ownerBrowser = await app.SignedInAsync(owner);
        await BookmarkAsync(ownerBrowser, "tool", "smolvlm2");
        using var other = await app.SignedInAsync(NewAddress("snoop"));

        var list = await other.GetAsync("/bookmarks");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.DoesNotContain("/tools/smolvlm2", list.Html);
        Assert.Contains("Nothing bookmarked yet", list.Html);
        Assert.Equal(HttpStatusCode.Redirect, (await other.PostAsync("/bookmarks/remove", list.Html, ("kind", "tool"), ("target", "smolvlm2"))).Status);
        var exported = await other.GetAsync("/account/export");
        Assert.True(JsonDocument.Parse(exported.Html).RootElement.TryGetProperty("bookmarks", out var exportedBookmarks), exported.Html);
        Assert.Equal(0, exportedBookmarks.GetArrayLength());

        Assert.True(await app.Factory.Services.GetRequiredService<BookmarkQueries>().IsBookmarkedAsync(await AccountIdAsync(owner), "tool", "smolvlm2", Token));
        using var anonymous = app.NewBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/bookmarks")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/account/export")).Status);
    }

    [Fact]
    public async Task The_export_is_a_download_of_the_readers_own_data_only()
    {
        var email = NewAddress("exporter");
        using var browser = await app.SignedInAsync(email);
        using var other = await app.SignedInAsync(NewAddress("bystander"));
        await BookmarkAsync(browser, "tool", "smolvlm2");
        await BookmarkAsync(other, "tool", "mistral-small-3-1");
        Assert.Equal(HttpStatusCode.SeeOther, (await browser.PostAsync("/votes", await browser.FormPageAsync(), ("tool", "smolvlm2"), ("choice", "ship"), ("returnUrl", "/tools/smolvlm2"))).Status);
        Assert.Equal(HttpStatusCode.SeeOther, (await other.PostAsync("/votes", await other.FormPageAsync(), ("tool", "mistral-small-3-1"), ("choice", "skip"), ("returnUrl", "/"))).Status);

        var answer = await browser.GetAsync("/account/export");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.Response.Content.Headers.ContentType?.MediaType);
        var disposition = answer.Response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Matches(@"^shipwise-data-\d{4}-\d{2}-\d{2}\.json$", disposition?.FileName);

        var export = JsonDocument.Parse(answer.Html).RootElement;
        Assert.Equal(email, export.GetProperty("account").GetProperty("email").GetString());
        var bookmark = Assert.Single(export.GetProperty("bookmarks").EnumerateArray());
        Assert.Equal("smolvlm2", bookmark.GetProperty("target").GetString());
        var vote = Assert.Single(export.GetProperty("votes").EnumerateArray());
        Assert.Equal("smolvlm2", vote.GetProperty("tool").GetString());
        Assert.Equal("ship", vote.GetProperty("choice").GetString());
        Assert.Equal(0, export.GetProperty("pairPicks").GetArrayLength());
        Assert.DoesNotContain("bystander", answer.Html);
        Assert.DoesNotContain("mistral-small-3-1", answer.Html);
    }

    [Fact]
    public async Task Deleting_the_account_erases_the_address_and_bookmarks_keeps_votes_anonymous_and_ends_sessions()
    {
        var email = NewAddress("goner");
        using var browser = await app.SignedInAsync(email);
        var accountId = await AccountIdAsync(email);
        await BookmarkAsync(browser, "tool", "smolvlm2");
        await browser.PostAsync("/votes", await browser.FormPageAsync(), ("tool", "smolvlm2"), ("choice", "ship"), ("returnUrl", "/"));
        var oldCookies = browser.Cookies.GetCookies(browser.BaseAddress);

        // Without the box ticked nothing happens.
        var confirmPage = await browser.GetAsync("/account/delete");
        Assert.Equal(HttpStatusCode.OK, confirmPage.Status);
        var unconfirmed = await browser.PostAsync("/account/delete", confirmPage.Html);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.Status);
        Assert.Contains("Tick the box", unconfirmed.Html);
        Assert.Equal(email, await app.QueryAsync<string>("SELECT email FROM accounts WHERE id = @accountId", new { accountId }));

        var deleted = await browser.PostAsync("/account/delete", confirmPage.Html, ("confirm", "true"));
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Contains("Your account is deleted", deleted.Html);
        Assert.DoesNotContain(">Sign out</button>", deleted.Html);
        Assert.Null(browser.SessionCookie);

        Assert.Equal(1, await app.QueryAsync<long>("SELECT count(*) FROM accounts WHERE id = @accountId AND email IS NULL AND deleted_at IS NOT NULL", new { accountId }));
        Assert.Equal(0, await app.QueryAsync<long>("SELECT count(*) FROM bookmarks WHERE account_id = @accountId", new { accountId }));
        Assert.Equal(1, await app.QueryAsync<long>("SELECT count(*) FROM votes WHERE account_id = @accountId", new { accountId }));

        // The cookie the reader had (or someone copied) no longer signs anyone in.
        using var replay = app.NewBrowser();
        replay.Cookies.Add(oldCookies);
        var refused = await replay.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Contains("/signin", refused.Location);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/account/export")).Status);

        // The address may sign up again: a new, empty account.
        using var again = await app.SignedInAsync(email);
        Assert.NotEqual(accountId, await AccountIdAsync(email));
        Assert.Contains("Nothing bookmarked yet", (await again.GetAsync("/bookmarks")).Html);
    }

    [Fact]
    public async Task The_operator_page_sends_anonymous_readers_to_sign_in_refuses_readers_and_admits_operators()
    {
        using var anonymous = app.NewBrowser();
        var bounced = await anonymous.GetAsync("/operator");
        Assert.Equal(HttpStatusCode.Redirect, bounced.Status);
        Assert.EndsWith("/signin?returnUrl=%2Foperator", bounced.Location);

        var readerEmail = NewAddress("reader");
        using var reader = await app.SignedInAsync(readerEmail);
        var readerId = await AccountIdAsync(readerEmail);
        var refused = await reader.GetAsync("/operator");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.DoesNotContain("Operator tools", refused.Html);

        using var operatorBrowser = await app.SignedInAsync(AccountsApp.OperatorAddress);
        var page = await operatorBrowser.GetAsync("/operator");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<h1>Operator tools</h1>", page.Html);
        Assert.Contains("href=\"/operator/digest\"", page.Html);

        // The account list leads to the community feature's vote voiding.
        Assert.Contains(readerEmail, page.Html);
        Assert.Contains($"action=\"/operator/accounts/{readerId}/void-votes\"", page.Html);
        var voided = await operatorBrowser.PostAsync($"/operator/accounts/{readerId}/void-votes", page.Html, ("returnUrl", "/operator#accounts"));
        Assert.Equal(HttpStatusCode.SeeOther, voided.Status);
        Assert.Equal(1, await app.QueryAsync<long>("SELECT count(*) FROM accounts WHERE id = @readerId AND votes_voided_at IS NOT NULL", new { readerId }));
        Assert.DoesNotContain($"action=\"/operator/accounts/{readerId}/void-votes\"", (await operatorBrowser.GetAsync("/operator")).Html);
    }

    [Fact]
    public async Task The_bookmark_button_partial_renders_a_real_button_in_a_protected_form()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Scheme = "https";
        http.Request.Host = new HostString("localhost");
        http.Request.Path = "/tools/smolvlm2";
        var actionContext = new ActionContext(http, new RouteData(), new ActionDescriptor());
        var engine = services.GetRequiredService<IRazorViewEngine>();

        async Task<string> RenderAsync(BookmarkButton model)
        {
            var view = engine.GetView(null, "/Accounts/_BookmarkButton.cshtml", isMainPage: false).View!;
            using var writer = new StringWriter();
            var viewData = new ViewDataDictionary<BookmarkButton>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
            var tempData = new TempDataDictionary(http, services.GetRequiredService<ITempDataProvider>());
            await view.RenderAsync(new ViewContext(actionContext, view, viewData, tempData, writer, new HtmlHelperOptions()));
            return writer.ToString();
        }

        var add = await RenderAsync(new BookmarkButton("tool", "smolvlm2", "SmolVLM2", Bookmarked: false));
        Assert.Contains("action=\"/bookmarks\"", add);
        Assert.Contains("method=\"post\"", add);
        Assert.Contains("<button type=\"submit\" class=\"secondary\">Bookmark SmolVLM2</button>", add);
        Assert.Contains("name=\"__RequestVerificationToken\"", add);
        Assert.Contains("name=\"returnUrl\" value=\"/tools/smolvlm2\"", add);

        var remove = await RenderAsync(new BookmarkButton("tool", "smolvlm2", "SmolVLM2", Bookmarked: true));
        Assert.Contains("action=\"/bookmarks/remove\"", remove);
        Assert.Contains(">Remove bookmark</button>", remove);
        Assert.Contains("name=\"__RequestVerificationToken\"", remove);
    }
}

public sealed class SqliteReaderDataTests(SqliteAccountsApp app) : ReaderDataTests(app), IClassFixture<SqliteAccountsApp>;

public sealed class PostgresReaderDataTests(PostgresAccountsApp app) : ReaderDataTests(app), IClassFixture<PostgresAccountsApp>;
