using System.Text.Json.Serialization;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Panel.Critics;

/// <summary>
/// A critic persona, loaded from <c>data/critics/{slug}.yaml</c>: what it weighs for each kind of
/// tool, when it ships, when it stays out, and how it talks.
/// </summary>
public sealed record Critic
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required string Subtitle { get; init; }
    public required string Motto { get; init; }

    /// <summary>What the critic looks at, in a paragraph for its reviewer page.</summary>
    public required string Lens { get; init; }

    /// <summary>Where the critic sits on the panel; lower comes first, ties go by slug.</summary>
    public required int Order { get; init; }

    public required IReadOnlyList<string> Excites { get; init; }
    public required IReadOnlyList<string> Tires { get; init; }

    /// <summary>Phrases the critic never uses; matched case-insensitively.</summary>
    public required IReadOnlyList<string> BannedPhrases { get; init; }

    /// <summary>The criteria per kind of tool; a kind that is absent is one the critic does not judge.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<Criterion>> CriteriaByKind { get; init; }

    /// <summary>The score (0–100) at or above which the critic ships.</summary>
    public required int ShipBar { get; init; }

    public required NoTakeRule NoTake { get; init; }

    /// <summary>Criteria a ship needs evidence on (where the kind has them): no ship on what nobody has measured.</summary>
    public required IReadOnlyList<string> ShipRequires { get; init; }

    public required CriticVoice Voice { get; init; }

    /// <summary>First 12 hex characters of the SHA-256 of the file: any edit makes a new version, so old reviews are known to be stale.</summary>
    public required string Version { get; init; }

    /// <summary>Every criterion of every kind, each key once (pages and the API list them).</summary>
    public IReadOnlyList<Criterion> Criteria => [.. CriteriaByKind.Values.SelectMany(c => c).DistinctBy(c => c.Key)];

    public IReadOnlyList<Criterion> CriteriaFor(string kind) => CriteriaByKind.GetValueOrDefault(kind) ?? [];
}

/// <summary>One weighed criterion: a built-in scorer under the critic's own label.</summary>
public sealed record Criterion(string Key, string Label, double Weight)
{
    [JsonIgnore]
    public CriterionScorer Scorer => CriterionScorers.Find(Key)
        ?? throw new InvalidOperationException($"No scorer '{Key}'; critic files are checked against the scorers when parsed.");
}

/// <summary>When the critic takes no side besides "not a kind I judge" and the lifecycle rules.</summary>
/// <param name="MinCoverage">The share (0–1) of criterion weight, discounted by trust, that must have evidence; below it the review says which facts are missing.</param>
/// <param name="RequireAnyOutput">At least one of these must appear among the tool's output modalities (Creator: image, video, audio).</param>
public sealed record NoTakeRule(double MinCoverage, IReadOnlyList<string> RequireAnyOutput);

/// <summary>
/// The critic's own lines. Each list holds several phrasings; one is picked per tool, the same
/// one every time. Placeholders: {reason} (the finding that put the tool on its side of the
/// bar), {missing} (facts not on record), {kind}, {name}. The rest of a review is the findings
/// themselves, in the order this critic's criteria weigh them.
/// </summary>
public sealed record CriticVoice(
    IReadOnlyList<string> SummaryShip,
    IReadOnlyList<string> SummarySkip,
    IReadOnlyList<string> Insufficient,
    IReadOnlyList<string> OutOfScope)
{
    public IEnumerable<string> Lines => SummaryShip.Concat(SummarySkip).Concat(Insufficient).Concat(OutOfScope);
}
