using System.Text.RegularExpressions;

namespace Shipwise.Core.Panel.Writing;

/// <summary>Finds and removes a critic's banned phrases, ignoring case and runs of whitespace.</summary>
internal static partial class BannedPhrases
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>The first banned phrase found in the text, or null.</summary>
    public static string? FindIn(string text, IEnumerable<string> phrases)
    {
        var normalized = Normalize(text);
        return phrases.FirstOrDefault(p => Normalize(p) is { Length: > 0 } phrase && normalized.Contains(phrase, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Cuts banned phrases out of text the critic did not write (fact values). Each pass shortens
    /// the text, so a phrase re-formed by a cut is caught by the next pass and the loop ends.
    /// </summary>
    public static string Remove(string text, IReadOnlyList<string> phrases)
    {
        var result = Normalize(text);
        while (FindIn(result, phrases) is { } phrase)
        {
            var at = result.IndexOf(Normalize(phrase), StringComparison.OrdinalIgnoreCase);
            result = Normalize(result.Remove(at, Normalize(phrase).Length));
        }

        return result;
    }
}
