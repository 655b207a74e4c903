using Microsoft.Extensions.Options;

namespace Shipwise.Accounts;

/// <summary>Shipwise:PublicUrl as mail needs it: a mail has no request to take the host from.</summary>
public sealed class MailLinkOptions
{
    public string? PublicUrl { get; set; }
}

/// <summary>
/// Stops the start when mail is configured (Smtp:Host) without a usable Shipwise:PublicUrl,
/// rather than sending links that point nowhere. A PublicUrl that is set but not an absolute
/// http(s) address is refused even without mail: canonical links would be wrong too.
/// </summary>
public sealed class MailLinkOptionsValidator(IConfiguration configuration) : IValidateOptions<MailLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, MailLinkOptions options)
    {
        var mailConfigured = !string.IsNullOrWhiteSpace(configuration["Smtp:Host"]);
        if (string.IsNullOrWhiteSpace(options.PublicUrl))
        {
            return mailConfigured
                ? ValidateOptionsResult.Fail(
                    "Shipwise:PublicUrl is required when Smtp:Host is set: it is the absolute base address of every link a mail carries, e.g. 'https://shipwise.example.org'.")
                : ValidateOptionsResult.Success;
        }

        return MailLinks.TryParseBase(options.PublicUrl, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Shipwise:PublicUrl is '{options.PublicUrl}'; it must be an absolute http or https address without a query, e.g. 'https://shipwise.example.org'.");
    }
}

/// <summary>Absolute addresses for links in mail, built from Shipwise:PublicUrl (never from a request's Host header).</summary>
public sealed class MailLinks(IOptions<MailLinkOptions> options)
{
    public bool IsConfigured => TryParseBase(options.Value.PublicUrl, out _);

    /// <summary>The base address plus a path such as "/signin/confirm?token=…".</summary>
    public string Absolute(string pathAndQuery)
    {
        if (!TryParseBase(options.Value.PublicUrl, out var baseUrl))
        {
            throw new InvalidOperationException("Shipwise:PublicUrl is not configured, so no link can be mailed; set it to the site's absolute address.");
        }

        return baseUrl + (pathAndQuery.StartsWith('/') ? pathAndQuery : "/" + pathAndQuery);
    }

    public static bool TryParseBase(string? value, out string baseUrl)
    {
        baseUrl = "";
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host) || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return false;
        }

        baseUrl = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return true;
    }
}
