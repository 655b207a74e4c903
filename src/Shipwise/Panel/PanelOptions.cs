using System.ComponentModel.DataAnnotations;

namespace Shipwise.Panel;

public sealed class PanelOptions : IValidatableObject
{
    public const string Section = "Panel";

    /// <summary>evidence or llm. Defaults to llm when Llm:BaseUrl is set, else evidence.</summary>
    public string? Reviewer { get; set; }

    /// <summary>An LLM score further than this from the evidence score is held as disputed.</summary>
    [Range(0, 100, ErrorMessage = "Panel:DisputeMargin must be between 0 and 100 points.")]
    public int DisputeMargin { get; set; } = 25;

    /// <summary>Defaults to data/critics next to the executable.</summary>
    public string? CriticsPath { get; set; }

    /// <summary>Review unreviewed and changed tools in the background while serving.</summary>
    public bool ReviewInBackground { get; set; } = true;

    /// <summary>How often an idle worker looks for jobs queued by other nodes.</summary>
    [Range(1, 3600, ErrorMessage = "Panel:PollSeconds must be between 1 and 3600.")]
    public int PollSeconds { get; set; } = 10;

    /// <summary>How long a claimed job is reserved; a killed worker's jobs return to the queue after this.</summary>
    [Range(5, 86_400, ErrorMessage = "Panel:LeaseSeconds must be between 5 and 86400.")]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>Attempts before a job is recorded as failed.</summary>
    [Range(1, 20, ErrorMessage = "Panel:MaxJobAttempts must be between 1 and 20.")]
    public int MaxJobAttempts { get; set; } = 5;

    public string EffectiveCriticsPath => CriticsPath ?? Path.Combine(AppContext.BaseDirectory, "data", "critics");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Reviewer is not (null or "evidence" or "llm"))
        {
            yield return new ValidationResult($"Panel:Reviewer is '{Reviewer}'; use 'evidence' or 'llm'.", [nameof(Reviewer)]);
        }
    }
}
