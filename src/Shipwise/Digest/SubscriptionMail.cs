using System.Globalization;
using System.Net;
using Shipwise.Mail;

namespace Shipwise.Digest;

/// <summary>The mail that asks a new subscriber to confirm (double opt-in).</summary>
public static class SubscriptionMail
{
    public static OutgoingMail Confirm(string to, string confirmLink, string unsubscribeLink, DateTimeOffset expiresAt)
    {
        var until = expiresAt.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var text = $"""
            Hello,

            Someone asked to get the Shipwise weekly digest (new and changed verdicts of the panel) at this address.
            If it was you, confirm here:

            {confirmLink}

            The link works until {until}. Without it, nothing is sent to you.

            If it was not you, ignore this mail, or make sure no digest is ever sent here: {unsubscribeLink}
            """;
        var confirm = WebUtility.HtmlEncode(confirmLink);
        var unsubscribe = WebUtility.HtmlEncode(unsubscribeLink);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Confirm your Shipwise digest</title></head>
            <body>
            <p>Hello,</p>
            <p>Someone asked to get the Shipwise weekly digest (new and changed verdicts of the panel) at this address. If it was you, confirm here:</p>
            <p><a href="{confirm}">Confirm my subscription</a></p>
            <p>The link works until {until}. Without it, nothing is sent to you. If the link does not work, copy this address into your browser:<br>{confirm}</p>
            <p>If it was not you, ignore this mail, or <a href="{unsubscribe}">make sure no digest is ever sent here</a>.</p>
            </body></html>
            """;
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{unsubscribeLink}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            ["Auto-Submitted"] = "auto-generated",
        };
        return new OutgoingMail(to, "Confirm your Shipwise weekly digest", text, html, headers);
    }
}
