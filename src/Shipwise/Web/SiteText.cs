using System.Globalization;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;

namespace Shipwise.Web;

/// <summary>The few phrasings every page shares, so a verdict reads the same everywhere.</summary>
public static class SiteText
{
    public static string VerdictClass(Verdict? verdict) => verdict switch
    {
        Verdict.Ship => "verdict verdict-ship",
        Verdict.Skip => "verdict verdict-skip",
        Verdict.NoTake => "verdict verdict-no-take",
        _ => "verdict verdict-none",
    };

    /// <summary>"Ship · 3 ship / 1 skip", or "No verdict yet" when no critic took a side.</summary>
    public static string PanelLine(int ships, int skips, Verdict? verdict) =>
        verdict is null ? "No verdict yet" : $"{verdict.Value.Label()} · {ships} ship / {skips} skip";

    public static string Percent(int? percent) => percent is { } p ? p.ToString(CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>"1 tool", "3 tools".</summary>
    public static string Count(long count, string singular, string? plural = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";

    public static string Badge(decimal? badge) => badge is { } b ? b.ToString("0.#", CultureInfo.InvariantCulture) + "/10" : "–";

    public static string Score(int? score) => score is { } s ? s.ToString(CultureInfo.InvariantCulture) : "–";

    public static string Mean(double? mean) => mean is { } m ? m.ToString("0.#", CultureInfo.InvariantCulture) : "–";

    public static string Date(DateOnly date) => FactFormat.Date(date);

    public static string Date(DateTimeOffset date) => date.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string IsoDate(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string CategoryName(string slug) => Taxonomy.FindCategory(slug)?.Name ?? slug;

    public static string StatusLabel(FactStatus status) => FactFormat.Status(status);

    /// <summary>"vendor claim" for the wire spelling "vendor-claim".</summary>
    public static string StatusLabel(string wire) => wire.Replace('-', ' ');

    public static string Tokens(int tokens) => FactFormat.Tokens(tokens);

    /// <summary>Splits a review body into paragraphs for display.</summary>
    public static IEnumerable<string> Paragraphs(string body) =>
        body.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
