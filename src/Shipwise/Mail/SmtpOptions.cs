using System.ComponentModel.DataAnnotations;

namespace Shipwise.Mail;

/// <summary>The outgoing mail server. Without <see cref="Host"/> the site sends no mail (and says so where a reader would expect some).</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65_535, ErrorMessage = "Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 25;

    /// <summary>The sender address, optionally with a display name: "Shipwise &lt;digest@example.org&gt;".</summary>
    public string? From { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>none (plain SMTP, e.g. a relay on the same machine), starttls (upgrade, required) or tls (TLS from the first byte, usually port 465).</summary>
    public string Tls { get; set; } = "starttls";

    /// <summary>Attempts per message before the failure is reported; only transient failures (no connection, timeouts, 4xx replies) are retried.</summary>
    [Range(1, 20, ErrorMessage = "Smtp:MaxAttempts must be between 1 and 20.")]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The first retry waits about this long; each further one doubles it, with jitter.</summary>
    [Range(0, 600_000, ErrorMessage = "Smtp:RetryDelayMilliseconds must be between 0 and 600000.")]
    public int RetryDelayMilliseconds { get; set; } = 2_000;

    /// <summary>How long one SMTP command may take before the attempt counts as timed out.</summary>
    [Range(1, 600, ErrorMessage = "Smtp:TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>At most this many messages a second (0: no limit), for relays that throttle or block bursts.</summary>
    [Range(0d, 10_000d, ErrorMessage = "Smtp:MaxPerSecond must be between 0 and 10000.")]
    public double MaxPerSecond { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public SmtpSecurity Security => Tls.ToLowerInvariant() switch
    {
        "none" => SmtpSecurity.None,
        "tls" => SmtpSecurity.Tls,
        _ => SmtpSecurity.StartTls,
    };

    /// <summary>The parsed <see cref="From"/>; only valid once validation passed. A method, not a property: the configuration binder reads complex properties while binding, before validation.</summary>
    public MimeKit.MailboxAddress FromMailbox() => ParseMailbox(From)!;

    /// <summary>One address, optionally with a display name; null when <paramref name="text"/> is anything else.</summary>
    internal static MimeKit.MailboxAddress? ParseMailbox(string? text) =>
        !string.IsNullOrWhiteSpace(text) && MimeKit.MailboxAddress.TryParse(text, out var mailbox)
            && mailbox.Address.Contains('@', StringComparison.Ordinal) && mailbox.Domain.Length > 0 && mailbox.LocalPart.Length > 0 ? mailbox : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Tls?.ToLowerInvariant() is not ("none" or "starttls" or "tls"))
        {
            yield return new ValidationResult($"Smtp:Tls is '{Tls}'; use 'none', 'starttls' or 'tls'.", [nameof(Tls)]);
        }

        if (!IsConfigured)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(From))
        {
            yield return new ValidationResult("Smtp:From is required when Smtp:Host is set, e.g. 'Shipwise <digest@example.org>'.", [nameof(From)]);
        }
        else if (ParseMailbox(From) is null)
        {
            yield return new ValidationResult($"Smtp:From '{From}' is not an email address; use e.g. 'Shipwise <digest@example.org>'.", [nameof(From)]);
        }

        if (string.IsNullOrEmpty(User) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Smtp:User and Smtp:Password go together: set both or neither.", [nameof(User), nameof(Password)]);
        }
        else if (!string.IsNullOrEmpty(User) && Security == SmtpSecurity.None && !IsLoopback(Host!))
        {
            // The password would cross the network in clear text.
            yield return new ValidationResult(
                $"Smtp:User is set but Smtp:Tls is 'none', so the password would travel unencrypted to {Host}; set Smtp:Tls to 'starttls' or 'tls'.",
                [nameof(Tls)]);
        }
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
}

public enum SmtpSecurity { None, StartTls, Tls }
