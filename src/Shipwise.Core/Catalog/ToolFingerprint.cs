using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Shipwise.Core.Catalog;

/// <summary>
/// A stable hash of everything a reviewer may read about a tool. A review is keyed by it,
/// so an unchanged tool is never reviewed twice and a changed one always is.
/// </summary>
public static class ToolFingerprint
{
    public static string Compute(Tool tool) => Hash(JsonSerializer.SerializeToUtf8Bytes(tool, CatalogJson.Options));

    /// <summary>The same fingerprint from a document already serialized with <see cref="CatalogJson.Options"/>, saving a second serialization.</summary>
    public static string OfDocument(string document) => Hash(Encoding.UTF8.GetBytes(document));

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
}
