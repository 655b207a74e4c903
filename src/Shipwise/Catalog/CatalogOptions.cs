using System.ComponentModel.DataAnnotations;
using Shipwise.Core.Catalog.Sources;

namespace Shipwise.Catalog;

public sealed class CatalogOptions : IValidatableObject
{
    public const string Section = "Catalog";

    /// <summary>Load the demo catalog when the database holds no tools.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>A catalog file or folder; defaults to the demo catalog folder shipped next to the executable.</summary>
    public string? DemoCatalogPath { get; set; }

    public string EffectiveDemoCatalogPath => DemoCatalogPath ?? Path.Combine(AppContext.BaseDirectory, "data", "catalog");

    /// <summary>A fact neither dated nor confirmed by a source within this many days is marked stale on pages and in the API.</summary>
    [Range(1, 3650, ErrorMessage = "Catalog:StaleAfterDays must be between 1 and 3650 days.")]
    public int StaleAfterDays { get; set; } = 180;

    /// <summary>The sources `shipwise refresh` (and `serve`, on a schedule) reads.</summary>
    public List<SourceSettings> Sources { get; set; } = [];

    /// <summary>How often `serve` refreshes each source; 0 turns the schedule off (`shipwise refresh` still works).</summary>
    [Range(0d, 8760d, ErrorMessage = "Catalog:RefreshHours must be between 0 (off) and 8760.")]
    public double RefreshHours { get; set; } = 24;

    /// <summary>How long one source may take to answer, retries included.</summary>
    [Range(1, 600, ErrorMessage = "Catalog:SourceTimeoutSeconds must be between 1 and 600.")]
    public int SourceTimeoutSeconds { get; set; } = 60;

    /// <summary>A source's answer larger than this is refused rather than read into memory.</summary>
    [Range(1, 1024, ErrorMessage = "Catalog:SourceMaxMegabytes must be between 1 and 1024.")]
    public int SourceMaxMegabytes { get; set; } = 32;

    /// <summary>Retries after a timeout, a 5xx, a 429 or a dropped connection (never after a 404).</summary>
    [Range(0, 5, ErrorMessage = "Catalog:SourceRetries must be between 0 and 5.")]
    public int SourceRetries { get; set; } = 2;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SeedDemoData && DemoCatalogPath is not null && !File.Exists(DemoCatalogPath) && !Directory.Exists(DemoCatalogPath))
        {
            yield return new ValidationResult(
                $"Catalog:DemoCatalogPath is '{DemoCatalogPath}', which is neither a file nor a folder; point it at a catalog file or folder, or set Catalog:SeedDemoData to false.",
                [nameof(DemoCatalogPath)]);
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Sources.Count; i++)
        {
            var source = Sources[i];
            var at = $"Catalog:Sources:{i}";
            if (!SourceLabels.Connector.All.Contains(source.From))
            {
                yield return new ValidationResult(
                    $"{at}:From is '{source.From}'; use one of: {string.Join(", ", SourceLabels.Connector.All)}.", [nameof(Sources)]);
                continue;
            }

            if (!names.Add(source.EffectiveName))
            {
                yield return new ValidationResult($"{at}:Name '{source.EffectiveName}' is used by another source; give each source its own name.", [nameof(Sources)]);
            }

            if (source.From == SourceLabels.Connector.HuggingFace)
            {
                if (source.Models.Count == 0)
                {
                    yield return new ValidationResult($"{at}:Models is empty; list the Hugging Face model ids to read, e.g. Qwen/Qwen3-8B.", [nameof(Sources)]);
                }
            }
            else if (string.IsNullOrWhiteSpace(source.Location))
            {
                yield return new ValidationResult($"{at}:Location is required: a file or an http(s) URL of the {source.From} data.", [nameof(Sources)]);
            }

            if (source.Location is { Length: > 0 } location && location.Contains("://", StringComparison.Ordinal)
                && !(Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                yield return new ValidationResult($"{at}:Location '{location}' is not an http(s) URL or a file path.", [nameof(Sources)]);
            }
        }
    }
}

/// <summary>One entry of Catalog:Sources.</summary>
public sealed class SourceSettings
{
    /// <summary>What the operator view and the review lists call the source; defaults to <see cref="From"/>.</summary>
    public string? Name { get; set; }

    /// <summary>litellm, openrouter or huggingface.</summary>
    public string From { get; set; } = "";

    /// <summary>A file or URL (LiteLLM, OpenRouter); for Hugging Face the Hub's address (default https://huggingface.co).</summary>
    public string? Location { get; set; }

    /// <summary>Hugging Face model ids, e.g. "Qwen/Qwen3-8B".</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>The address facts name as their source when Location is a file (e.g. the file at a commit on GitHub).</summary>
    public string? SourceUrl { get; set; }

    public string EffectiveName => string.IsNullOrWhiteSpace(Name) ? From : Name;
}
