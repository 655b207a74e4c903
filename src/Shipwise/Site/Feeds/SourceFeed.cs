using Dapper;
using Shipwise.Core.Catalog;
using Shipwise.Data;

namespace Shipwise.Site.Feeds;

/// <summary>One tool's facts changed by one source run, as a feed entry: "GPT-4o: the price drop (OpenRouter, 1 Dec 2026)".</summary>
public sealed record SourceFeedEntry(long Id, string Slug, string ToolName, string Title, string Summary, DateTimeOffset At);

/// <summary>
/// The newest fact changes sources made, grouped per tool and run, for the Atom feed. It lives with its
/// only reader: in Sources/ it made the site depend on the source connectors, which depend on pages.
/// </summary>
public sealed class SourceFeed(Db db)
{
    private sealed record Row(long Id, long? RunId, string Slug, string ToolName, string Fact, string? BeforeText, string AfterText, string Phrase, string SourceLabel, string AsOf, DateTimeOffset CreatedAt);

    public async Task<IReadOnlyList<SourceFeedEntry>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT c.id AS Id, c.run_id AS RunId, t.slug AS Slug, t.name AS ToolName, c.fact AS Fact, c.before_text AS BeforeText, c.after_text AS AfterText,
                   c.phrase AS Phrase, c.source_label AS SourceLabel, c.as_of AS AsOf, c.created_at AS CreatedAt
            FROM source_changes c JOIN tools t ON t.id = c.tool_id
            ORDER BY c.created_at DESC, c.id DESC LIMIT @rows
            """, new { rows = limit * 8 }, cancellationToken: cancellationToken));
        return [.. rows
            .GroupBy(r => (r.RunId, r.Slug, r.CreatedAt))
            .Select(Entry)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(limit)];
    }

    private static SourceFeedEntry Entry(IGrouping<(long? RunId, string Slug, DateTimeOffset CreatedAt), Row> group)
    {
        var rows = group.OrderBy(r => r.Id).ToList();
        var first = rows[0];
        var asOf = rows.Max(r => DateOnly.ParseExact(r.AsOf, "yyyy-MM-dd"));
        // Facts first: a new hosting offer is news only when nothing about the model itself changed.
        var facts = rows.Where(r => !r.Fact.StartsWith(Core.Catalog.Sources.FactMerge.OfferingPrefix, StringComparison.Ordinal)).ToList();
        var phrases = (facts.Count > 0 ? facts : rows).Select(r => r.Phrase.StartsWith("after ", StringComparison.Ordinal) ? r.Phrase[6..] : r.Phrase).Distinct().ToList();
        var what = phrases.Count <= 2 ? FactFormat.List(phrases) : $"{phrases[0]} and {phrases.Count - 1} more changes";
        var lines = rows.Select(r => $"{Catalog.ToolFreshnessQueries.Label(r.Fact)}: {r.BeforeText ?? "not on record"} → {r.AfterText}");
        return new SourceFeedEntry(
            rows.Max(r => r.Id), first.Slug, first.ToolName,
            $"{first.ToolName}: {what} ({first.SourceLabel}, {FactFormat.Date(asOf)})",
            string.Join("; ", lines) + ".",
            first.CreatedAt);
    }
}
