using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Catalog;
using Shipwise.Compare;

namespace Shipwise.Site;

public sealed class HomePageModel(ToolCards cards, CompareViews views) : PageModel
{
    public IReadOnlyList<ToolCard> Recent { get; private set; } = [];

    public IReadOnlyList<ComparedPair> MostCompared { get; private set; } = [];

    public IReadOnlyDictionary<string, (long Tools, long Shipped)> Counts { get; private set; } = new Dictionary<string, (long, long)>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Recent = await cards.RecentlyChangedAsync(12, cancellationToken);
        MostCompared = await views.MostComparedAsync(CompareViews.HomeListLength, cancellationToken);
        Counts = await cards.CategoryCountsAsync(cancellationToken);
        ViewData["Meta"] = new PageMeta(
            "Shipwise",
            "Which AI tool should you ship with? Sourced facts, a panel of seven AI critics, and a straight answer for any two tools.",
            "/");
    }
}
