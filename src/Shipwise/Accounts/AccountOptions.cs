using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace Shipwise.Accounts;

/// <summary>Settings of sign-in and sessions: Accounts:* plus the operator list, Shipwise:Operators.</summary>
public sealed class AccountOptions : IValidatableObject
{
    public const string Section = "Accounts";

    /// <summary>How long an emailed sign-in link works.</summary>
    [Range(1, 1440, ErrorMessage = "Accounts:SignInLinkMinutes must be between 1 and 1440.")]
    public int SignInLinkMinutes { get; set; } = 15;

    /// <summary>A session lasts this long after the last visit (sliding).</summary>
    [Range(1, 400, ErrorMessage = "Accounts:SessionDays must be between 1 and 400.")]
    public int SessionDays { get; set; } = 30;

    /// <summary>
    /// How long a node trusts its cached copy of an account's security stamp. A deleted
    /// account's session ends at once on the node that deleted it and within this on the others.
    /// </summary>
    [Range(0, 300, ErrorMessage = "Accounts:SessionCheckSeconds must be between 0 and 300.")]
    public int SessionCheckSeconds { get; set; } = 5;

    /// <summary>Shipwise:Operators, normalized: these addresses get the operator role when they sign in.</summary>
    public IReadOnlyList<string> Operators { get; set; } = [];

    /// <summary>Checked on every signed-in request, so it compares the (already normalized) address as it is.</summary>
    public bool IsOperatorAddress(string? email) =>
        email is not null && Operators.Contains(email.Trim().ToLowerInvariant(), StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Operators.Count; i++)
        {
            if (!EmailAddress.TryNormalize(Operators[i], out _))
            {
                yield return new ValidationResult(
                    $"Shipwise:Operators:{i} is '{Operators[i]}', which is not an email address; list operators as plain addresses, e.g. 'ops@example.org'.",
                    [nameof(Operators)]);
            }
        }
    }
}

/// <summary>
/// The one spelling of an address the accounts table holds: trimmed, lower-case, no display name.
/// Letters outside ASCII ("rené@exämple.org") are fine: mail to them goes out with SMTPUTF8
/// (<see cref="Mail.MailSender"/>), and a server without it refuses that one message, by name.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>What is wrong with an address as a reader typed it, in words for the form; null when it is fine.</summary>
    public static string? Problem(string? input) =>
        string.IsNullOrWhiteSpace(input) ? "Enter your email address."
        : TryNormalize(input, out _) ? null
        : "Enter an email address in the form name@example.org.";

    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = "";
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || !MailAddress.TryCreate(trimmed, out var parsed)
            // "Name <a@b>" parses too; only a bare address is one a reader typed into an email field.
            || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal)
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        normalized = trimmed.ToLowerInvariant();
        return true;
    }

    public static string Normalize(string input) => TryNormalize(input, out var normalized) ? normalized : input.Trim().ToLowerInvariant();
}
