using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;
using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Peers;
using Shipwise.Core.Panel.Scoring;
using Shipwise.Core.Panel.Writing;

namespace Shipwise.Core.Panel;

/// <summary>Why a critic took no side: the words it gives, and what kind of reason it is.</summary>
public sealed record NoTakeReason(NoTakeKind Kind, string Text, IReadOnlyList<string> Missing);

public enum NoTakeKind { Retired, Unconfirmed, OutOfScope, InsufficientEvidence }

/// <summary>
/// Reviews a tool offline from its structured facts and its peers. The same facts, critic
/// version, peer snapshot, code version and date always give the same review, byte for byte.
/// docs/panel.md explains the arithmetic with a worked example per kind.
/// </summary>
public sealed class EvidenceReviewer : IReviewer
{
    /// <summary>
    /// The version of the arithmetic and the writing. It is part of every review job's key, so an
    /// upgrade that would change what a review says re-reviews instead of silently rewording.
    /// </summary>
    public const string CodeVersion = "evidence-7";

    /// <summary>A deprecated tool scores at most this far below the critic's bar: nobody should start on it.</summary>
    public const int DeprecatedBelowBar = 10;

    /// <summary>Points off for a runtime or tool kept alive with fixes only: fine where it runs, not for a new project.</summary>
    public const int MaintenancePenalty = 15;

    /// <summary>A tool in maintenance scores at most this far below the bar: it is not where new work should start.</summary>
    public const int MaintenanceBelowBar = 5;

    /// <summary>Points off for a preview: it may change or go away.</summary>
    public const int PreviewPenalty = 5;

    /// <summary>What a criterion with nothing on record counts as, at most (and never more than the evidence).</summary>
    public const double UnprovenCeiling = 50;

    public string Name => "evidence";

