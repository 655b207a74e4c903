using System.Text.Json.Serialization;
using Shipwise.Core.Compare;

namespace Shipwise.Community;

/// <summary>The model of _ToolVote.cshtml: a tool's community figure and the reader's ship / skip buttons.</summary>
/// <param name="MyChoice">"ship", "skip" or null (signed out, or not voted).</param>
public sealed record ToolVoteView(string Slug, string Name, CommunityFigure Community, string? MyChoice, bool SignedIn);

/// <summary>The model of _PairPick.cshtml: which of two tools readers would ship, and the reader's own pick (a slug).</summary>
public sealed record PairPickView(string LeftSlug, string LeftName, string RightSlug, string RightName, PairTally Tally, string? MyPick, bool SignedIn);

/// <summary>The model of _Helpful.cshtml: "was this review helpful?" on one critic's review of one tool.</summary>
/// <param name="Mine">The reader's answer, or null.</param>
public sealed record HelpfulView(string Tool, string Critic, string CriticName, HelpfulTally Tally, bool? Mine, bool SignedIn);

/// <summary>Where the partials live, for &lt;partial name="..."/&gt;.</summary>
public static class CommunityPartials
{
    public const string ToolVote = "/Community/_ToolVote.cshtml";
    public const string PairPick = "/Community/_PairPick.cshtml";
    public const string Helpful = "/Community/_Helpful.cshtml";
}

/// <summary>Community votes as the JSON API shows them; shipPercent is written as null when nobody voted.</summary>
public sealed record CommunityFigures(
    int Ships,
    int Skips,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? ShipPercent)
{
    public static CommunityFigures From(CommunityFigure? figure) =>
        figure is null ? new(0, 0, null) : new(figure.Ships, figure.Skips, figure.ShipPercent);
}
