using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Writing;

namespace Shipwise.Core.Panel;

/// <summary>A review as proposed by a reviewer (typically an LLM), before it is accepted.</summary>
public sealed record ReviewCandidate(int? Score, Verdict Verdict, string Summary, string Body, IReadOnlyList<string> CitedFactPaths)
{
    public static ReviewCandidate From(PanelReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return new(review.Score, review.Verdict, review.Summary, review.Body, [.. review.CitedFacts.Select(f => f.Path)]);
    }
}

/// <summary>
/// The rules every stored review meets, whoever wrote it. An LLM's output is checked here
/// before it is kept; the evidence reviewer's output passes by construction (and tests check it).
/// </summary>
public static class ReviewValidator
{
    public static IReadOnlyList<ValidationError> Validate(ReviewCandidate candidate, Critic critic, Tool tool)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(tool);
        var errors = new List<ValidationError>();
        void Fail(string field, string message) => errors.Add(new(field, message));

        CheckScoreAndVerdict(candidate, critic.ShipBar, Fail);
        CheckText("summary", candidate.Summary, 1, ReviewLimits.MaxSummaryLength, critic, Fail);
        CheckText("body", candidate.Body, ReviewLimits.MinBodyLength, ReviewLimits.MaxBodyLength, critic, Fail);

        var valid = FactPaths.All(tool).ToHashSet(StringComparer.Ordinal);
        var paths = candidate.CitedFactPaths ?? [];
        for (var i = 0; i < paths.Count; i++)
        {
            if (!valid.Contains(paths[i] ?? ""))
            {
                Fail($"citedFacts[{i}]", $"'{paths[i]}' is not a fact on this tool");
            }
        }

        if (candidate.Verdict != Verdict.NoTake && paths.Count == 0)
        {
            Fail("citedFacts", "a review that takes a side must cite at least one fact");
        }

        foreach (var problem in ReviewChecks.Problems(tool, candidate.Verdict, candidate.Summary ?? "", candidate.Body ?? ""))
        {
            Fail("body", problem);
        }

        return errors;
    }

    public static IReadOnlyList<ValidationError> Validate(PanelReview review, Critic critic, Tool tool) =>
        Validate(ReviewCandidate.From(review), critic, tool);

    private static void CheckScoreAndVerdict(ReviewCandidate candidate, int shipBar, Action<string, string> fail)
    {
        if (candidate.Score is { } outOfRange and (< 0 or > 100))
        {
            fail("score", $"{outOfRange} is outside 0–100");
        }

        switch (candidate.Verdict, candidate.Score)
        {
            case (Verdict.NoTake, { } score):
                fail("score", $"must be empty when the critic takes no side, not {score}");
                break;
            case (Verdict.Ship or Verdict.Skip, null):
                fail("score", $"is required with the verdict '{candidate.Verdict.ToWire()}'");
                break;
            case (Verdict.Ship or Verdict.Skip, { } score) when ReviewScore.VerdictFor(score, shipBar) != candidate.Verdict:
                fail("verdict", $"'{candidate.Verdict.ToWire()}' contradicts the score {score}: this critic ships at {shipBar} or above");
                break;
        }
    }

    private static void CheckText(string field, string? text, int min, int max, Critic critic, Action<string, string> fail)
    {
        text ??= "";
        if (string.IsNullOrWhiteSpace(text))
        {
            fail(field, "is required");
            return;
        }

        if (text.Length < min || text.Length > max)
        {
            fail(field, $"is {text.Length} characters; it must be {min}–{max}");
        }

        if (BannedPhrases.FindIn(text, critic.BannedPhrases) is { } phrase)
        {
            fail(field, $"uses the banned phrase '{phrase}'");
        }
    }
}
