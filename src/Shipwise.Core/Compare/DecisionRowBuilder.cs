using System.Globalization;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;

namespace Shipwise.Core.Compare;

/// <summary>The headline rows a reader scans before the facts.</summary>
internal static class DecisionRowBuilder
{
    public const string NoVotes = "No votes yet";
    public const string NotStated = "Not stated";

    public static IReadOnlyList<DecisionRow> Build(CompareSide left, CompareSide right) =>
    [
        Row("panel", "Panel verdict", Panel(left.Panel), Panel(right.Panel)),
        Row("community", "Community", Community(left.Community), Community(right.Community)),
        Row("pricing", "Pricing", Pricing(left.Tool), Pricing(right.Tool)),
        Row("best-for", "Best for", BestFor(left.Tool), BestFor(right.Tool)),
        Row("category", "Category", Category(left.Tool), Category(right.Tool)),
    ];

    // A row differs when a reader would see different words; that is what the highlight is for.
    private static DecisionRow Row(string key, string label, string left, string right) =>
        new(key, label, left, right, !string.Equals(left, right, StringComparison.Ordinal));

    /// <summary>"Ship · 3 ship / 1 skip · 75% ship".</summary>
    public static string Panel(PanelSummary panel)
    {
        if (panel.Ships + panel.Skips + panel.NoTakes == 0)
        {
            return "Not reviewed yet";
        }

        if (panel.Verdict is not { } verdict || panel.ShipPercent is not { } percent)
        {
            return Invariant($"No verdict · {panel.NoTakes} no take");
        }

        return Invariant($"{verdict.Label()} · {panel.Ships} ship / {panel.Skips} skip · {percent}% ship");
    }

    public static string Community(CommunityFigure? community) =>
        community?.ShipPercent is { } percent
            ? Invariant($"{community.Ships} ship / {community.Skips} skip · {percent}% ship")
            : NoVotes;

    /// <summary>"Paid · Usage-based: $0.40 / $2.00 per 1M tokens (in / out)".</summary>
    private static string Pricing(Tool tool)
    {
        var pricing = tool.Facts.Pricing?.Value;
        var entry = PricingRead.Entry(pricing);
        var described = PricingRead.Describe(pricing);
        return entry == EntryTier.Unknown ? described : $"{PricingRead.EntryLabel(entry)} · {described}";
    }

    // The tagline is marketing copy and never stands in for a missing "best for".
    private static string BestFor(Tool tool) =>
        tool.BestFor.Count == 0 ? NotStated : string.Join("; ", tool.BestFor);

    private static string Category(Tool tool) => Taxonomy.FindCategory(tool.Category)?.Name ?? tool.Category;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
