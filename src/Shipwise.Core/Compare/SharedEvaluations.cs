using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Compare;

/// <summary>
/// One evaluation both tools took (same benchmark and version), with the figure on each side
/// that a comparison should rest on, and which side leads.
/// </summary>
public sealed record SharedEvaluation(string Key, Evaluation Left, Evaluation Right, Leader Leader)
{
    /// <summary>The trust of the weaker of the two figures: a comparison is only as good as its worse half.</summary>
    public double Trust => Math.Min(SharedEvaluations.TrustOf(Left), SharedEvaluations.TrustOf(Right));

    public bool SameEvaluator => string.Equals(Left.Evaluator, Right.Evaluator, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// One evaluator ran both: the same harness, prompts and grading. Figures two parties
    /// published separately are shown side by side but never decide which tool is better.
    /// </summary>
    public bool LikeForLike => SameEvaluator;

    public bool LowerIsBetter => Benchmarks.LowerIsBetter(Left);
}

/// <summary>
/// The evaluations two tools share, read once for the facts table and the quality answer, so
/// the two can never disagree about who leads.
/// </summary>
public static class SharedEvaluations
{
    /// <summary>Two figures within this share of the larger one are level: 1,369 and 1,380 Elo, 87.3 % and 88 %.</summary>
    public const decimal LevelWithin = 0.01m;

    /// <summary>An evaluation's trust: its status weight, capped by who ran it (independent 1, rival 0.6, vendor 0.5, unnamed 0.4).</summary>
    public static double TrustOf(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return Math.Min(evaluation.Status.Weight(), FactUse.RelationWeight(evaluation.Relation));
    }

    /// <summary>
    /// Every benchmark both report, like-for-like runs first, then most trusted. For each, the
    /// pair of figures one evaluator ran for both where there is one; then the most trusted
    /// relation on its weaker side, then the most trusted status, then the same setting, then
    /// the most recent.
    /// </summary>
    public static IReadOnlyList<SharedEvaluation> Of(Tool left, Tool right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var rightByKey = right.Facts.Evaluations.ToLookup(Benchmarks.ComparableKey, StringComparer.Ordinal);
        var shared = new List<SharedEvaluation>();
        foreach (var group in left.Facts.Evaluations.GroupBy(Benchmarks.ComparableKey, StringComparer.Ordinal))
        {
            if (!rightByKey.Contains(group.Key))
            {
                continue;
            }

            var (l, r) = group
                .SelectMany(a => rightByKey[group.Key], (a, b) => (a, b))
                .OrderByDescending(p => string.Equals(p.a.Evaluator, p.b.Evaluator, StringComparison.OrdinalIgnoreCase))
                .ThenByDescending(p => Math.Min(FactUse.RelationWeight(p.a.Relation), FactUse.RelationWeight(p.b.Relation)))
                .ThenByDescending(p => Math.Min(p.a.Status.Weight(), p.b.Status.Weight()))
                .ThenByDescending(p => string.Equals(p.a.Setting, p.b.Setting, StringComparison.OrdinalIgnoreCase))
                .ThenByDescending(p => p.a.AsOf < p.b.AsOf ? p.a.AsOf : p.b.AsOf)
                .ThenByDescending(p => p.a.Score + p.b.Score)
                .First();
            shared.Add(new SharedEvaluation(group.Key, l, r, Lead(l, r)));
        }

        return
        [
            .. shared
                .OrderByDescending(s => s.LikeForLike)
                .ThenByDescending(s => s.Trust)
                .ThenBy(s => s.Key, StringComparer.Ordinal),
        ];
    }

    /// <summary>Which figure is better, lower-is-better benchmarks (error rates) included; within <see cref="LevelWithin"/> is a tie.</summary>
    public static Leader Lead(Evaluation left, Evaluation right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var scale = Math.Max(Math.Abs(left.Score), Math.Abs(right.Score));
        if (Math.Abs(left.Score - right.Score) <= scale * LevelWithin)
        {
            return Leader.Tie;
        }

        var leftHigher = left.Score > right.Score;
        return leftHigher != Benchmarks.LowerIsBetter(left) ? Leader.Left : Leader.Right;
    }
}
