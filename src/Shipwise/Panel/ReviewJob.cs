namespace Shipwise.Panel;

/// <summary>One unit of panel work: a critic's review of a tool at one version of its facts.</summary>
public sealed record ReviewJob
{
    public required long Id { get; init; }
    public required long ToolId { get; init; }
    public required string CriticSlug { get; init; }
    public required string FactsHash { get; init; }
    public required string CriticVersion { get; init; }
    public required string Reviewer { get; init; }
    public required string Model { get; init; }
    /// <summary>The reviewer's code version and the peer snapshot the review is computed from ("evidence-4:1a2b3c4d5e6f").</summary>
    public required string ContextVersion { get; init; }
    public required int Generation { get; init; }
    /// <summary>Claims so far, this one included.</summary>
    public required int Attempts { get; init; }
}

/// <summary>Which reviewer writes the reviews, and with which model (empty for the evidence reviewer).</summary>
public sealed record ReviewerChoice(string Reviewer, string Model)
{
    public static readonly ReviewerChoice Evidence = new("evidence", "");
}
