using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shipwise.Catalog;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Panel;
using Shipwise.Security;
using Shipwise.Web;

namespace Shipwise.Tools;

public sealed class ToolPageModel(
    CatalogQueries queries, ToolCards cards, ReviewStore reviewStore, CriticCatalog critics, ToolHistory history, PublicUrls urls,
    Community.CommunityQueries community, Accounts.BookmarkQueries bookmarks, ToolEvidenceReader evidence) : PageModel
{
    /// <summary>Set instead of a tool when the name is a group's: a family, or a name that means several tools.</summary>
    public GroupPageView? Group { get; private set; }

    public ToolEvidence Evidence { get; private set; } = null!;

    /// <summary>Licence, size, context, price and lifecycle: the strip under the verdict.</summary>
    public ToolSpecs Specs { get; private set; } = null!;

    public StoredTool Stored { get; private set; } = null!;

    public Tool Tool => Stored.Tool;

    public PanelFigures Panel { get; private set; } = null!;

    public Verdict? PanelVerdict { get; private set; }

    /// <summary>Every critic in panel order, with its current review or null when it has not reviewed yet.</summary>
    public IReadOnlyList<(Core.Panel.Critics.Critic Critic, StoredReview? Review)> Takes { get; private set; } = [];

    public IReadOnlyList<ToolCard> Alternatives { get; private set; } = [];

    public IReadOnlyList<ToolCard> Competitors { get; private set; } = [];

    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    public string PanelTake { get; private set; } = "";

    public Community.ToolVoteView Vote { get; private set; } = null!;

    /// <summary>Said when readers and the panel disagree; null otherwise.</summary>
    public string? Disagreement { get; private set; }

    public IReadOnlyDictionary<string, Community.HelpfulView> Helpful { get; private set; } = new Dictionary<string, Community.HelpfulView>();

    /// <summary>The reader's bookmark button, or null for anonymous readers (who get a sign-in link).</summary>
    public Accounts.BookmarkButton? Bookmark { get; private set; }

    public string PageUrl { get; private set; } = "";

    public string BadgeUrl { get; private set; } = "";

    public string EmbedUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var lookup = await queries.FindAsync(slug, cancellationToken);
        if (lookup.RedirectTo is { } canonical)
        {
            return RedirectPermanent($"/tools/{canonical}");
        }

        if (lookup.Group is { } group)
        {
            Group = await GroupPageView.LoadAsync(group, queries, cards, cancellationToken);
            ViewData["Meta"] = new PageMeta($"{group.Name}: which one?", Group.Summary, $"/tools/{group.Slug}");
            return Page();
        }

        if (lookup.Tool is not { } stored)
        {
            return NotFound();
        }

        Stored = stored;
        var current = await reviewStore.CurrentForToolAsync(stored, cancellationToken);
        Panel = PanelFigures.From(current);
        PanelVerdict = Panel.Verdict is { } v ? VerdictText.Parse(v) : null;
        var byCritic = current.ToDictionary(r => r.CriticSlug);
        Takes = critics.All.OrderBy(c => c.Order).Select(c => (c, byCritic.GetValueOrDefault(c.Slug))).ToList();
        Evidence = await evidence.ForAsync(Tool, cancellationToken);
        Specs = ToolSpecs.For(Tool, Evidence.Lifecycle);
        Alternatives = await cards.AlternativesAsync(Tool.Category, stored.Id, 6, cancellationToken);
        // A competitor may be named by an alias (an old slug after a rename): follow it to the tool.
        var named = (Tool.Facts.Competitors?.Value ?? []).Select(Slug.From).ToList();
        var resolved = await queries.CanonicalSlugsAsync(named, cancellationToken);
        var competitorSlugs = named.Select(s => resolved.GetValueOrDefault(s, s)).Where(s => s != Tool.Slug).Distinct().ToList();
        Competitors = (await cards.BySlugsAsync(competitorSlugs, cancellationToken)).OrderBy(c => competitorSlugs.IndexOf(c.Slug)).ToList();
        History = await history.ForAsync(stored, cancellationToken);
        PanelTake = PanelTakeText.Compose(Tool.Name, PanelVerdict, Takes);
        Vote = await community.ToolVoteAsync(User, stored.Id, Tool.Slug, Tool.Name, cancellationToken);
        Disagreement = community.Disagreement(Tool.Name, PanelVerdict, Vote.Community);
        Helpful = await community.HelpfulViewsAsync(User, stored.Id, Tool.Slug, Takes.Select(t => (t.Critic.Slug, t.Critic.Name)), cancellationToken);
        if (Accounts.Reader.AccountId(User) is { } accountId)
        {
            Bookmark = new Accounts.BookmarkButton(
                Accounts.BookmarkKind.Tool, Tool.Slug, Tool.Name,
                await bookmarks.IsBookmarkedAsync(accountId, Accounts.BookmarkKind.Tool, Tool.Slug, cancellationToken));
        }
        PageUrl = urls.Absolute(Request, $"/tools/{Tool.Slug}");
        BadgeUrl = urls.Absolute(Request, $"/badge/{Tool.Slug}.svg");
        EmbedUrl = urls.Absolute(Request, $"/embed/{Tool.Slug}");

        ViewData["Meta"] = new PageMeta(
            $"{Tool.Name}: ship or skip?",
            $"{Tool.Name} ({Tool.Vendor.Name}): {Tool.Tagline.TrimEnd('.')}. Panel verdict: {SiteText.PanelLine(Panel.Ships, Panel.Skips, PanelVerdict)}.",
            $"/tools/{Tool.Slug}")
        {
            OpenGraphType = "article",
            ImagePath = $"/share/tools/{Tool.Slug}.png",
            ImageAlt = $"{Tool.Name}: {(PanelVerdict is { } verdict ? $"{verdict.Label()}, {SiteText.Percent(Panel.ShipPercent)} of the critics who took a side ship it" : "no verdict yet")}.",
            JsonLd = ToolJsonLd.For(Tool, PageUrl, Takes, Panel),
        };
        return Page();
    }
}