    public Task<PanelReview> ReviewAsync(Tool tool, Critic critic, DateOnly asOf, PeerSnapshot peers, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Review(tool, critic, asOf, peers));
    }

    public PanelReview Review(Tool tool, Critic critic, DateOnly asOf, PeerSnapshot peers)
    {
        var judged = Evaluate(tool, critic, asOf, peers);
        var cited = judged.Evaluated.SelectMany(e => e.Result.Facts).DistinctBy(f => f.Path).ToList();
        var results = judged.Evaluated.Select(e => e.Result).ToList();
        if (judged.NoTake is { } reason)
        {
            var quiet = ReviewComposer.WriteNoTake(critic, judged.Inputs, reason);
            return new PanelReview(critic.Slug, critic.Version, null, Verdict.NoTake, quiet.Summary, quiet.Body, cited, results) { PeersVersion = peers.Version };
        }

        var text = ReviewComposer.WriteSided(critic, judged.Inputs, judged.Evaluated, judged.Score!.Value, judged.Verdict, judged.Adjustments);
        return new PanelReview(critic.Slug, critic.Version, judged.Score, judged.Verdict, text.Summary, text.Body, cited, results) { PeersVersion = peers.Version };
    }

    /// <summary>The score and verdict alone, exactly as <see cref="Review"/> gives them.</summary>
    public (int? Score, Verdict Verdict) Judge(Tool tool, Critic critic, DateOnly asOf, PeerSnapshot peers)
    {
        var judged = Evaluate(tool, critic, asOf, peers);
        return judged.NoTake is null ? (judged.Score, judged.Verdict) : (null, Verdict.NoTake);
    }

    /// <summary>
    /// What the scorers found, as sentences (peer ranks, bills at volume, hardware needs): the
    /// evidence an LLM reviewer is given beside the facts, so it judges against the same peers.
    /// </summary>
    public static IReadOnlyList<string> Explain(Tool tool, Critic critic, DateOnly asOf, PeerSnapshot peers)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(critic);
        var inputs = new ReviewInputs(LifecycleRead.AsOf(tool, asOf), peers, asOf, $"{tool.Slug}|{critic.Slug}");
        return [.. critic.CriteriaFor(tool.Kind)
            .Where(c => c.Scorer.AppliesTo(inputs))
            .SelectMany(c => CriterionEvaluation.Evaluate(c, inputs).Findings.Select(f => $"{c.Label}: {f.Text}"))];
    }

    /// <summary>How the sub-scores became the score (pages and docs show the working).</summary>
    public static int Combine(IReadOnlyList<CriterionResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var evidenced = results.Where(r => r.Score is not null).ToList();
        var weight = evidenced.Sum(r => r.Weight * r.EvidenceWeight);
        var evidence = weight > 0 ? evidenced.Sum(r => r.Weight * r.EvidenceWeight * r.Score!.Value) / weight : UnprovenCeiling;

        // A criterion with nothing on record counts as neutral, and never above the evidence:
        // it can pull a good score down toward 50 but cannot lift a poor one.
        var unproven = Math.Min(UnprovenCeiling, evidence);
        var missing = results.Where(r => r.Score is null).Sum(r => r.Weight);
        var total = (evidence * weight) + (unproven * missing);
        return (int)Math.Round(total / (weight + missing), MidpointRounding.AwayFromZero);
    }

    private sealed record Judged(
        ReviewInputs Inputs, IReadOnlyList<EvaluatedCriterion> Evaluated, NoTakeReason? NoTake, int? Score, Verdict Verdict, IReadOnlyList<Adjustment> Adjustments);

    private static Judged Evaluate(Tool tool, Critic critic, DateOnly asOf, PeerSnapshot peers)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(peers);
        // The lifecycle as it stands on the review's day: a deprecated tool past its shutdown date is retired.
        tool = LifecycleRead.AsOf(tool, asOf);
        var inputs = new ReviewInputs(tool, peers, asOf, $"{tool.Slug}|{critic.Slug}");
        Judged Quiet(NoTakeReason reason, IReadOnlyList<EvaluatedCriterion>? evaluated = null) => new(inputs, evaluated ?? [], reason, null, Verdict.NoTake, []);

        var lifecycle = tool.Facts.Lifecycle?.Value;
        if (lifecycle?.Status == LifecycleStatus.Retired)
        {
            var replaced = lifecycle.Successor is { } s ? $" Use {peers.NameOf(s)} instead." : "";
            var when = lifecycle.ShutdownDate is { } off ? $" on {FactFormat.Date(off)}" : "";
            return Quiet(new NoTakeReason(NoTakeKind.Retired, $"{inputs.Name} was retired{when}.{replaced}", []));
        }

        if (lifecycle?.Status == LifecycleStatus.Unconfirmed)
        {
            return Quiet(new NoTakeReason(NoTakeKind.Unconfirmed, "No public source confirms that this product exists, so there is nothing to review.", []));
        }

        var criteria = critic.CriteriaFor(tool.Kind);
        if (criteria.Count == 0)
        {
            return Quiet(new NoTakeReason(NoTakeKind.OutOfScope, Kind(tool.Kind), []));
        }

        if (critic.NoTake.RequireAnyOutput.Count > 0 && !(tool.Facts.OutputModalities?.Value ?? []).Any(critic.NoTake.RequireAnyOutput.Contains))
        {
            return Quiet(new NoTakeReason(NoTakeKind.OutOfScope, $"a tool that makes no {Phrasing.Either(critic.NoTake.RequireAnyOutput)}", []));
        }

        var evaluated = criteria.Where(c => c.Scorer.AppliesTo(inputs)).Select(c => CriterionEvaluation.Evaluate(c, inputs)).ToList();
        var results = evaluated.Select(e => e.Result).ToList();
        var coverage = ReviewScore.Coverage(results);
        if (coverage < critic.NoTake.MinCoverage || evaluated.All(e => !e.HasEvidence))
        {
            var missing = evaluated.Where(e => !e.HasEvidence)
                .SelectMany(e => e.Criterion.Scorer.ReadsFor(inputs))
                .Distinct()
                .Where(f => !f.IsOnRecord(tool) && f is not FactName.Competitors)
                .Select(Noun)
                .Take(6)
                .ToList();
            if (missing.Count == 0)
            {
                // The facts are on record but give the scorer nothing to weigh (a speed fact with a
                // first-token time and no output speed): name what is missing in the critic's words.
                missing = [.. evaluated.Where(e => !e.HasEvidence).Select(e => $"a usable figure for {e.Criterion.Label}").Distinct().Take(3)];
            }

            return Quiet(new NoTakeReason(NoTakeKind.InsufficientEvidence, "", missing), evaluated);
        }

        var adjustments = new List<Adjustment>();
        var score = Combine(results);
        switch (lifecycle?.Status)
        {
            case LifecycleStatus.Deprecated when score > critic.ShipBar - DeprecatedBelowBar:
                adjustments.Add(new Adjustment(AdjustmentKind.Deprecated, score - (critic.ShipBar - DeprecatedBelowBar)));
                score = critic.ShipBar - DeprecatedBelowBar;
                break;
            case LifecycleStatus.Deprecated:
                adjustments.Add(new Adjustment(AdjustmentKind.Deprecated, 0));
                break;
            case LifecycleStatus.MaintenanceOnly:
                // Fine where it already runs, a skip for new work: a verdict answers "should I start on it?".
                var kept = Math.Min(score - MaintenancePenalty, critic.ShipBar - MaintenanceBelowBar);
                adjustments.Add(new Adjustment(AdjustmentKind.MaintenanceOnly, score - kept));
                score = kept;
                break;
            case LifecycleStatus.Preview:
                adjustments.Add(new Adjustment(AdjustmentKind.Preview, PreviewPenalty));
                score -= PreviewPenalty;
                break;
        }

        // No ship on what nobody has measured: a criterion the critic requires must have evidence.
        var unmeasured = evaluated.Where(e => !e.HasEvidence && critic.ShipRequires.Contains(e.Criterion.Key)).ToList();
        if (unmeasured.Count > 0 && score >= critic.ShipBar)
        {
            adjustments.Add(new Adjustment(AdjustmentKind.Unmeasured, score - (critic.ShipBar - 1), unmeasured[0].Criterion.Label));
            score = critic.ShipBar - 1;
        }

        score = Math.Clamp(score, 0, 100);
        return new Judged(inputs, evaluated, null, score, ReviewScore.VerdictFor(score, critic.ShipBar), adjustments);
    }


    private static string Noun(FactName fact) => fact.Noun().StartsWith("the ", StringComparison.Ordinal) ? fact.Noun()[4..] : fact.Noun();

    private static string Kind(string kind) => kind switch
    {
        "api" => "a hosted model API",
        "model" => "an open-weight model",
        "runtime" => "a runtime",
        "app" => "an end-user app",
        "library" => "a library",
        "provider" => "an inference provider or gateway",
        "hardware" => "a piece of hardware",
        _ => kind,
    };
}

public enum AdjustmentKind { Deprecated, MaintenanceOnly, Preview, Unmeasured }

/// <summary>A rule applied after the arithmetic, and how many points it moved; the review says why.</summary>
public sealed record Adjustment(AdjustmentKind Kind, int Points, string? About = null);
