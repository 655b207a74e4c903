using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Core.Catalog;
using Shipwise.Web;

namespace Shipwise.Catalog;

/// <summary>A category's tools ranked by panel verdict; it doubles as the alternatives page.</summary>
public sealed class CategoryPageModel(ToolCards cards) : PageModel
{
    public const int PageSize = 50;

    public Category Category { get; private set; } = null!;

    public CardPage Ranked { get; private set; } = null!;

    // "page" is a route value Razor Pages reserves for the page's own name, so the query parameter is bound explicitly.
    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? pageNumber, CancellationToken cancellationToken)
    {
        if (Taxonomy.FindCategory(slug) is not { } category)
        {
            var lower = slug.ToLowerInvariant();
            return lower != slug && Taxonomy.FindCategory(lower) is not null ? RedirectPermanent($"/categories/{lower}") : NotFound();
        }

        if (pageNumber is < 1)
        {
            return Redirect($"/categories/{category.Slug}");
        }

        Category = category;
        Ranked = await cards.RankedInCategoryAsync(category.Slug, pageNumber ?? 1, PageSize, cancellationToken);
        if (Ranked.Page > Ranked.PageCount)
        {
            return NotFound();
        }

        var path = Ranked.Page == 1 ? $"/categories/{category.Slug}" : $"/categories/{category.Slug}?page={Ranked.Page}";
        ViewData["Meta"] = new PageMeta(
            $"Best {category.Name.ToLowerInvariant()}: ranked by the panel",
            $"{Ranked.Total} {category.Name.ToLowerInvariant()} ranked by seven AI critics. {category.Description}",
            path);
        return Page();
    }
}
