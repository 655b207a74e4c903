using System.Globalization;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Panel.Writing;

/// <summary>The summary and body of a review, in the critic's words, filled only from the facts used.</summary>
internal sealed record ReviewText(string Summary, string Body);

/// <summary>
/// Fills a critic's lines with what its criteria found. Deterministic: ties go to the criterion
/// listed first, and every number is written in the invariant culture.
/// </summary>
internal static class ReviewWriter
{
    public static ReviewText WriteSided(Critic critic, IReadOnlyList<EvaluatedCriterion> criteria, int score, Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(criteria);
        var withEvidence = criteria.Where(c => c.HasEvidence).ToList();
        var strongest = withEvidence.MaxBy(c => c.Result.Score)!;
        var weakest = withEvidence.MinBy(c => c.Result.Score)!;
        var missing = criteria.Where(c => !c.HasEvidence).Select(c => c.Criterion.Label).ToList();
        var common = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["score"] = Number(score),
            ["bar"] = Number(critic.ShipBar),
            ["strongest"] = strongest.Criterion.Label,
            ["weakest"] = weakest.Criterion.Label,
            ["gaps"] = missing.Count == 0 ? "nothing" : FactText.List(missing),
        };

        var context = new SidedContext(critic, criteria, common, strongest, weakest, verdict);
        var sentences = critic.Beats.Select(beat => Sentence(beat, context)).ToList();
        var summaryLine = verdict == Verdict.Ship ? critic.Summary.Ship : critic.Summary.Skip;
        return Finish(critic, Fill(summaryLine, critic, common), sentences);
    }

    public static ReviewText WriteNoTake(Critic critic, string reason)
    {
        ArgumentNullException.ThrowIfNull(critic);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reason"] = reason,
            ["bar"] = Number(critic.ShipBar),
        };
        return Finish(critic, Fill(critic.Summary.NoTake, critic, values), [.. critic.NoTakeReview.Select(line => Fill(line, critic, values))]);
    }

    private static string Sentence(Beat beat, SidedContext context)
    {
        var (critic, criteria, common, strongest, weakest, verdict) = context;
        switch (beat.Topic)
        {
            case BeatTopic.Strongest:
                return Fill(beat.Say!, critic, About(strongest, common));
            case BeatTopic.Weakest:
                return Fill(beat.Say!, critic, About(weakest, common));
            case BeatTopic.Criterion:
                var subject = criteria.First(c => c.Criterion.Key == beat.CriterionKey);
                if (!subject.HasEvidence)
                {
                    return Fill(beat.Missing!, critic, With(common, "label", subject.Criterion.Label));
                }

                return Fill(subject.Result.Score >= critic.ShipBar ? beat.Good! : beat.Bad!, critic, About(subject, common));
            case BeatTopic.Trust:
                var caveats = Caveats(criteria.Where(c => c.HasEvidence).SelectMany(c => c.Uses));
                return caveats is null ? Fill(beat.Clean!, critic, common) : Fill(beat.Say!, critic, With(common, "caveats", caveats));
            default:
                return Fill(verdict == Verdict.Ship ? beat.Ship! : beat.Skip!, critic, common);
        }
    }

    private static Dictionary<string, string> With(Dictionary<string, string> values, string key, string value) =>
        new(values, StringComparer.Ordinal) { [key] = value };

    private static Dictionary<string, string> About(EvaluatedCriterion criterion, Dictionary<string, string> common) => new(common, StringComparer.Ordinal)
    {
        ["label"] = criterion.Criterion.Label,
        ["facts"] = criterion.Finding ?? FactText.Facts([.. criterion.Uses.Select(u => $"{u.Cited.Value} ({FactText.Status(u.Status)})")]),
        ["grade"] = Grade(criterion.Result.Score!.Value),
        ["subscore"] = Number(criterion.Result.Score!.Value),
    };

    /// <summary>
    /// What the reader should discount, e.g. "the pricing is a vendor claim and the benchmark
    /// figures are the vendor's own"; null when everything used is verified and independent.
    /// </summary>
    private static string? Caveats(IEnumerable<FactUse> uses)
    {
        var distinct = uses.DistinctBy(u => u.Cited.Path).ToList();
        var clauses = new List<string>();
        AddStatusClause(clauses, distinct, FactStatus.VendorClaim, "is a vendor claim", "are vendor claims");
        AddStatusClause(clauses, distinct, FactStatus.Unverified, "is unverified", "are unverified");
        var benchmarks = distinct.Where(u => u.Name == FactName.Evaluations).ToList();
        var vendorRun = benchmarks.Count(b => b.VendorAuthored);
        if (vendorRun > 0)
        {
            clauses.Add(vendorRun == benchmarks.Count
                ? "the benchmark figures are the vendor's own"
                : string.Create(CultureInfo.InvariantCulture, $"{vendorRun} of {benchmarks.Count} benchmark figures are the vendor's own"));
        }

        return clauses.Count == 0 ? null : FactText.List(clauses);
    }

    private static void AddStatusClause(List<string> clauses, List<FactUse> uses, FactStatus status, string singular, string plural)
    {
        var names = uses.Where(u => u.Status == status).Select(u => u.Name).Distinct().Order().ToList();
        if (names.Count > 0)
        {
            var plain = names.Count == 1 && !names[0].IsPluralNoun();
            clauses.Add($"{FactText.List([.. names.Select(n => n.Noun())])} {(plain ? singular : plural)}");
        }
    }

    private static string Grade(int score) => score switch
    {
        >= 85 => "excellent",
        >= 70 => "strong",
        >= 55 => "solid",
        >= 45 => "middling",
        >= 30 => "weak",
        _ => "poor",
    };

    /// <summary>
    /// Fact values are not the critic's words, so banned phrases are cut from them before they go in.
    /// Every other value (labels, grades, numbers, our own clauses) is ours; the final pass in
    /// <see cref="Finish"/> still checks the whole text.
    /// </summary>
    private static string Fill(string line, Critic critic, IReadOnlyDictionary<string, string> values) =>
        Template.Render(line, key => key == "facts"
            ? BannedPhrases.Remove(values.GetValueOrDefault(key, ""), critic.BannedPhrases)
            : values.GetValueOrDefault(key, ""));

    private static ReviewText Finish(Critic critic, string summary, List<string> sentences)
    {
        // Keep the opening and closing beats; long fact lists can only push the middle out.
        while (Join(sentences).Length > ReviewLimits.MaxBodyLength && sentences.Count > CriticFile.MinBeats)
        {
            sentences.RemoveAt(sentences.Count - 2);
        }

        // A phrase can still form across a line and a value; the last pass catches that.
        return new ReviewText(
            BannedPhrases.Remove(summary, critic.BannedPhrases),
            BannedPhrases.Remove(Join(sentences), critic.BannedPhrases));
    }

    private static string Join(List<string> sentences) => string.Join(" ", sentences);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record SidedContext(
        Critic Critic,
        IReadOnlyList<EvaluatedCriterion> Criteria,
        Dictionary<string, string> Common,
        EvaluatedCriterion Strongest,
        EvaluatedCriterion Weakest,
        Verdict Verdict);
}
