using System.ComponentModel.DataAnnotations;

namespace Shipwise.Catalog;

public sealed class CatalogOptions : IValidatableObject
{
    public const string Section = "Catalog";

    /// <summary>Load the demo catalog when the database holds no tools.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Defaults to the demo catalog shipped next to the executable.</summary>
    public string? DemoCatalogPath { get; set; }

    public string EffectiveDemoCatalogPath => DemoCatalogPath ?? Path.Combine(AppContext.BaseDirectory, "data", "demo-catalog.json");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SeedDemoData && DemoCatalogPath is not null && !File.Exists(DemoCatalogPath))
        {
            yield return new ValidationResult(
                $"Catalog:DemoCatalogPath is '{DemoCatalogPath}', which is not a file; point it at a catalog file or set Catalog:SeedDemoData to false.",
                [nameof(DemoCatalogPath)]);
        }
    }
}
