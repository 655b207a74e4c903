using Shipwise.Core.Compare;
using Shipwise.Core.Panel;
using static System.FormattableString;

namespace Shipwise.Core.Community;

/// <summary>Says so when the panel and the readers come down on different sides of a tool.</summary>
public static class CommunityDisagreement
{
    /// <summary>
    /// A sentence when the panel's verdict and the community's ship % point different ways: panel
    /// Ship with under 50 % of readers shipping, or panel Skip with over 50 %; null otherwise. It
    /// takes <paramref name="minimumVotes"/> counted votes before a handful of readers can
    /// "disagree" with seven critics, and exactly 50 % is no disagreement.
    /// </summary>
    public static string? Describe(string toolName, Verdict? panel, CommunityFigure? community, int minimumVotes)
    {
        ArgumentNullException.ThrowIfNull(toolName);
        if (panel is not ({ } verdict and (Verdict.Ship or Verdict.Skip)) || community?.ShipPercent is not { } percent)
        {
            return null;
        }

        var votes = community.Ships + community.Skips;
        if (votes < Math.Max(1, minimumVotes))
        {
            return null;
        }

        var voteWord = votes == 1 ? "vote" : "votes";
        return verdict switch
        {
            Verdict.Ship when percent < 50 =>
                Invariant($"The panel says ship {toolName}, but readers disagree: {percent} % of {votes:N0} {voteWord} would ship it."),
            Verdict.Skip when percent > 50 =>
                Invariant($"The panel says skip {toolName}, but readers disagree: {percent} % of {votes:N0} {voteWord} would ship it."),
            _ => null,
        };
    }
}
