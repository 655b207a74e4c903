using Shipwise.Catalog;
using Shipwise.Core.Catalog;

namespace Shipwise.Bench;

/// <summary>The demo catalog as the product reads it: a file or a folder of files, upgraded from older formats.</summary>
public static class BenchCatalog
{
    public static IReadOnlyList<Tool> ReadTools(string path)
    {
        var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToArray() : [path];
        return [.. files.SelectMany(file => JsonCatalogReader.Read(File.ReadAllBytes(file))).Select(item => item.Tool).OfType<Tool>()];
    }
}
