using Shipwise.Catalog;
using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;
using Shipwise.Core.Compare;
using Shipwise.Core.Panel;
using Shipwise.Panel;

namespace Shipwise.Compare;

/// <summary>What a compare address resolves to: the comparison in the order asked, the slugs' address to redirect to (same order), or the side(s) not found.</summary>
public sealed record CompareLookup(Comparison? Comparison, string? RedirectLeft, string? RedirectRight, IReadOnlyList<string> Unknown, bool SameTool)
{
    public bool IsRedirect => RedirectLeft is not null;
}

/// <summary>Builds a comparison of any two tools from the stored tools and their current reviews (two tool reads, one review query).</summary>
public sealed class CompareQuery(CatalogQueries queries, ReviewStore reviews, CriticCatalog critics, Community.CommunityQueries community, PeerSnapshots peers, TimeProvider clock)
{
    /// <summary>
    /// Reads a "{a}-vs-{b}" address segment. A slug may contain "-vs-" itself, so every split is
    /// tried until one names two tools; null when none does.
    /// </summary>
    public async Task<CompareLookup?> FindPairAsync(string pair, CancellationToken cancellationToken)
    {
        foreach (var (a, b) in ComparePair.Candidates(pair))
        {
            var lookup = await FindAsync(a, b, cancellationToken);
            if (lookup.Comparison is not null || lookup.IsRedirect)
            {
                return lookup;
            }
        }

        return null;
    }

    public async Task<CompareLookup> FindAsync(string a, string b, CancellationToken cancellationToken)
    {
        var left = await queries.FindAsync(a, cancellationToken);
        var right = await queries.FindAsync(b, cancellationToken);
        var unknown = new List<string>();
        if (left.Tool is null && left.RedirectTo is null)
        {
            unknown.Add(a);
        }

        if (right.Tool is null && right.RedirectTo is null)
        {
            unknown.Add(b);
        }

        if (unknown.Count > 0)
        {
            return new CompareLookup(null, null, null, unknown, false);
        }

        var leftSlug = left.Tool?.Tool.Slug ?? left.RedirectTo!;
        var rightSlug = right.Tool?.Tool.Slug ?? right.RedirectTo!;
        if (leftSlug == rightSlug)
        {
            return new CompareLookup(null, null, null, [], true);
        }

        if (leftSlug != a || rightSlug != b)
        {
            // An alias or another spelling: the slugs' address, in the order the reader named the two.
            return new CompareLookup(null, leftSlug, rightSlug, [], false);
        }

        var leftTool = left.Tool!;
        var rightTool = right.Tool!;
        var current = await reviews.CurrentForToolsWithTextAsync([leftTool, rightTool], cancellationToken);
        var panel = critics.All.OrderBy(c => c.Order).Select(CompareCritic.From).ToList();
        var figures = await community.FiguresAsync([leftTool.Id, rightTool.Id], cancellationToken);
        // One day for the whole page: each side's lifecycle and the answers' wording are as they stand today.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var comparison = Comparison.Build(
            Side(leftTool, current[leftTool.Id], figures.GetValueOrDefault(leftTool.Id), today),
            Side(rightTool, current[rightTool.Id], figures.GetValueOrDefault(rightTool.Id), today), panel,
            await ContextAsync(leftTool.Tool, rightTool.Tool, today, cancellationToken));
        return new CompareLookup(comparison, null, null, [], false);
    }

    /// <summary>The GPUs the catalog prices (the same in every category's snapshot) and the names of the successors the two point at.</summary>
    private async Task<CompareContext> ContextAsync(Tool left, Tool right, DateOnly today, CancellationToken cancellationToken)
    {
        var snapshots = await peers.CurrentAsync(cancellationToken);
        var gpus = snapshots.Values.FirstOrDefault()?.Gpus ?? [];
        var successors = new[] { left, right }.Select(t => t.Facts.Lifecycle?.Value.Successor).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var names = successors.Count == 0 ? new Dictionary<string, string>(StringComparer.Ordinal) : await queries.NamesAsync(successors, cancellationToken);
        // Today's date, so a shutdown that has passed is said in the past tense.
        return new CompareContext(gpus, names, today);
    }

    private CompareSide Side(StoredTool tool, IEnumerable<StoredReview> current, CommunityFigure? figure, DateOnly today)
    {
        var list = current.ToList();
        var takes = list.Select(r => new CriticTake(
            r.CriticSlug, critics.Find(r.CriticSlug)?.Name ?? r.CriticSlug, critics.Find(r.CriticSlug)?.Order ?? int.MaxValue, r.Verdict, r.Score, r.Summary)).ToList();
        // Compared as it stands today: a tool past its shutdown date is retired here too, and never the pick.
        return new CompareSide(LifecycleRead.AsOf(tool.Tool, today), PanelFigures.Summarize(list), takes, figure ?? new CommunityFigure(0, 0));
    }
}
