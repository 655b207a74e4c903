using Shipwise.Core.Panel.Critics;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>A criterion's result with the readings behind it, which the review writer needs and a stored review does not.</summary>
public sealed record EvaluatedCriterion(Criterion Criterion, CriterionResult Result, IReadOnlyList<FactUse> Uses, IReadOnlyList<Finding> Findings)
{
    public bool HasEvidence => Result.Score is not null;
}

/// <summary>Runs one criterion's scorer and discounts the result by how far its facts can be trusted.</summary>
public static class CriterionEvaluation
{
    public const double Neutral = 50;

    public static EvaluatedCriterion Evaluate(Criterion criterion, ReviewInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(inputs);
        var outcome = criterion.Scorer.Score(inputs);
        if (outcome is null)
        {
            return new(criterion, new CriterionResult(criterion.Key, criterion.Label, criterion.Weight, null, 0, []), [], []);
        }

        var trust = Math.Round(outcome.Trust ?? outcome.Facts.Average(f => f.Trust), 3, MidpointRounding.AwayFromZero);

        // Weak evidence may only pull a score part of the way from neutral: a vendor's word
        // that something is excellent counts as "probably good", not "excellent".
        var score = (int)Math.Round(Neutral + ((outcome.Score - Neutral) * trust), MidpointRounding.AwayFromZero);
        var cited = outcome.Facts.Select(f => f.Cited).DistinctBy(c => c.Path).ToList();
        return new(criterion, new CriterionResult(criterion.Key, criterion.Label, criterion.Weight, score, trust, cited), outcome.Facts, outcome.Findings);
    }
}
