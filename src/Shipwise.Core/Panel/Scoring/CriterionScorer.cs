using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>
/// A named way of turning facts (and peers) into a 0–100 sub-score and findings. Critic files
/// pick scorers by key, per kind of tool, and weigh them; the scorers are code so every critic
/// reads the same fact the same way.
/// </summary>
public abstract class CriterionScorer
{
    /// <summary>The key critic files use, e.g. "price-at-volume".</summary>
    public abstract string Key { get; }

    /// <summary>The facts this scorer reads.</summary>
    public abstract IReadOnlyList<FactName> Reads { get; }

    /// <summary>The facts it reads for this tool: what a review names as missing when none is on record.</summary>
    public virtual IReadOnlyList<FactName> ReadsFor(ReviewInputs inputs) => Reads;

    /// <summary>One line for docs and pages: what scores high.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Whether the question makes sense for this tool at all (a context window for an image
    /// generator does not). A criterion that does not apply is left out, not counted as missing.
    /// </summary>
    public virtual bool AppliesTo(ReviewInputs inputs) => true;

    /// <summary>Whether the scorer compares the tool with its peers (then the review depends on the peer snapshot).</summary>
    public virtual bool UsesPeers => false;

    /// <summary>The raw score, facts and findings, or null when nothing it reads is on record.</summary>
    public abstract ScorerOutcome? Score(ReviewInputs inputs);

    protected static ScorerOutcome? Outcome(double? score, IReadOnlyList<FactUse> used, params Finding?[] findings) =>
        score is { } value && used.Count > 0
            ? new ScorerOutcome(Curve.Clamp(value), used, [.. findings.OfType<Finding>()])
            : null;

    /// <summary>The polarity a sub-score implies: above 60 argues for, below 45 against.</summary>
    protected static int Polarity(double score) => score >= 60 ? 1 : score < 45 ? -1 : 0;
}
