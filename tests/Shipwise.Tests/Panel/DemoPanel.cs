using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Peers;

namespace Shipwise.Tests.Panel;

/// <summary>The shipped demo catalog reviewed by the shipped critics, as the product reviews it: each tool against its category's peers.</summary>
public static class DemoPanel
{
    public static readonly DateOnly Today = new(2026, 12, 7);

    private static readonly Lazy<IReadOnlyList<Tool>> _tools = new(() => TestCatalogs.Read(RepoPaths.DemoCatalog).Tools);

    private static readonly Lazy<IReadOnlyDictionary<string, PeerSnapshot>> _peers = new(() =>
    {
        var summaries = Tools.Select(PeerSummary.Of).ToList();
        return Tools.Select(t => t.Category).Distinct().ToDictionary(c => c, c => PeerSnapshot.Build(c, summaries));
    });

    private static readonly Lazy<IReadOnlyList<(Tool Tool, Critic Critic, PanelReview Review)>> _reviews = new(() =>
        [.. from tool in Tools
            from critic in PanelCritics.Set.All
            select (tool, critic, new EvidenceReviewer().Review(tool, critic, Today, PeersOf(tool)))]);

    public static IReadOnlyList<Tool> Tools => _tools.Value;

    public static Tool Tool(string slug) => Tools.Single(t => t.Slug == slug);

    public static PeerSnapshot PeersOf(Tool tool) =>
        _peers.Value.TryGetValue(tool.Category, out var peers)
            ? peers
            : PeerSnapshot.Build(tool.Category, Tools.Select(PeerSummary.Of));

    /// <summary>The snapshot a hypothetical tool would be reviewed against: its category's demo peers plus itself.</summary>
    public static PeerSnapshot PeersWith(Tool tool) =>
        PeerSnapshot.Build(tool.Category, Tools.Where(t => t.Slug != tool.Slug).Append(tool).Select(PeerSummary.Of));

    /// <summary>Every review of every demo tool by every critic, computed once.</summary>
    public static IReadOnlyList<(Tool Tool, Critic Critic, PanelReview Review)> Reviews => _reviews.Value;

    public static PanelReview Review(Tool tool, string critic) =>
        new EvidenceReviewer().Review(tool, PanelCritics.Get(critic), Today, PeersWith(tool));
}
