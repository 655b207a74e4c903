using Microsoft.Extensions.Options;
using Shipwise.Mail;

namespace Shipwise.Accounts;

/// <summary>
/// Whether a reader can sign in on this server: only with outgoing mail (Smtp:Host) and an
/// address for the links (Shipwise:PublicUrl). Without them every "Sign in to …" call to action
/// is left out, because it would lead to a page that says signing in is not available.
/// </summary>
public sealed class SignInAvailability(IOptions<SmtpOptions> smtp, MailLinks mailLinks)
{
    public bool CanSignIn => smtp.Value.IsConfigured && mailLinks.IsConfigured;
}
