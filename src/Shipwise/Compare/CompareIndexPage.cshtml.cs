using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Catalog;
using Shipwise.Core.Compare;
using Shipwise.Search;
using Shipwise.Site;

namespace Shipwise.Compare;

/// <summary>Pick any two tools by name, slug or alias; the answer is a redirect to their compare page.</summary>
public sealed class CompareIndexPageModel(CatalogQueries queries, ToolSearch search) : PageModel
{
    public string A { get; private set; } = "";

    public string B { get; private set; } = "";

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string? a, string? b, CancellationToken cancellationToken)
    {
        A = (a ?? "").Trim();
        B = (b ?? "").Trim();
        ViewData["Meta"] = new PageMeta("Compare any two AI tools", "Pick two AI tools and see which one to ship with.", "/compare");
        if (A.Length == 0 || B.Length == 0)
        {
            if (A.Length + B.Length > 0 && Request.Query.ContainsKey("b"))
            {
                Errors.Add(A.Length == 0 ? "Enter the first tool." : "Enter the second tool.");
            }

            return Page();
        }

        var left = await ResolveAsync(A, "first", cancellationToken);
        var right = await ResolveAsync(B, "second", cancellationToken);
        if (left is null || right is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (left == right)
        {
            Errors.Add("Both names lead to the same tool. Pick two different tools.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect(ComparePair.Path(left, right));
    }

    private async Task<string?> ResolveAsync(string text, string which, CancellationToken cancellationToken)
    {
        if (text.Length > 200)
        {
            Errors.Add($"The {which} tool's name is longer than 200 characters.");
            return null;
        }

        if (await queries.FindToolAsync(text, cancellationToken) is { } exact)
        {
            return exact.Tool.Slug;
        }

        var hits = await search.SearchAsync(text, 3, cancellationToken);
        if (hits.Hits.Count > 0)
        {
            return hits.Hits[0].Slug;
        }

        Errors.Add($"No tool matches “{text}” (the {which} tool). Check the spelling or search the catalog.");
        return null;
    }
}
