namespace Shipwise.Tests;

/// <summary>Finds files that ship in the repository (demo catalog, fixtures, critics, schema).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The demo catalog the product ships: a folder of format-2 files.</summary>
    public static string DemoCatalog => Path.Combine(Root, "data", "catalog");

    /// <summary>
    /// The first demo catalog (39 tools, format 1), frozen as a fixture: behaviour tests run on
    /// it so they do not change with the catalog's facts, and it proves format-1 files still import.
    /// </summary>
    public static string FixtureCatalog => Path.Combine(Root, "tests", "fixtures", "catalog-v1.json");

    public static string CriticsFolder => Path.Combine(Root, "data", "critics");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Shipwise.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Could not find the repository root (Shipwise.slnx) above " + AppContext.BaseDirectory);
    }
}
