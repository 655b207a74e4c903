using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Accounts;
using Shipwise.Web;

namespace Shipwise.Digest;

public enum UnsubscribeState { Ready, Unsubscribed, Invalid }

/// <summary>
/// /unsubscribe?token=…, the address in every digest and in its List-Unsubscribe header.
/// GET shows a button (a link opened by a mail scanner or an older client changes nothing);
/// POST unsubscribes: the button, or a mail client's RFC 8058 one-click request
/// (body "List-Unsubscribe=One-Click").
/// </summary>
/// <remarks>
/// Exempt from antiforgery on purpose: a one-click POST comes from the reader's mail provider,
/// with no cookie and no form token, and RFC 8058 requires it to work like that. Nothing is lost:
/// the signed token in the address is the proof that the request comes from the mail's reader,
/// and a forged cross-site POST would need that token (and could only unsubscribe).
/// </remarks>
[PersonalPage]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribePageModel(SubscriptionTokens tokens, SubscriberStore subscribers) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public UnsubscribeState State { get; private set; }

    public string? Email { get; private set; }

    public PageResult OnGet()
    {
        var token = tokens.ReadUnsubscribe(Token);
        State = token.State == TokenState.Valid ? UnsubscribeState.Ready : UnsubscribeState.Invalid;
        return Answer(token);
    }

    public async Task<PageResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var token = tokens.ReadUnsubscribe(Token);
        State = token.State == TokenState.Valid
                && await subscribers.UnsubscribeAsync(token.SubscriberId, token.Email, cancellationToken) != SubscriptionChange.NotFound
            ? UnsubscribeState.Unsubscribed
            : UnsubscribeState.Invalid;
        return Answer(token);
    }

    private PageResult Answer(SubscriptionToken token)
    {
        Email = token.State == TokenState.Valid ? token.Email : null;
        Response.StatusCode = State == UnsubscribeState.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        ViewData["Meta"] = new PageMeta("Unsubscribe", "Stop the Shipwise weekly digest.", "/unsubscribe") { NoIndex = true };
        return Page();
    }
}
