using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Scoring;
using Shipwise.Core.Panel.Writing;

namespace Shipwise.Core.Panel;

/// <summary>
/// Reviews a tool offline from its structured facts alone. The same facts, critic version and
/// date always give the same review, byte for byte, so reviews can be cached and diffed.
/// </summary>
public sealed class EvidenceReviewer : IReviewer
{
    public string Name => "evidence";

    public Task<PanelReview> ReviewAsync(Tool tool, Critic critic, DateOnly asOf, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Review(tool, critic, asOf));
    }

    public PanelReview Review(Tool tool, Critic critic, DateOnly asOf)
    {
        var (evaluated, results, noTake, score, verdict) = Evaluate(tool, critic, asOf);
        var cited = evaluated.SelectMany(e => e.Result.Facts).DistinctBy(f => f.Path).ToList();
        if (noTake is not null)
        {
            var quiet = ReviewWriter.WriteNoTake(critic, noTake);
            return new PanelReview(critic.Slug, critic.Version, null, Verdict.NoTake, quiet.Summary, quiet.Body, cited, results);
        }

        var text = ReviewWriter.WriteSided(critic, evaluated, score!.Value, verdict);
        return new PanelReview(critic.Slug, critic.Version, score, verdict, text.Summary, text.Body, cited, results);
    }

    /// <summary>
    /// The score and verdict alone, exactly as <see cref="Review"/> gives them, without writing the
    /// text: enough to store a review whose text is regenerated when someone reads it.
    /// </summary>
    public (int? Score, Verdict Verdict) Judge(Tool tool, Critic critic, DateOnly asOf)
    {
        var (_, _, noTake, score, verdict) = Evaluate(tool, critic, asOf);
        return noTake is null ? (score, verdict) : (null, Verdict.NoTake);
    }

    private static (List<EvaluatedCriterion> Evaluated, List<CriterionResult> Results, string? NoTake, int? Score, Verdict Verdict) Evaluate(
        Tool tool, Critic critic, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(critic);

        // Only the fact view goes further: name, tagline and description cannot reach a score or a sentence.
        var facts = FactView.Of(tool);
        var evaluated = critic.Criteria.Select(c => CriterionEvaluation.Evaluate(c, facts, asOf)).ToList();
        var results = evaluated.Select(e => e.Result).ToList();
        if (NoTakeCheck.Reason(critic.NoTake, tool.Kind, facts, results) is { } reason)
        {
            return (evaluated, results, reason, null, Verdict.NoTake);
        }

        // Not null: the no-take check above stops a critic with no evidence at all.
        var score = ReviewScore.Overall(results)!.Value;
        return (evaluated, results, null, score, ReviewScore.VerdictFor(score, critic.ShipBar));
    }
}
