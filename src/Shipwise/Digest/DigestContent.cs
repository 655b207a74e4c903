using System.Globalization;
using System.Text.Json.Serialization;
using Dapper;
using Microsoft.Extensions.Options;
using Shipwise.Core.Panel;
using Shipwise.Data;

namespace Shipwise.Digest;

/// <summary>One new or changed verdict, as the digest shows it.</summary>
public sealed record DigestItem
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Vendor { get; init; } = "";
    public string Category { get; init; } = "";
    public int Ships { get; init; }
    public int Skips { get; init; }
    public DateTimeOffset ChangedAt { get; init; }

    /// <summary>2 ship, 1 skip, 0 no verdict; null when this is the tool's first verdict.</summary>
    public int? PreviousRank { get; init; }
    public int? PreviousPercent { get; init; }

    /// <summary>Ship %, from the counts by the one type that owns the panel's arithmetic.</summary>
    public int? ShipPercent => Panel.ShipPercent;

    [JsonIgnore]
    public Verdict? Verdict => Panel.Verdict;

    private PanelSummary Panel => new(Ships, Skips, 0, null);

    [JsonIgnore]
    public bool IsNew => PreviousRank is null;

    [JsonIgnore]
    public Verdict? PreviousVerdict => PanelArithmetic.VerdictOfRank(PreviousRank);
}

/// <summary>What one digest says: the verdicts that were new or changed in its period, newest first.</summary>
public sealed record DigestContent(DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, IReadOnlyList<DigestItem> Items, int More)
{
    [JsonIgnore]
    public IEnumerable<DigestItem> New => Items.Where(i => i.IsNew);

    [JsonIgnore]
    public IEnumerable<DigestItem> Changed => Items.Where(i => !i.IsNew);

    [JsonIgnore]
    public int Total => Items.Count + More;

    /// <summary>"16 Nov – 22 Nov 2026".</summary>
    [JsonIgnore]
    public string PeriodLabel
    {
        get
        {
            var from = PeriodStart.UtcDateTime;
            var to = PeriodEnd.UtcDateTime;
            return from.Year == to.Year
                ? $"{from.ToString("d MMM", CultureInfo.InvariantCulture)} – {to.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}"
                : $"{from.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} – {to.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
        }
    }

    /// <summary>The ISO week a digest created at <paramref name="at"/> belongs to, e.g. "2026-W47": one digest per week.</summary>
    public static string WeekOf(DateTimeOffset at)
    {
        var day = at.UtcDateTime;
        return $"{ISOWeek.GetYear(day):0000}-W{ISOWeek.GetWeekOfYear(day):00}";
    }
}

/// <summary>Reads the verdicts that changed in a period, from the panel columns the site keeps on each tool (one indexed range scan).</summary>
public sealed class DigestComposer(Db db, IOptions<DigestOptions> options)
{
    public async Task<DigestContent> ComposeAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var range = new { from, to, limit = options.Value.MaxItems };
        var items = (await connection.QueryAsync<DigestItem>(new CommandDefinition(
            """
            SELECT slug AS Slug, name AS Name, vendor AS Vendor, category AS Category, panel_ships AS Ships, panel_skips AS Skips,
                   panel_changed_at AS ChangedAt, panel_previous_rank AS PreviousRank, panel_previous_percent AS PreviousPercent
            FROM tools
            WHERE panel_changed_at >= @from AND panel_changed_at < @to
            ORDER BY panel_changed_at DESC, id DESC
            LIMIT @limit
            """,
            range, cancellationToken: cancellationToken))).ToList();
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM tools WHERE panel_changed_at >= @from AND panel_changed_at < @to", range, cancellationToken: cancellationToken));
        return new DigestContent(from, to, items, (int)Math.Max(0, total - items.Count));
    }
}
