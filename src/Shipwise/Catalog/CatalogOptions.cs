using System.ComponentModel.DataAnnotations;

namespace Shipwise.Catalog;

public sealed class CatalogOptions : IValidatableObject
{
    public const string Section = "Catalog";

    /// <summary>Load the demo catalog when the database holds no tools.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>A catalog file or folder; defaults to the demo catalog folder shipped next to the executable.</summary>
    public string? DemoCatalogPath { get; set; }

    public string EffectiveDemoCatalogPath => DemoCatalogPath ?? Path.Combine(AppContext.BaseDirectory, "data", "catalog");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SeedDemoData && DemoCatalogPath is not null && !File.Exists(DemoCatalogPath) && !Directory.Exists(DemoCatalogPath))
        {
            yield return new ValidationResult(
                $"Catalog:DemoCatalogPath is '{DemoCatalogPath}', which is neither a file nor a folder; point it at a catalog file or folder, or set Catalog:SeedDemoData to false.",
                [nameof(DemoCatalogPath)]);
        }
    }
}
