namespace Shipwise.Catalog;

public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>Load the demo catalog when the database holds no tools.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>A catalog file or folder; defaults to the demo catalog folder shipped next to the executable.</summary>
    public string? DemoCatalogPath { get; set; }

    public string EffectiveDemoCatalogPath => DemoCatalogPath ?? Path.Combine(AppContext.BaseDirectory, "data", "catalog");
}
