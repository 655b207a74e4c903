using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Mail;
using Shipwise.Security;
using Shipwise.Web;

namespace Shipwise.Accounts;

/// <summary>
/// /signin: asks for an address and mails a sign-in link. The answer is the same whether or
/// not the address has an account (nothing is looked up: the account is made when the link is
/// used), so the page cannot be used to find out who reads Shipwise.
/// </summary>
[PersonalPage]
public sealed class SignInPageModel(SignInLinks links, MailOutbox queue, MailLinks mailLinks, SignInAvailability availability) : PageModel
{
    public const int MaxReturnUrlLength = 500;

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public bool Sent { get; private set; }

    public bool Available => availability.CanSignIn;

    public int LinkMinutes => (int)links.Lifetime.TotalMinutes;

    public void OnGet()
    {
        ReturnUrl = LocalReturnUrl(ReturnUrl);
        SetMeta();
    }

    public IActionResult OnPost()
    {
        ReturnUrl = LocalReturnUrl(ReturnUrl);
        SetMeta();
        if (!Available)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        if (!EmailAddress.TryNormalize(Email, out var email))
        {
            Error = EmailAddress.Problem(Email);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (token, link) = links.Issue(email, ReturnUrl);
        var mail = SignInMail.Compose(email, mailLinks.Absolute("/signin/confirm?token=" + token), link.ExpiresAt, links.Lifetime);
        var queued = queue.TryEnqueue(mail, MailKind.SignInLink);
        if (queued.Outcome == MailQueued.RecipientLimit)
        {
            // The same answer for every address (it says nothing about accounts): the links already sent still work.
            var minutes = Math.Max(1, (int)Math.Ceiling((queued.RetryAfter ?? TimeSpan.FromMinutes(1)).TotalMinutes));
            Response.Headers.RetryAfter = (minutes * 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Error = $"Several sign-in links were sent to this address recently. Use the newest one, or ask again in {minutes} minute{(minutes == 1 ? "" : "s")}.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        if (queued.Outcome == MailQueued.QueueFull)
        {
            Error = "Too many sign-in mails are waiting to go out. Please try again in a few minutes.";
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        Email = email;
        Sent = true;
        return Page();
    }

    /// <summary>
    /// Only an address on this site (checked and escaped by <see cref="LocalUrl"/>), never back to the sign-in pages themselves,
    /// and short enough that the signed link carrying it stays within the token's length limit.
    /// </summary>
    public static string? LocalReturnUrl(string? url) =>
        LocalUrl.From(url) is { Length: <= MaxReturnUrlLength } local
        && !local.StartsWith("/signin", StringComparison.OrdinalIgnoreCase) && !local.StartsWith("/signout", StringComparison.OrdinalIgnoreCase)
            ? local
            : null;

    private void SetMeta() =>
        ViewData["Meta"] = new PageMeta("Sign in", "Sign in to Shipwise with a link sent to your email address: no password.", "/signin") { NoIndex = true };
}
