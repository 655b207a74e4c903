using System.ComponentModel.DataAnnotations;

namespace Shipwise.Digest;

public sealed class DigestOptions : IValidatableObject
{
    public const string Section = "Digest";

    /// <summary>How long a subscription's confirmation link works.</summary>
    [Range(1, 720, ErrorMessage = "Digest:ConfirmLinkHours must be between 1 and 720.")]
    public int ConfirmLinkHours { get; set; } = 72;

    /// <summary>At most this many verdicts in one digest; the rest are a link to the site.</summary>
    [Range(1, 1000, ErrorMessage = "Digest:MaxItems must be between 1 and 1000.")]
    public int MaxItems { get; set; } = 50;

    /// <summary>
    /// How long a claimed delivery is reserved for the sender that claimed it (renewed while it
    /// works). A sender that was killed leaves its claims to others once this runs out.
    /// </summary>
    [Range(2, 3600, ErrorMessage = "Digest:LeaseSeconds must be between 2 and 3600.")]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Deliveries claimed at a time.</summary>
    [Range(1, 1000, ErrorMessage = "Digest:BatchSize must be between 1 and 1000.")]
    public int BatchSize { get; set; } = 10;

    /// <summary>The scheduled sender gives up on a delivery after this many failed runs (`shipwise digest send` always tries again).</summary>
    [Range(1, 100, ErrorMessage = "Digest:MaxDeliveryAttempts must be between 1 and 100.")]
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>An optional mailbox an operator reads, offered as the mailto: alternative in List-Unsubscribe.</summary>
    public string? UnsubscribeMailbox { get; set; }

    public DigestScheduleOptions Schedule { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(UnsubscribeMailbox) && !Accounts.EmailAddress.TryNormalize(UnsubscribeMailbox, out _))
        {
            yield return new ValidationResult(
                $"Digest:UnsubscribeMailbox is '{UnsubscribeMailbox}', which is not an email address; use a plain address such as 'unsubscribe@example.org', or leave it out.",
                [nameof(UnsubscribeMailbox)]);
        }

        if (Schedule.Hour is < 0 or > 23)
        {
            yield return new ValidationResult($"Digest:Schedule:Hour is {Schedule.Hour}; use an hour of the day in UTC, 0 to 23.", ["Schedule.Hour"]);
        }

        if (Schedule.Day is null)
        {
            yield return new ValidationResult($"Digest:Schedule:DayOfWeek is '{Schedule.DayOfWeek}'; use a day name such as 'Monday'.", ["Schedule.DayOfWeek"]);
        }

        if (Schedule.CheckSeconds is < 1 or > 3600)
        {
            yield return new ValidationResult($"Digest:Schedule:CheckSeconds is {Schedule.CheckSeconds}; use 1 to 3600.", ["Schedule.CheckSeconds"]);
        }
    }
}

/// <summary>Digest:Schedule: `serve` sends the digest itself once a week.</summary>
public sealed class DigestScheduleOptions
{
    public bool Enabled { get; set; }

    /// <summary>A day name (Monday … Sunday); text, so a typo is reported by name rather than failing the binder.</summary>
    public string DayOfWeek { get; set; } = "Monday";

    public System.DayOfWeek? Day =>
        DayOfWeek?.TrimStart() is { Length: > 0 } text && !char.IsAsciiDigit(text[0]) && Enum.TryParse<System.DayOfWeek>(text, ignoreCase: true, out var day) ? day : null;

    /// <summary>The hour (UTC) on <see cref="DayOfWeek"/> from which the week's digest goes out.</summary>
    public int Hour { get; set; } = 8;

    /// <summary>How often a node looks whether the digest is due or a send needs finishing.</summary>
    public int CheckSeconds { get; set; } = 60;
}
