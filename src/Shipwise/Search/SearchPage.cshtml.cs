using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Catalog;
using Shipwise.Site;
using Shipwise.Web;

namespace Shipwise.Search;

public sealed class SearchPageModel(ToolSearch search, ToolCards cards, SiteSuggestions suggestions) : PageModel
{
    public const int Limit = 30;

    public string Query { get; private set; } = "";

    public SearchResult? Result { get; private set; }

    public IReadOnlyDictionary<long, ToolCard> Cards { get; private set; } = new Dictionary<long, ToolCard>();

    public string? Problem { get; private set; }

    /// <summary>For an empty search: the categories that hold tools, with their leaders, and comparisons worth opening.</summary>
    public IReadOnlyList<CategoryLead> Categories { get; private set; } = [];

    public IReadOnlyList<SuggestedPair> Pairs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? q, CancellationToken cancellationToken)
    {
        Query = (q ?? "").Trim();
        ViewData["Meta"] = new PageMeta(Query.Length == 0 ? "Search" : $"Search: {Query}", "Search the Shipwise catalog of AI tools.", "/search") { NoIndex = true };
        if (Query.Length > 200)
        {
            Problem = "That search is longer than 200 characters. Try a tool name, a vendor or a few words.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (Query.Length == 0)
        {
            Categories = await suggestions.CategoriesAsync(cancellationToken);
            Pairs = await suggestions.ComparisonsAsync(Categories, cancellationToken);
            return Page();
        }

        Result = await search.SearchAsync(Query, Limit, cancellationToken);
        Cards = (await cards.ByIdsAsync(Result.Hits.Select(h => h.ToolId).ToList(), cancellationToken)).ToDictionary(c => c.Id);
        return Page();
    }
}
