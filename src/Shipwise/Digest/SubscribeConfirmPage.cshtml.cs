using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Accounts;
using Shipwise.Web;

namespace Shipwise.Digest;

public enum SubscribeConfirmState { Ready, Confirmed, Invalid, Expired }

/// <summary>
/// /subscribe/confirm?token=…: the page a confirmation link opens. Opening it changes nothing
/// (mail scanners fetch links before the reader does); the "Confirm" button posts the token.
/// </summary>
[PersonalPage]
public sealed class SubscribeConfirmPageModel(SubscriptionTokens tokens, SubscriberStore subscribers) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public SubscribeConfirmState State { get; private set; }

    public string? Email { get; private set; }

    public int LinkHours => (int)tokens.ConfirmLifetime.TotalHours;

    public PageResult OnGet()
    {
        var token = tokens.ReadConfirm(Token);
        State = token.State switch
        {
            TokenState.Valid => SubscribeConfirmState.Ready,
            TokenState.Expired => SubscribeConfirmState.Expired,
            _ => SubscribeConfirmState.Invalid,
        };
        return Answer(token);
    }

    public async Task<PageResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var token = tokens.ReadConfirm(Token);
        State = token.State switch
        {
            TokenState.Valid => await subscribers.ConfirmAsync(token.SubscriberId, token.Email, cancellationToken) == SubscriptionChange.NotFound
                ? SubscribeConfirmState.Invalid
                : SubscribeConfirmState.Confirmed,
            TokenState.Expired => SubscribeConfirmState.Expired,
            _ => SubscribeConfirmState.Invalid,
        };
        return Answer(token);
    }

    private PageResult Answer(SubscriptionToken token)
    {
        Email = token.State == TokenState.Invalid ? null : token.Email;
        Response.StatusCode = State switch
        {
            SubscribeConfirmState.Invalid => StatusCodes.Status400BadRequest,
            SubscribeConfirmState.Expired => StatusCodes.Status410Gone,
            _ => StatusCodes.Status200OK,
        };

        // The canonical address leaves the token out: it must not travel into the page's metadata.
        ViewData["Meta"] = new PageMeta("Confirm your subscription", "Confirm the Shipwise weekly digest.", "/subscribe/confirm") { NoIndex = true };
        return Page();
    }
}
