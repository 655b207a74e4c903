using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Accounts;
using Shipwise.Mail;
using Shipwise.Web;

namespace Shipwise.Digest;

/// <summary>
/// /subscribe: asks for an address and mails a confirmation link (double opt-in). The answer is
/// the same whether the address is new, pending, confirmed or unsubscribed, so the page cannot be
/// used to find out who reads the digest; the mail goes out off the request, so timing does not tell either.
/// </summary>
[PersonalPage]
public sealed class SubscribePageModel(SubscriberStore subscribers, SubscriptionTokens tokens, MailOutbox outbox, MailSender mail, MailLinks links) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public string? Error { get; private set; }

    public bool Sent { get; private set; }

    public bool Available => mail.IsConfigured && links.IsConfigured;

    public int LinkHours => (int)tokens.ConfirmLifetime.TotalHours;

    public void OnGet() => SetMeta();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
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

        if (await subscribers.RequestAsync(email, cancellationToken) is { } subscriber)
        {
            var (token, expiresAt) = tokens.IssueConfirm(subscriber.Id, email);
            var confirm = links.Absolute("/subscribe/confirm?token=" + token);
            var unsubscribe = links.Absolute("/unsubscribe?token=" + tokens.IssueUnsubscribe(subscriber.Id, email));
            // Over the address's cap nothing more is mailed, and the answer stays the same (it must not tell what the address is).
            if (outbox.TryEnqueue(SubscriptionMail.Confirm(email, confirm, unsubscribe, expiresAt), MailKind.SubscriptionConfirmation).Outcome == MailQueued.QueueFull)
            {
                Error = "Too many mails are waiting to go out. Please try again in a few minutes.";
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Page();
            }
        }

        Email = email;
        Sent = true;
        return Page();
    }

    private void SetMeta() =>
        ViewData["Meta"] = new PageMeta("Weekly digest", "Get the week's new and changed verdicts of the Shipwise panel by email, once a week.", "/subscribe");
}
