using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel;

/// <summary>One critic's review of one tool: the stored unit that tool and compare pages are composed from.</summary>
public sealed record PanelReview(
    string CriticSlug,
    string CriticVersion,
    int? Score,
    Verdict Verdict,
    string Summary,
    string Body,
    IReadOnlyList<CitedFact> CitedFacts,
    IReadOnlyList<CriterionResult> Criteria)
{
    /// <summary>The peer snapshot the review was computed from; empty when it did not depend on one.</summary>
    public string PeersVersion { get; init; } = "";
}

/// <summary>A fact a review rests on, with where it came from, so a reader can check it.</summary>
/// <param name="Path">Where the fact sits on the tool, e.g. "facts.license" or "facts.benchmarks[0]".</param>
/// <param name="Value">The fact as a reader would say it, e.g. "Apache-2.0 licence".</param>
public sealed record CitedFact(string Path, string Value, string Source, DateOnly AsOf, FactStatus Status);

/// <summary>
/// How one criterion scored, so a page can show the working: the sub-score (null when nothing
/// was on record) counts in the overall score with weight <c>Weight × EvidenceWeight</c>.
/// </summary>
public sealed record CriterionResult(
    string Key,
    string Label,
    double Weight,
    int? Score,
    double EvidenceWeight,
    IReadOnlyList<CitedFact> Facts);
