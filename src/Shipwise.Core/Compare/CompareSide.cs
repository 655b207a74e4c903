using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Critics;

namespace Shipwise.Core.Compare;

/// <summary>One tool on a compare page, with what the panel and the community made of it.</summary>
/// <param name="Takes">One per critic that has reviewed the tool; critics still to review it are simply absent.</param>
/// <param name="Community">Reader votes; null when the deployment does not collect them.</param>
public sealed record CompareSide(Tool Tool, PanelSummary Panel, IReadOnlyList<CriticTake> Takes, CommunityFigure? Community);

/// <summary>One critic's verdict on one tool, as a compare page shows it.</summary>
public sealed record CriticTake(string CriticSlug, string CriticName, int Order, Verdict Verdict, int? Score, string Summary);

/// <summary>Reader votes on a tool.</summary>
public sealed record CommunityFigure(int Ships, int Skips)
{
    /// <summary>Ships as a share of all votes, rounded half away from zero like the panel's; null when nobody voted.</summary>
    public int? ShipPercent => PanelArithmetic.SharePercent(Ships, Skips);
}

/// <summary>A seat on the panel, so a critic who has reviewed only one side still gets a scorecard row.</summary>
public sealed record CompareCritic(string Slug, string Name, int Order)
{
    public static CompareCritic From(Critic critic)
    {
        ArgumentNullException.ThrowIfNull(critic);
        return new CompareCritic(critic.Slug, critic.Name, critic.Order);
    }
}
