using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;
using Shipwise.Core.Compare;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Peers;
using Shipwise.Tests.Panel;

namespace Shipwise.Tests.Compare;

/// <summary>The demo catalog compared as the site compares it: each side with its panel from the shipped critics, GPUs and names from the catalog.</summary>
public static class DemoComparisons
{
    private static readonly Lazy<IReadOnlyDictionary<string, CompareSide>> _sides = new(() =>
        DemoPanel.Reviews
            .GroupBy(r => r.Tool.Slug, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => new CompareSide(
                    LifecycleRead.AsOf(g.First().Tool, DemoPanel.Today),
                    PanelArithmetic.SummarizeReviews(g.Select(r => r.Review)),
                    [.. g.Select(r => new CriticTake(r.Critic.Slug, r.Critic.Name, r.Critic.Order, r.Review.Verdict, r.Review.Score, r.Review.Summary))],
                    new CommunityFigure(0, 0)),
                StringComparer.Ordinal));

    private static readonly Lazy<CompareContext> _context = new(() => new CompareContext(
        PeerSnapshot.Build("ai-hardware", DemoPanel.Tools.Select(PeerSummary.Of)).Gpus,
        DemoPanel.Tools.ToDictionary(t => t.Slug, t => t.Name, StringComparer.Ordinal),
        DemoPanel.Today));

    public static readonly IReadOnlyList<CompareCritic> Critics =
        [.. PanelCritics.Set.All.OrderBy(c => c.Order).Select(CompareCritic.From)];

    public static CompareContext Context => _context.Value;

    public static Comparison Compare(string a, string b)
    {
        var (first, second) = ComparePair.Canonical(a, b);
        return Comparison.Build(_sides.Value[first], _sides.Value[second], Critics, Context);
    }

    public static Comparison Compare(Tool a, Tool b) => Compare(a.Slug, b.Slug);

    /// <summary>The pair in the order given, as the page builds it for a reader who named <paramref name="left"/> first.</summary>
    public static Comparison CompareInOrder(string left, string right) =>
        Comparison.Build(_sides.Value[left], _sides.Value[right], Critics, Context);

    /// <summary>Every pair of tools in the same category, in canonical order.</summary>
    public static IEnumerable<(Tool Left, Tool Right)> PairsWithinCategories() =>
        from category in DemoPanel.Tools.GroupBy(t => t.Category)
        let tools = category.OrderBy(t => t.Slug, StringComparer.Ordinal).ToList()
        from i in Enumerable.Range(0, tools.Count)
        from j in Enumerable.Range(i + 1, tools.Count - i - 1)
        select (tools[i], tools[j]);
}
