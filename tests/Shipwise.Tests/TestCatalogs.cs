using Shipwise.Catalog;
using Shipwise.Core.Catalog;

namespace Shipwise.Tests;

/// <summary>Catalog files read the way the product reads them: streamed, and upgraded from older formats.</summary>
public static class TestCatalogs
{
    /// <summary>A catalog file, or a folder of them read as one.</summary>
    public static CatalogDocument Read(string path)
    {
        var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToArray() : [path];
        var tools = new List<Tool>();
        var groups = new List<ToolGroup>();
        foreach (var file in files)
        {
            foreach (var item in JsonCatalogReader.Read(File.ReadAllBytes(file)))
            {
                Assert.True(item.Problems.Count == 0, $"{file}: {string.Join("; ", item.Problems)}");
                if (item.Tool is { } tool)
                {
                    tools.Add(tool);
                }

                if (item.Group is { } group)
                {
                    groups.Add(group);
                }
            }
        }

        return new CatalogDocument { SchemaVersion = CatalogDocument.CurrentSchemaVersion, Tools = tools, Groups = groups };
    }
}
