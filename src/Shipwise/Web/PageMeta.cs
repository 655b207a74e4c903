using System.Text.Encodings.Web;
using System.Text.Json;

namespace Shipwise.Web;

/// <summary>What the layout needs to know about a page: title, description, canonical address, social card and structured data.</summary>
public sealed record PageMeta(string Title, string Description, string CanonicalPath)
{
    public string OpenGraphType { get; init; } = "website";

    /// <summary>schema.org JSON-LD, serialized by <see cref="JsonLd"/> so it is safe inside a script element.</summary>
    public string? JsonLd { get; init; }

    public bool NoIndex { get; init; }

    /// <summary>The page's share image (og:image), a site path such as "/share/tools/smolvlm2.png"; null for none.</summary>
    public string? ImagePath { get; init; }

    /// <summary>Describes <see cref="ImagePath"/> for readers of the preview who cannot see it.</summary>
    public string? ImageAlt { get; init; }

    public string FullTitle => Title == "Shipwise" ? Title : $"{Title} · Shipwise";

    private static readonly JsonSerializerOptions _jsonLd = new()
    {
        // The default encoder escapes <, > and & (and non-ASCII), so "</script>" in a tool name cannot end the script element.
        Encoder = JavaScriptEncoder.Default,
    };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, _jsonLd);
}
