namespace Shipwise.Security;

/// <summary>
/// The public base address used in canonical links, feeds, sitemaps and embeds, and for HSTS. Here,
/// below every page, because Security needs it too: a Site type here would close a loop of features.
/// </summary>
public sealed class PublicUrls(IConfiguration configuration)
{
    private readonly string? _configured = configuration["Shipwise:PublicUrl"]?.TrimEnd('/');

    public string Base(HttpRequest request) => _configured ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    public string Absolute(HttpRequest request, string path) => Base(request) + path;

    /// <summary>True when Shipwise:PublicUrl is an https address (then browsers are told to keep to https).</summary>
    public bool IsHttps => _configured?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;
}
