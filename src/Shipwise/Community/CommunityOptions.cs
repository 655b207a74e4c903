using System.ComponentModel.DataAnnotations;
using Shipwise.Core.Community;
using Shipwise.Security;

namespace Shipwise.Community;

/// <summary>Community:* — how reader votes count.</summary>
public sealed class CommunityOptions
{
    public const string Section = "Community";

    /// <summary>
    /// Votes, picks and "helpful" answers from an account younger than this are stored at once but
    /// count only once the account is this old (its creation time as the database has it).
    /// </summary>
    [Range(0d, 24d * 365, ErrorMessage = "Community:NewAccountDelayHours must be between 0 and 8760.")]
    public double NewAccountDelayHours { get; set; } = 24;

    /// <summary>Counted votes before the community may "disagree" with the panel in a sentence.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Community:DisagreementMinVotes must be between 1 and 1000000.")]
    public int DisagreementMinVotes { get; set; } = 20;

    /// <summary>Counted picks among a category's tools before its community ranking stops being provisional.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Community:RankingMinPicks must be between 1 and 1000000.")]
    public int RankingMinPicks { get; set; } = 50;

    /// <summary>Counted picks involving a tool before its place in the ranking stops being provisional.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Community:RankingMinPicksPerTool must be between 1 and 1000000.")]
    public int RankingMinPicksPerTool { get; set; } = 10;

    /// <summary>Most writes one database transaction commits at once (group commit).</summary>
    [Range(1, 10_000, ErrorMessage = "Community:WriteBatchSize must be between 1 and 10000.")]
    public int WriteBatchSize { get; set; } = 1000;

    /// <summary>How often a node looks for new accounts' votes that have begun to count (wall-clock pacing).</summary>
    [Range(1, 3600, ErrorMessage = "Community:MaturePollSeconds must be between 1 and 3600.")]
    public int MaturePollSeconds { get; set; } = 15;

    /// <summary>A method, not a property: the configuration binder reads properties while binding, before validation, and NaN hours would throw there.</summary>
    public TimeSpan NewAccountDelay() => TimeSpan.FromHours(NewAccountDelayHours);

    public RankingRules Rules => new(RankingMinPicks, RankingMinPicksPerTool);
}

/// <summary>RateLimits:* — requests allowed per fixed window; over the limit the answer is 429 with Retry-After.</summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "RateLimits";

    /// <summary>Votes, picks and "helpful" answers per signed-in account.</summary>
    public RateLimitRule VotesPerAccount { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

    /// <summary>The same writes per client address, whichever accounts they come from (one address cycling through accounts).</summary>
    public RateLimitRule VotesPerIp { get; set; } = new() { PermitLimit = 300, WindowSeconds = 60 };

    /// <summary>Sign-in requests per client address.</summary>
    public RateLimitRule SignInPerIp { get; set; } = new() { PermitLimit = 10, WindowSeconds = 600 };

    /// <summary>Digest subscription requests per client address (each may mail a stranger a confirmation).</summary>
    public RateLimitRule SubscribePerIp { get; set; } = new() { PermitLimit = 10, WindowSeconds = 600 };

    // Data annotations do not look inside nested objects, so each rule is checked here, by its full setting name.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        new[] { (nameof(VotesPerAccount), VotesPerAccount), (nameof(VotesPerIp), VotesPerIp), (nameof(SignInPerIp), SignInPerIp), (nameof(SubscribePerIp), SubscribePerIp) }
            .SelectMany(r => r.Item2.Check($"{Section}:{r.Item1}", r.Item1));
}
