using Shipwise.Core.Catalog;

namespace Shipwise.Core.Compare;

/// <summary>
/// The address of a comparison. "a-vs-b" and "b-vs-a" are the same pair shown in the order the
/// reader named them; the canonical address (slugs in ordinal order) is the one search engines
/// are told about, and the one counts, bookmarks and the sitemap key the pair by.
/// </summary>
public static class ComparePair
{
    public const string Separator = "-vs-";

    /// <summary>The two slugs in page order (ordinal, so it never depends on the server's culture).</summary>
    public static (string First, string Second) Canonical(string slugA, string slugB)
    {
        ArgumentNullException.ThrowIfNull(slugA);
        ArgumentNullException.ThrowIfNull(slugB);
        return string.CompareOrdinal(slugA, slugB) <= 0 ? (slugA, slugB) : (slugB, slugA);
    }

    public static bool IsCanonical(string slugA, string slugB) => string.CompareOrdinal(slugA, slugB) < 0;

    /// <summary>The canonical address, "/compare/{first}-vs-{second}", whichever order the slugs come in.</summary>
    public static string Path(string slugA, string slugB)
    {
        var (first, second) = Canonical(slugA, slugB);
        return Address(first, second);
    }

    /// <summary>"/compare/{left}-vs-{right}" in the order given: the page that shows <paramref name="left"/> on the left.</summary>
    public static string Address(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return $"/compare/{left}{Separator}{right}";
    }

    /// <summary>
    /// Splits "{a}-vs-{b}" into two valid, different slugs, in the order written. Slugs may
    /// contain hyphens but never "-vs-", so the first occurrence normally decides; a slug
    /// ending in "-vs" can shift it, so later occurrences are tried when the first split is
    /// not two valid slugs.
    /// </summary>
    public static bool TryParse(string? pairSegment, out string a, out string b)
    {
        foreach (var (first, second) in Candidates(pairSegment))
        {
            (a, b) = (first, second);
            return true;
        }

        (a, b) = ("", "");
        return false;
    }

    /// <summary>
    /// Every way to read the segment as two valid, different slugs, first occurrence of
    /// "-vs-" first. More than one only when a slug ends in "-vs" and the next starts with
    /// "vs-"; a caller can then keep the reading whose tools exist.
    /// </summary>
    public static IEnumerable<(string A, string B)> Candidates(string? pairSegment)
    {
        if (string.IsNullOrEmpty(pairSegment))
        {
            yield break;
        }

        var at = pairSegment.IndexOf(Separator, StringComparison.Ordinal);
        while (at >= 0)
        {
            var first = pairSegment[..at];
            var second = pairSegment[(at + Separator.Length)..];
            if (Slug.IsValid(first) && Slug.IsValid(second) && !string.Equals(first, second, StringComparison.Ordinal))
            {
                yield return (first, second);
            }

            at = pairSegment.IndexOf(Separator, at + 1, StringComparison.Ordinal);
        }
    }
}
