using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Web;

namespace Shipwise.Accounts;

public enum ConfirmState { Ready, Invalid, Expired, Used }

/// <summary>
/// /signin/confirm?token=…: the page a sign-in link opens. Opening it changes nothing (mail
/// scanners fetch links before the reader does); the "Sign in" button posts the token, and only
/// that uses the link up.
/// </summary>
[PersonalPage]
public sealed class SignInConfirmPageModel(SignInLinks links, AccountStore accounts, Sessions sessions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public ConfirmState State { get; private set; }

    public string? Email { get; private set; }

    public int LinkMinutes => (int)links.Lifetime.TotalMinutes;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var read = links.Read(Token);
        State = read.State switch
        {
            LinkState.Valid => await accounts.IsLinkUsedAsync(read.Link!.Id, cancellationToken) ? ConfirmState.Used : ConfirmState.Ready,
            LinkState.Expired => ConfirmState.Expired,
            _ => ConfirmState.Invalid,
        };
        return Answer(read.Link);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var read = links.Read(Token);
        if (read.State != LinkState.Valid)
        {
            State = read.State == LinkState.Expired ? ConfirmState.Expired : ConfirmState.Invalid;
            return Answer(read.Link);
        }

        // Where to go is settled before the link is used up, so nothing after that can fail on it.
        var returnTo = SignInPageModel.LocalReturnUrl(read.Link!.ReturnUrl) ?? "/account";
        var (use, account) = await accounts.SignInWithLinkAsync(read.Link!, cancellationToken);
        if (use == LinkUse.AlreadyUsed)
        {
            State = ConfirmState.Used;
            return Answer(read.Link);
        }

        await sessions.SignInAsync(HttpContext, account!);
        return LocalRedirect(returnTo);
    }

    private PageResult Answer(SignInLink? link)
    {
        Email = link?.Email;
        Response.StatusCode = State switch
        {
            ConfirmState.Ready => StatusCodes.Status200OK,
            ConfirmState.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status410Gone,
        };

        // The canonical address leaves the token out: it must not travel into the page's metadata.
        ViewData["Meta"] = new PageMeta(State == ConfirmState.Ready ? "Finish signing in" : "This sign-in link does not work", "Finish signing in to Shipwise.", "/signin/confirm") { NoIndex = true };
        return Page();
    }
}
