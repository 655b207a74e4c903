using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Shipwise.Tests.Browser;

namespace Shipwise.Tests.Accounts;

/// <summary>Every account page, in every state a reader can reach, is valid HTML (the Nu HTML checker).</summary>
public sealed class AccountPagesHtmlTests(SqliteAccountsApp app) : IClassFixture<SqliteAccountsApp>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_account_page_state_is_valid_html()
    {
        var jar = ExternalTools.Require(ExternalTools.VnuJarVariable, "the Nu HTML checker");
        var java = ExternalTools.RequireJava();
        var pages = new Dictionary<string, Page>();

        using var anonymous = app.NewBrowser();
        var form = await anonymous.GetAsync("/signin");
        pages["signin"] = form;
        pages["signin-error"] = await anonymous.PostAsync("/signin", form.Html, ("email", "not-an-address"));
        pages["signin-sent"] = await anonymous.PostAsync("/signin", form.Html, ("email", "html-sent@shipwise.test"));
        pages["confirm-invalid"] = await anonymous.GetAsync("/signin/confirm?token=forged");
        pages["signout-anonymous"] = await anonymous.GetAsync("/signout");
        pages["privacy"] = await anonymous.GetAsync("/privacy");

        var email = $"html-{Guid.NewGuid():n}@shipwise.test";
        using var reader = app.NewBrowser();
        var link = await reader.RequestLinkAsync(app.Mail, email);
        pages["confirm-ready"] = await reader.GetAsync(link);
        await reader.PostAsync("/signin/confirm", pages["confirm-ready"].Html, ("token", ReaderBrowser.QueryToken(link)));
        pages["confirm-used"] = await reader.GetAsync(link);
        pages["account"] = await reader.GetAsync("/account");
        pages["bookmarks-empty"] = await reader.GetAsync("/bookmarks");
        await reader.PostAsync("/bookmarks", pages["account"].Html, ("kind", "tool"), ("target", "smolvlm2"));
        await reader.PostAsync("/bookmarks", pages["account"].Html, ("kind", "compare"), ("target", "/compare/mistral-small-3-1-vs-smolvlm2"));
        pages["bookmarks"] = await reader.GetAsync("/bookmarks");
        pages["bookmarks-error"] = await reader.PostAsync("/bookmarks", pages["account"].Html, ("kind", "tool"), ("target", "<no-such-tool>"));
        pages["signout"] = await reader.GetAsync("/signout");
        pages["home-signed-in"] = await reader.GetAsync("/");
        pages["delete"] = await reader.GetAsync("/account/delete");
        pages["delete-error"] = await reader.PostAsync("/account/delete", pages["delete"].Html);

        using var operatorBrowser = await app.SignedInAsync(AccountsApp.OperatorAddress);
        pages["operator"] = await operatorBrowser.GetAsync("/operator");
        pages["deleted"] = await reader.PostAsync("/account/delete", pages["delete"].Html, ("confirm", "true"));

        var stale = await anonymous.RequestLinkAsync(app.Mail, $"html-late-{Guid.NewGuid():n}@shipwise.test");
        app.Factory.Clock.Advance(TimeSpan.FromHours(1));
        pages["confirm-expired"] = await anonymous.GetAsync(stale);

        var folder = Directory.CreateTempSubdirectory("shipwise-accounts-vnu").FullName;
        try
        {
            var files = new Dictionary<string, string>();
            foreach (var (name, page) in pages)
            {
                Assert.StartsWith("text/html", page.Response.Content.Headers.ContentType?.MediaType);
                var file = Path.Combine(folder, name + ".html");
                await File.WriteAllTextAsync(file, page.Html, Token);
                files[file] = name;
            }

            // A page the checker must reject, so a checker that silently checks nothing fails the test.
            var control = Path.Combine(folder, "control.html");
            await File.WriteAllTextAsync(control, "<!DOCTYPE html><html lang=\"en\"><head><title>control</title></head><body><span><div>x</div></span></body></html>", Token);

            var messages = await CheckAsync(java, jar, [.. files.Keys, control]);
            Assert.Contains(messages, m => m.File == control);
            var errors = messages.Where(m => m.File != control).ToList();
            Assert.True(errors.Count == 0, "The Nu HTML checker found:\n" + string.Join("\n", errors.Select(e => $"- {files.GetValueOrDefault(e.File, e.File)}: {e.Message}")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Equal(HttpStatusCode.Gone, pages["confirm-expired"].Status);
    }

    private sealed record CheckerMessage(string File, string Message);

    private static async Task<List<CheckerMessage>> CheckAsync(string java, string jar, IEnumerable<string> files)
    {
        var start = new ProcessStartInfo(java) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-jar", jar, "--format", "json", "--stdout", "--exit-zero-always" }.Concat(files))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var error = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        var json = await output;
        Assert.True(process.ExitCode == 0 && json.Length > 0, $"The Nu HTML checker failed (exit {process.ExitCode}): {await error}");
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
            .Select(m => new CheckerMessage(
                m.TryGetProperty("url", out var url) ? Uri.UnescapeDataString(url.GetString()!.Replace("file:", "", StringComparison.Ordinal)) : "",
                m.GetProperty("message").GetString()!))];
    }
}
