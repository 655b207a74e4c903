using System.Net;
using Shipwise.Digest;

namespace Shipwise.Tests.Digest;

/// <summary>/operator/digest: operators only, and what it shows is what would be mailed.</summary>
public abstract class DigestPreviewTests(string provider)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Operators_see_the_next_digest_and_readers_are_refused()
    {
        await using var app = await DigestApp.StartAsync(provider);
        await app.SetVerdictAsync("vllm", ships: 5, skips: 2, name: "<b>Bold</b> & Co");
        await app.AddSubscriberAsync("one@example.org");
        await app.AddSubscriberAsync("two@example.org", "pending");

        using var anonymous = app.NewBrowser();
        var signIn = await anonymous.GetAsync("/operator/digest");
        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
        Assert.StartsWith("/signin", new Uri(new Uri("https://localhost"), signIn.Location).AbsolutePath, StringComparison.Ordinal);

        using var reader = await app.SignedInAsync("reader@example.org");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/operator/digest")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/operator/digest.txt")).Status);

        using var operatorBrowser = await app.SignedInAsync(DigestApp.OperatorAddress);
        var page = await operatorBrowser.GetAsync("/operator/digest");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Shipwise weekly: 1 new or changed verdict", page.Html);
        Assert.Contains("&lt;b&gt;Bold&lt;/b&gt; &amp; Co", page.Html);
        Assert.DoesNotContain("<b>Bold</b>", page.Html);
        Assert.Contains("1 confirmed subscribers would get it", page.Html);
        Assert.Contains("1 waiting to confirm", page.Html);
        // Never kept by a shared cache: it is an operator's page.
        Assert.True(page.Response.Headers.CacheControl is { Private: true } or { NoStore: true }, page.Response.Headers.CacheControl?.ToString());

        var text = await operatorBrowser.GetAsync("/operator/digest.txt");
        Assert.Equal(HttpStatusCode.OK, text.Status);
        Assert.Equal("text/plain", text.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<b>Bold</b> & Co", text.Html);

        // The preview is the digest a send creates: same subject and items.
        var run = await app.SendDigestAsync();
        var mailed = (await app.Mail.WaitForMessagesAsync(1, m => m.Recipient == "one@example.org", cancellationToken: Token)).Single();
        Assert.Equal("Shipwise weekly: 1 new or changed verdict", mailed.Subject);
        Assert.Equal(1, run.SentNow);
        var after = await operatorBrowser.GetAsync("/operator/digest");
        Assert.Contains(DigestContent.WeekOf(app.Clock.GetUtcNow()), after.Html);
    }
}

public sealed class SqliteDigestPreviewTests() : DigestPreviewTests("sqlite");

public sealed class PostgresDigestPreviewTests() : DigestPreviewTests("postgres");
