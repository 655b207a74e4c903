using Shipwise.Catalog;
using Shipwise.Community;
using Shipwise.Core.Catalog;
using Shipwise.Panel;

namespace Shipwise.Tools;

/// <summary>A tool as the JSON API shows it: the stored document plus what is derived from it.</summary>
public sealed record ToolResponse
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> Aliases { get; init; }
    public required Vendor Vendor { get; init; }
    public required string Kind { get; init; }
    public required string Category { get; init; }
    public required string CategoryName { get; init; }
    public required string Tagline { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<string> BestFor { get; init; }
    public required ToolLinks Links { get; init; }
    public DateOnly? ReleaseDate { get; init; }
    /// <summary>free | free-tier | paid | unknown — derived from pricing, never stored.</summary>
    public required string Entry { get; init; }
    public required string PricingSummary { get; init; }
    public required ToolFacts Facts { get; init; }
    /// <summary>Where the tool stands: active, preview, deprecated (with its shutdown date), retired (with its successor), maintenance only or unconfirmed.</summary>
    public required LifecycleView Lifecycle { get; init; }
    /// <summary>The facts as every page spells them, grouped as a practitioner reads them; derived lines (memory from parameters) say so.</summary>
    public required IReadOnlyList<FactGroupView> FactGroups { get; init; }
    /// <summary>The core facts for this kind of tool that are not on record.</summary>
    public required IReadOnlyList<string> NotOnRecord { get; init; }
    /// <summary>Families and ambiguous names the tool is part of.</summary>
    public required IReadOnlyList<GroupMembershipView> Groups { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>The panel's verdict, from the critics' current reviews.</summary>
    public required PanelFigures Panel { get; init; }
    /// <summary>Readers' ship / skip votes that count (shipPercent null without votes).</summary>
    public required CommunityFigures Community { get; init; }
    public required IReadOnlyList<ReviewResponse> Reviews { get; init; }
    /// <summary>Stale facts (older than Catalog:StaleAfterDays), open conflicts between sources, and the lifecycle as of today; the tool page shows the same.</summary>
    public ToolFreshness? Freshness { get; init; }

    public static ToolResponse From(
        StoredTool stored, ToolEvidence evidence, IReadOnlyList<StoredReview> reviews, CriticCatalog critics, Core.Compare.CommunityFigure? community = null, ToolFreshness? freshness = null)
    {
        var tool = stored.Tool;
        var entry = PricingRead.Entry(tool.Facts.Pricing?.Value);
        return new ToolResponse
        {
            Slug = tool.Slug,
            Name = tool.Name,
            Aliases = tool.Aliases,
            Vendor = tool.Vendor,
            Kind = tool.Kind,
            Category = tool.Category,
            CategoryName = Taxonomy.FindCategory(tool.Category)?.Name ?? tool.Category,
            Tagline = tool.Tagline,
            Description = tool.Description,
            BestFor = tool.BestFor,
            Links = tool.Links,
            ReleaseDate = tool.ReleaseDate,
            Entry = EntryWire(entry),
            PricingSummary = PricingRead.Describe(tool.Facts.Pricing?.Value),
            Facts = tool.Facts,
            Lifecycle = evidence.Lifecycle,
            FactGroups = evidence.Groups,
            NotOnRecord = evidence.NotOnRecord,
            Groups = evidence.Memberships,
            UpdatedAt = stored.UpdatedAt,
            Panel = PanelFigures.From(reviews),
            Community = CommunityFigures.From(community),
            Reviews = ReviewResponse.InPanelOrder(reviews, critics),
            Freshness = freshness,
        };
    }

    public static string EntryWire(EntryTier entry) => entry switch
    {
        EntryTier.Free => "free",
        EntryTier.FreeTier => "free-tier",
        EntryTier.Paid => "paid",
        _ => "unknown",
    };
}

public sealed record ToolSummary(
    string Slug, string Name, string Vendor, string Kind, string Category, string Tagline, string Entry, string PricingSummary, PanelFigures Panel)
{
    public static ToolSummary From(StoredTool stored, IEnumerable<StoredReview> reviews)
    {
        var t = stored.Tool;
        return new(t.Slug, t.Name, t.Vendor.Name, t.Kind, t.Category, t.Tagline,
            ToolResponse.EntryWire(PricingRead.Entry(t.Facts.Pricing?.Value)), PricingRead.Describe(t.Facts.Pricing?.Value), PanelFigures.From(reviews));
    }
}

public sealed record ToolListResponse(IReadOnlyList<ToolSummary> Items, int Page, int PageSize, long Total);

/// <summary>
/// What /api/tools/{slug} answers for a group's slug: a family split by licence, or a name that
/// means several tools. <c>isGroup</c> tells it apart from a tool; pick a member and ask for it.
/// </summary>
public sealed record GroupResponse(bool IsGroup, string Slug, string Name, string Kind, IReadOnlyList<string> Aliases, string Summary, string? Note, IReadOnlyList<GroupMemberRow> Members)
{
    public static GroupResponse From(GroupPageView view) =>
        new(true, view.Group.Slug, view.Group.Name, view.Group.Kind, view.Group.Aliases, view.Summary, view.Group.Note, view.Members);
}
