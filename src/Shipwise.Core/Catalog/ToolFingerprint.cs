using System.Security.Cryptography;
using System.Text.Json;

namespace Shipwise.Core.Catalog;

/// <summary>
/// A stable hash of everything a reviewer may read about a tool. A review is keyed by it,
/// so an unchanged tool is never reviewed twice and a changed one always is.
/// </summary>
public static class ToolFingerprint
{
    public static string Compute(Tool tool)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(tool, CatalogJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }
}
