using System.Globalization;
using System.Net;
using Shipwise.Mail;

namespace Shipwise.Accounts;

/// <summary>The message that carries a sign-in link.</summary>
public static class SignInMail
{
    public static OutgoingMail Compose(string to, string link, DateTimeOffset expiresAt, TimeSpan lifetime)
    {
        var minutes = (int)Math.Round(lifetime.TotalMinutes);
        var until = expiresAt.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var text = $"""
            Hello,

            Someone asked to sign in to Shipwise with this address. If it was you, open this link:

            {link}

            It works once, for {minutes} minutes (until {until}).

            If it was not you, ignore this mail: nobody can sign in without the link.
            """;
        var encoded = WebUtility.HtmlEncode(link);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in to Shipwise</title></head>
            <body>
            <p>Hello,</p>
            <p>Someone asked to sign in to Shipwise with this address. If it was you, open this link:</p>
            <p><a href="{encoded}">Sign in to Shipwise</a></p>
            <p>It works once, for {minutes} minutes (until {until}). If the button does not work, copy this address into your browser:<br>{encoded}</p>
            <p>If it was not you, ignore this mail: nobody can sign in without the link.</p>
            </body></html>
            """;

        // Auto-Submitted keeps vacation responders from answering a machine-sent mail.
        return new OutgoingMail(to, "Your Shipwise sign-in link", text, html, new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated" });
    }
}
