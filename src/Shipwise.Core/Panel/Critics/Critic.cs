using System.Text.Json.Serialization;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Panel.Critics;

/// <summary>
/// A critic persona, loaded from <c>data/critics/{slug}.yaml</c>: what it cares about (criteria
/// and their weights), when it ships, when it stays out, and how it talks.
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

    public required IReadOnlyList<Criterion> Criteria { get; init; }

    /// <summary>The score (0–100) at or above which the critic ships.</summary>
    public required int ShipBar { get; init; }

    public required NoTakeRule NoTake { get; init; }
    public required SummaryLines Summary { get; init; }

    /// <summary>The beats a review follows, one sentence each, in order.</summary>
    public required IReadOnlyList<Beat> Beats { get; init; }

    /// <summary>The sentences of a review when the critic takes no side.</summary>
    public required IReadOnlyList<string> NoTakeReview { get; init; }

    /// <summary>First 12 hex characters of the SHA-256 of the file: any edit makes a new version, so old reviews are known to be stale.</summary>
    public required string Version { get; init; }
}

/// <summary>One weighed criterion: a built-in scorer reading the listed facts.</summary>
public sealed record Criterion(string Key, string Label, double Weight, IReadOnlyList<FactName> Facts)
{
    [JsonIgnore]
    public CriterionScorer Scorer => CriterionScorers.Find(Key)
        ?? throw new InvalidOperationException($"No scorer '{Key}'; critic files are checked against the scorers when parsed.");
}

/// <summary>
/// When the critic takes no side. Any unmet condition is enough: a Creator has nothing to say
/// about a text-only server, however complete its facts.
/// </summary>
/// <param name="MinCoverage">The share (0–1) of criterion weight, discounted by trust, that must have evidence.</param>
/// <param name="RequireFacts">Facts that must be on record.</param>
/// <param name="RequireAnyModality">At least one of these must appear among the input or output modalities.</param>
/// <param name="Kinds">The kinds of tool judged at all; empty means every kind.</param>
public sealed record NoTakeRule(
    double MinCoverage,
    IReadOnlyList<FactName> RequireFacts,
    IReadOnlyList<string> RequireAnyModality,
    IReadOnlyList<string> Kinds);

/// <summary>The one-sentence summary, per outcome.</summary>
public sealed record SummaryLines(string Ship, string Skip, string NoTake);

[JsonConverter(typeof(JsonStringEnumConverter<BeatTopic>))]
public enum BeatTopic
{
    /// <summary>The criterion with the highest sub-score.</summary>
    Strongest,

    /// <summary>The criterion with the lowest sub-score.</summary>
    Weakest,

    /// <summary>A named criterion, good or bad against the ship bar, or missing.</summary>
    Criterion,

    /// <summary>How far the facts used can be trusted: vendor claims, unverified facts, vendor-run benchmarks.</summary>
    Trust,

    /// <summary>The call itself.</summary>
    Verdict,
}

/// <summary>
/// One beat of a review. Which lines are set depends on the topic: Say (strongest, weakest, trust),
/// Good/Bad/Missing (criterion), Clean (trust when every fact is verified), Ship/Skip (verdict).
/// </summary>
public sealed record Beat(string Name, BeatTopic Topic, string? CriterionKey)
{
    public string? Say { get; init; }
    public string? Good { get; init; }
    public string? Bad { get; init; }
    public string? Missing { get; init; }
    public string? Clean { get; init; }
    public string? Ship { get; init; }
    public string? Skip { get; init; }

    public IEnumerable<string> Lines => new[] { Say, Good, Bad, Missing, Clean, Ship, Skip }.OfType<string>();
}
