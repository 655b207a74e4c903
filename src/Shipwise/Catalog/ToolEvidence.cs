using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;

namespace Shipwise.Catalog;

/// <summary>One fact line of one tool as the tool page and the API show it (a compare page pairs two tools' cells in Core's FactComparisonRow).</summary>
/// <param name="LinkSlug">A tool the line points at (a successor), with its name in <paramref name="LinkName"/>.</param>
public sealed record FactLineView(
    string Fact, string Label, string Value, string? Source, DateOnly? AsOf, string? Status, string? Note, bool Derived, string? LinkSlug, string? LinkName);

/// <summary>The facts of one group (quality, speed, cost...), in reading order.</summary>
public sealed record FactGroupView(string Key, string Title, IReadOnlyList<FactLineView> Lines);

/// <summary>Where a tool stands in its life, and the banner sentence when it is not simply active.</summary>
public sealed record LifecycleView(
    string Status, string Label, string? Notice, DateOnly? DeprecationDate, DateOnly? ShutdownDate, string? SuccessorSlug, string? SuccessorName, bool CanBePicked);

public sealed record GroupMemberView(string Slug, string Name);

/// <summary>A family or a disambiguation the tool is part of, with the other members.</summary>
public sealed record GroupMembershipView(string Slug, string Name, string Kind, string? Note, IReadOnlyList<GroupMemberView> Others);

/// <summary>
/// A tool's evidence as a reader takes it in: the lifecycle first, then the facts grouped as a
/// practitioner reads them, the core facts not on record in one line, and its groups. The tool
/// page and /api/tools/{slug} both show this one view, so they cannot disagree.
/// </summary>
public sealed record ToolEvidence(
    LifecycleView Lifecycle,
    IReadOnlyList<FactGroupView> Groups,
    IReadOnlyList<string> NotOnRecord,
    IReadOnlyList<GroupMembershipView> Memberships)
{
    private static readonly (FactGroup Group, string Key, string Title)[] _groups =
    [
        (FactGroup.Quality, "quality", "Quality: who measured what"),
        (FactGroup.Speed, "speed", "Speed"),
        (FactGroup.Capabilities, "capabilities", "What it takes in and puts out"),
        (FactGroup.Cost, "cost", "Cost and where to run it"),
        (FactGroup.Hardware, "hardware", "Hardware, size and runtimes"),
        (FactGroup.ApiFeatures, "api", "API and serving features"),
        (FactGroup.DataHandling, "data", "Data handling"),
        (FactGroup.Licence, "licence", "Licence"),
        (FactGroup.Lifecycle, "lifecycle", "Lifecycle and support"),
        (FactGroup.Related, "related", "Related"),
    ];

    /// <param name="names">Display names for slugs this tool refers to (successor, competitors, group members), resolved by the caller.</param>
    /// <param name="today">The lifecycle is shown as it stands on this day: a deprecated tool whose shutdown date has passed reads retired, with no new import.</param>
    public static ToolEvidence Build(Tool tool, IReadOnlyDictionary<string, string> names, IReadOnlyList<ToolGroup> groups, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(tool);
        tool = LifecycleRead.AsOf(tool, today);

        string NameOf(string slug) => names.GetValueOrDefault(slug) ?? slug;

        var lines = FactDisplay.All(tool).Select(line => line.Fact == FactName.Competitors
            ? line with { Value = CompetitorNames(tool.Facts.Competitors?.Value ?? [], names) }
            : line);
        var grouped = lines.GroupBy(l => l.Fact.Group())
            .OrderBy(g => Array.FindIndex(_groups, x => x.Group == g.Key))
            .Select(g =>
            {
                var (_, key, title) = _groups.First(x => x.Group == g.Key);
                return new FactGroupView(key, title, [.. g.Select(l => View(l, l.LinkSlug is { } link ? NameOf(link) : null))]);
            })
            .ToList();

        var lifecycle = tool.Facts.Lifecycle?.Value;
        var successor = lifecycle?.Successor;
        var lifecycleView = new LifecycleView(
            lifecycle?.Status ?? LifecycleStatus.Active,
            lifecycle is null ? "Active" : FactDisplay.Lifecycle(lifecycle),
            LifecycleNotice.For(lifecycle, successor is null ? null : NameOf(successor), today),
            lifecycle?.DeprecationDate,
            lifecycle?.ShutdownDate,
            successor,
            successor is null ? null : NameOf(successor),
            LifecycleNotice.CanBePicked(lifecycle));

        var memberships = groups.Select(g => new GroupMembershipView(
                g.Slug, g.Name, g.Kind, g.Note,
                [.. g.Members.Where(m => m != tool.Slug && !tool.Aliases.Select(Slug.From).Contains(m)).Select(m => new GroupMemberView(m, NameOf(m)))]))
            .ToList();

        return new ToolEvidence(lifecycleView, grouped, [.. CoreFacts.Missing(tool).Select(Plain)], memberships);
    }

    /// <summary>The slugs whose names <see cref="Build"/> needs.</summary>
    public static IEnumerable<string> ReferencedSlugs(Tool tool, IReadOnlyList<ToolGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var slugs = new List<string>(tool.Facts.Competitors?.Value ?? []);
        if (tool.Facts.Lifecycle?.Value.Successor is { } successor)
        {
            slugs.Add(successor);
        }

        slugs.AddRange(groups.SelectMany(g => g.Members));
        return slugs.Distinct(StringComparer.Ordinal);
    }

    // Names, never slugs: a competitor the catalog does not hold is counted, not shown as its raw slug.
    private static string CompetitorNames(IReadOnlyList<string> competitors, IReadOnlyDictionary<string, string> names)
    {
        var known = competitors.Select(c => names.GetValueOrDefault(c) ?? names.GetValueOrDefault(Slug.From(c))).OfType<string>().Distinct().ToList();
        var others = competitors.Count - known.Count;
        var text = string.Join(", ", known);
        return others <= 0 ? text
            : known.Count == 0 ? $"{others} not in the catalog yet"
            : $"{text}, and {others} not in the catalog yet";
    }

    // "the release date" → "release date": the nouns read as a list after "Not on record:".
    private static string Plain(FactName fact) =>
        fact.Noun().StartsWith("the ", StringComparison.Ordinal) ? fact.Noun()[4..] : fact.Noun();

    private static FactLineView View(FactLine line, string? linkName) => new(
        line.Fact.ToWire(), line.Label, line.Value, line.Provenance?.Source, line.Provenance?.AsOf,
        line.Provenance?.Status.ToWire(), line.Note, line.Derived, line.LinkSlug, linkName);
}

/// <summary>Reads what <see cref="ToolEvidence.Build"/> needs besides the tool: its groups and the names of the tools it refers to.</summary>
public sealed class ToolEvidenceReader(CatalogQueries queries, TimeProvider clock)
{
    public async Task<ToolEvidence> ForAsync(Tool tool, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var groups = await queries.GroupsOfAsync(tool.Slug, cancellationToken);
        var names = await queries.NamesAsync([.. ToolEvidence.ReferencedSlugs(tool, groups)], cancellationToken);
        return ToolEvidence.Build(tool, names, groups, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }
}
