using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Catalog;
using Shipwise.Panel;
using Shipwise.Search;
using Shipwise.Site;
using Shipwise.Web;

namespace Shipwise.Home;

// Home/ holds the pages that start a visit (the home page, and the error page that suggests where to
// go): they read from every feature, so they sit above them all (as Tools/ does for the tool page),
// not inside Site/, which Search/ uses.

/// <summary>A tool whose reviews moved this week, with the moves and their reasons.</summary>
public sealed record WeeklyChange(ToolCard Tool, IReadOnlyList<HistoryEntry> Moves);

public sealed class HomePageModel(
    ToolCards cards, CatalogQueries queries, ReviewStore reviews, ToolHistory history, SiteSuggestions suggestions, TimeProvider clock) : PageModel
{
    public const int ChangedTools = 6;

    public const int MovesPerTool = 3;

    public IReadOnlyList<WeeklyChange> Changes { get; private set; } = [];

    /// <summary>Tools that got their first verdict this week (newest first), and how many in all.</summary>
    public IReadOnlyList<ToolCard> FirstVerdicts { get; private set; } = [];

    public int FirstVerdictCount { get; private set; }

    public IReadOnlyList<SuggestedPair> Pairs { get; private set; } = [];

    public IReadOnlyList<CategoryLead> Categories { get; private set; } = [];

    public ComparePicker Picker { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().AddDays(-7);
        var changedIds = await reviews.ReReviewedToolIdsAsync(since, ChangedTools * 5, cancellationToken);
        var stored = await queries.GetByIdsAsync(changedIds, cancellationToken);
        var changedCards = (await cards.ByIdsAsync(changedIds, cancellationToken)).ToDictionary(c => c.Id);
        var changes = new List<WeeklyChange>();
        foreach (var id in changedIds)
        {
            if (stored.TryGetValue(id, out var tool) && changedCards.TryGetValue(id, out var card))
            {
                var moves = (await history.ForAsync(tool, cancellationToken)).Where(m => m.At >= since).Take(MovesPerTool).ToList();
                if (moves.Count > 0)
                {
                    changes.Add(new WeeklyChange(card, moves));
                }
            }
        }

        // A verdict that flipped, then a change in the tool's own facts, say more than a score nudged by a peer's arrival.
        Changes = [.. changes
            .OrderByDescending(c => c.Moves.Count(m => m.FromVerdict != m.ToVerdict))
            .ThenByDescending(c => c.Moves.Count(m => m.Why.StartsWith("after the", StringComparison.Ordinal)))
            .ThenByDescending(c => c.Moves.Max(m => m.At))
            .Take(ChangedTools)];
        var recent = (await cards.RecentlyChangedAsync(200, cancellationToken)).Where(c => c.IsNew && c.ChangedAt >= since).ToList();
        FirstVerdictCount = recent.Count;
        FirstVerdicts = [.. recent.Take(8)];
        Categories = await suggestions.CategoriesAsync(cancellationToken);
        Pairs = await suggestions.ComparisonsAsync(Categories, cancellationToken);
        Picker = new ComparePicker("home-compare", "", "", await cards.NamesAsync(ComparePicker.MaxNames, cancellationToken));
        ViewData["Meta"] = new PageMeta(
            "Shipwise",
            "Which AI tool should you ship with? Sourced facts, a panel of seven AI critics, and a straight answer for any two tools.",
            "/");
    }
}
