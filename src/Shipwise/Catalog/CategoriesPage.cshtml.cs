using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Web;

namespace Shipwise.Catalog;

public sealed class CategoriesPageModel(ToolCards cards) : PageModel
{
    public IReadOnlyDictionary<string, (long Tools, long Shipped)> Counts { get; private set; } = new Dictionary<string, (long, long)>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = await cards.CategoryCountsAsync(cancellationToken);
        ViewData["Meta"] = new PageMeta("Categories", "Every category of AI tools on Shipwise, each ranked by the panel.", "/categories");
    }
}
