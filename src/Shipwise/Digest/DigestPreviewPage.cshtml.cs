using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Accounts;
using Shipwise.Security;
using Shipwise.Web;

namespace Shipwise.Digest;

/// <summary>/operator/digest: what the next digest would say, who would get it, and how the last sends went.</summary>
[PersonalPage]
[Authorize(Policy = Reader.OperatorPolicy)]
public sealed class DigestPreviewPageModel(DigestSender sender, DigestStore digests, SubscriberStore subscribers, PublicUrls urls) : PageModel
{
    public DigestContent Digest { get; private set; } = null!;

    public string Subject => DigestMail.Subject(Digest);

    /// <summary>The HTML part, already encoded by <see cref="DigestMail"/>.</summary>
    public string HtmlBody { get; private set; } = "";

    public string Text { get; private set; } = "";

    public IReadOnlyDictionary<SubscriberStatus, long> Subscribers { get; private set; } = new Dictionary<SubscriberStatus, long>();

    public IReadOnlyList<DigestStore.DigestSummary> Recent { get; private set; } = [];

    /// <summary>The links of the preview: the site's address, and an unsubscribe link that is a sample, not anyone's.</summary>
    public static DigestLinks SampleLinks(PublicUrls urls, HttpRequest request)
    {
        var site = urls.Base(request).TrimEnd('/');
        return new DigestLinks(site, site + "/subscribe", site + "/unsubscribe?token=(signed-for-each-reader)");
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Digest = await sender.PreviewAsync(cancellationToken);
        var links = SampleLinks(urls, Request);
        HtmlBody = DigestMail.HtmlBody(Digest, links);
        Text = DigestMail.Text(Digest, links);
        Subscribers = await subscribers.CountsAsync(cancellationToken);
        Recent = await digests.RecentAsync(10, cancellationToken);
        ViewData["Meta"] = new PageMeta("Digest preview", "The next weekly digest, as subscribers will get it.", "/operator/digest") { NoIndex = true };
    }
}
