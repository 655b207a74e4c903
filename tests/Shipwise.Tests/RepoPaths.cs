namespace Shipwise.Tests;

/// <summary>Finds files that ship in the repository (demo catalog, critics, schema).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string DemoCatalog => Path.Combine(Root, "data", "demo-catalog.json");

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
