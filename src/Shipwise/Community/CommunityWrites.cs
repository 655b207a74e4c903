namespace Shipwise.Community;

public enum VoteChoice { Ship, Skip, Withdraw }

/// <summary>
/// A reader's change to what the community says. Only the choice comes from the client: the
/// account is the session's, tools are resolved from slugs by the writer, and times are the
/// server's clock.
/// </summary>
public abstract record CommunityWrite(long AccountId);

public sealed record VoteWrite(long AccountId, string Tool, VoteChoice Choice) : CommunityWrite(AccountId);

/// <summary>On a compare page: of <paramref name="Left"/> and <paramref name="Right"/>, the reader would ship <paramref name="Picked"/>.</summary>
public sealed record PickWrite(long AccountId, string Left, string Right, string Picked) : CommunityWrite(AccountId);

public sealed record HelpfulWrite(long AccountId, string Tool, string Critic, bool Helpful) : CommunityWrite(AccountId);

public enum WriteOutcome
{
    Saved,

    /// <summary>No tool has that slug or alias; nothing was written.</summary>
    UnknownTool,

    /// <summary>The tools exist but do not make a pick: both sides are one tool (a slug and its alias), or the pick is neither side.</summary>
    Invalid,

    /// <summary>The session's account does not exist or was deleted; nothing was written.</summary>
    UnknownAccount,
}

/// <param name="Field">The form field at fault, when there is one.</param>
public sealed record WriteResult(WriteOutcome Outcome, string? Field = null, string? Value = null)
{
    public static readonly WriteResult Saved = new(WriteOutcome.Saved);
}
