using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Catalog;
using Shipwise.Security;
using Shipwise.Web;

namespace Shipwise.Site.Embeds;

/// <summary>/embed/{slug}: a small verdict card for an iframe on another site.</summary>
public sealed class EmbedPageModel(CatalogQueries queries, ToolCards cards, PublicUrls urls) : PageModel
{
    /// <summary>The iframe size the embed snippet names; the card is laid out to fit it whatever the tool's text (EmbedTests measure it).</summary>
    public const int FrameWidth = 420;

    public const int FrameHeight = 190;

    public ToolCard Card { get; private set; } = null!;

    public string ToolUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var lookup = await queries.FindAsync(slug, cancellationToken);
        if (lookup.RedirectTo is { } canonical)
        {
            return RedirectPermanent($"/embed/{canonical}");
        }

        if (lookup.Tool is null)
        {
            return NotFound();
        }

        Card = (await cards.ByIdsAsync([lookup.Tool.Id], cancellationToken)).Single();
        ToolUrl = urls.Absolute(Request, $"/tools/{Card.Slug}");
        ViewData["Meta"] = new PageMeta($"{Card.Name}: Shipwise verdict", $"The Shipwise panel's verdict on {Card.Name}.", $"/tools/{Card.Slug}") { NoIndex = true };
        return Page();
    }
}
