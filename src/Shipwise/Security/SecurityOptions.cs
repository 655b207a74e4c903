using System.ComponentModel.DataAnnotations;

namespace Shipwise.Security;

/// <summary>Security:* — the Strict-Transport-Security header.</summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string Section = "Security";

    /// <summary>
    /// auto (the default): send Strict-Transport-Security on answers to https requests (directly, or
    /// forwarded as https by a trusted proxy) and whenever Shipwise:PublicUrl is https; off: never.
    /// </summary>
    public string Hsts { get; set; } = "auto";

    /// <summary>How long browsers keep to https once told (max-age).</summary>
    [Range(1, 3650, ErrorMessage = "Security:HstsMaxAgeDays must be between 1 and 3650.")]
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>Add includeSubDomains: only when every subdomain of the site's host serves https.</summary>
    public bool HstsIncludeSubDomains { get; set; }

    public bool HstsEnabled => string.Equals(Hsts, "auto", StringComparison.OrdinalIgnoreCase);

    public string HstsHeader() => $"max-age={HstsMaxAgeDays * 86_400L}" + (HstsIncludeSubDomains ? "; includeSubDomains" : "");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Hsts?.ToLowerInvariant() is not ("auto" or "off"))
        {
            yield return new ValidationResult($"Security:Hsts is '{Hsts}'; use 'auto' (send it over https) or 'off'.", [nameof(Hsts)]);
        }
    }
}
