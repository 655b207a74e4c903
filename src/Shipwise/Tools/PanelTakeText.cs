using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Critics;
using Shipwise.Panel;

namespace Shipwise.Tools;

/// <summary>The panel's take in two sentences: who ships, who skips, who stayed out, and the strongest voice on each side.</summary>
public static class PanelTakeText
{
    public static string Compose(string toolName, Verdict? verdict, IReadOnlyList<(Critic Critic, StoredReview? Review)> takes)
    {
        var ships = takes.Where(t => t.Review?.Verdict == Verdict.Ship).OrderByDescending(t => t.Review!.Score).ToList();
        var skips = takes.Where(t => t.Review?.Verdict == Verdict.Skip).OrderBy(t => t.Review!.Score).ToList();
        var outs = takes.Where(t => t.Review is null || t.Review.Verdict == Verdict.NoTake).ToList();
        if (verdict is null)
        {
            return takes.All(t => t.Review is null)
                ? $"The panel has not reviewed {toolName} yet."
                : $"No critic took a side on {toolName}: the facts on record are too thin for a verdict.";
        }

        var parts = new List<string>
        {
            verdict == Verdict.Ship
                ? $"The panel would ship {toolName}: {ships.Count} of {ships.Count + skips.Count} critics who took a side say ship."
                : ships.Count == skips.Count
                    ? $"The panel is split on {toolName}, {ships.Count} to {skips.Count}, and a tie counts as a skip."
                    : $"The panel would skip {toolName}: {skips.Count} of {ships.Count + skips.Count} critics who took a side say skip.",
        };
        if (ships.Count > 0)
        {
            parts.Add($"Most in favour: {ships[0].Critic.Name}, at {ships[0].Review!.Score}/100.");
        }

        if (skips.Count > 0)
        {
            parts.Add($"Most against: {skips[0].Critic.Name}, at {skips[0].Review!.Score}/100.");
        }

        if (outs.Count > 0)
        {
            parts.Add($"No take from {Join(outs.Select(o => o.Critic.Name).ToList())}.");
        }

        return string.Join(" ", parts);
    }

    private static string Join(IReadOnlyList<string> names) => names.Count switch
    {
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };
}
