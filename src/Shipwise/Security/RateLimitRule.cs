using System.ComponentModel.DataAnnotations;

namespace Shipwise.Security;

/// <summary>So many requests (or mails) per fixed window; the shape of every RateLimits:* setting.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    /// <summary>The rule's problems, named by its full setting, e.g. "RateLimits:SignInPerIp".</summary>
    public IEnumerable<ValidationResult> Check(string setting, string member)
    {
        if (PermitLimit < 1)
        {
            yield return new ValidationResult($"{setting}:PermitLimit is {PermitLimit}; it must be at least 1.", [member]);
        }

        if (WindowSeconds is < 1 or > 86_400)
        {
            yield return new ValidationResult($"{setting}:WindowSeconds is {WindowSeconds}; it must be between 1 and 86400.", [member]);
        }
    }
}
