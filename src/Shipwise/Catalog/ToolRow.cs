using System.Text.Json;
using Shipwise.Core.Catalog;

namespace Shipwise.Catalog;

/// <summary>The columns a tool is stored as: the document plus what the site filters on.</summary>
public sealed record ToolRow(
    string Slug,
    string Name,
    string Vendor,
    string Kind,
    string Category,
    string Tagline,
    string? ReleaseDate,
    string Document,
    string Fingerprint,
    string SearchText,
    string Lifecycle,
    string PeerSummary)
{
    public static ToolRow From(Tool tool)
    {
        var document = JsonSerializer.Serialize(tool, CatalogJson.Options);
        return new ToolRow(
            tool.Slug,
            tool.Name,
            tool.Vendor.Name,
            tool.Kind,
            tool.Category,
            tool.Tagline,
            tool.ReleaseDate?.ToString("yyyy-MM-dd"),
            document,
            ToolFingerprint.OfDocument(document),
            SearchTextOf(tool),
            tool.Facts.Lifecycle?.Value.Status ?? LifecycleStatus.Active,
            Core.Panel.Peers.PeerSummary.Serialize(tool));
    }

    /// <summary>The lower-cased haystack that name/alias/vendor search runs against (kept in step with migration 0002).</summary>
    public static string SearchTextOf(Tool tool) =>
        string.Join(' ', new[] { tool.Name, tool.Slug, tool.Vendor.Name, tool.Tagline, tool.Category }
            .Concat(AliasesOf(tool))).ToLowerInvariant();

    /// <summary>Aliases in the slug form they are matched in, without duplicates or the tool's own slug.</summary>
    public static IReadOnlyList<string> AliasesOf(Tool tool) =>
        tool.Aliases.Select(Core.Catalog.Slug.From).Where(a => a.Length > 0 && a != tool.Slug).Distinct().ToList();
}
