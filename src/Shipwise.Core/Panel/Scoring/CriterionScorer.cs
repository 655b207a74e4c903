using Shipwise.Core.Catalog;
namespace Shipwise.Core.Panel.Scoring;

/// <summary>
/// A named way of turning facts into a 0–100 sub-score. Critic files pick scorers by key and
/// weigh them; the scorers themselves are code so every critic scores the same fact the same way.
/// </summary>
public abstract class CriterionScorer
{
    /// <summary>The key critic files use, e.g. "price-per-token".</summary>
    public abstract string Key { get; }

    /// <summary>The facts this scorer can read; a critic file may narrow them but never widen them.</summary>
    public abstract IReadOnlyList<FactName> Reads { get; }

    /// <summary>One line for docs and pages: what scores high.</summary>
    public abstract string Description { get; }

    /// <summary>The raw score and the facts used, or null when nothing it reads is on record.</summary>
    public abstract ScorerOutcome? Score(FactView facts, DateOnly asOf);

    protected static IReadOnlyList<FactUse> Read(FactView view, params FactName[] names) =>
        [.. names.Select(name => FactReader.Read(view, name)).OfType<FactUse>()];

    /// <summary>No score or no facts behind it means no evidence, never a guessed number.</summary>
    protected static ScorerOutcome? Outcome(double? score, IReadOnlyList<FactUse> used) =>
        score is { } value && used.Count > 0 ? new ScorerOutcome(Curve.Clamp(value), used) : null;
}
