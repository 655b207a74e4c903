using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Writing;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>A fact a scorer read, with its name so the review can name and qualify it.</summary>
public sealed record FactUse(FactName Name, CitedFact Cited)
{
    public FactStatus Status => Cited.Status;

    /// <summary>Only evaluations have an author; one the vendor (or a rival) ran is worth less than an independent one.</summary>
    public bool VendorAuthored { get; init; }

    public static FactUse Of<T>(FactName name, SourcedFact<T> fact, string value) =>
        new(name, new CitedFact(FactPaths.Of(name), value, fact.Source, fact.AsOf, fact.Status));

    public static FactUse OfEvaluation(Evaluation evaluation, int index) =>
        new(FactName.Evaluations, new CitedFact(
            FactPaths.OfEvaluation(index), FactText.Evaluation(evaluation), evaluation.Source, evaluation.AsOf, evaluation.Status))
        {
            VendorAuthored = evaluation.Relation != EvaluatorRelation.Independent,
        };
}

/// <summary>
/// What a scorer found: a raw 0–100 sub-score before trust is applied, and the facts behind it.
/// </summary>
/// <param name="Trust">
/// Overrides the usual trust (the mean status weight of the facts used). Only a scorer whose
/// subject is the statuses themselves sets it, since discounting those twice would be wrong.
/// </param>
/// <param name="Finding">Overrides the default wording of what was read (the facts listed with their status).</param>
public sealed record ScorerOutcome(double Score, IReadOnlyList<FactUse> Facts, double? Trust = null, string? Finding = null);
