using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Shipwise.Core.Panel.Writing;

/// <summary>Finds and removes a critic's banned phrases, ignoring case and runs of whitespace.</summary>
internal static partial class BannedPhrases
{
    // A critic's phrase list never changes, so its normalized form is computed once per list.
    private static readonly ConditionalWeakTable<IEnumerable<string>, string[]> _normalized = [];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static string Normalize(string text) => IsNormal(text) ? text : Whitespace().Replace(text, " ").Trim();

    /// <summary>The first banned phrase found in the text, or null.</summary>
    public static string? FindIn(string text, IEnumerable<string> phrases)
    {
        var normalized = Normalize(text);
        var list = phrases as IList<string> ?? phrases.ToList();
        var prepared = NormalizedPhrases(phrases);
        for (var i = 0; i < prepared.Length; i++)
        {
            if (prepared[i].Length > 0 && normalized.Contains(prepared[i], StringComparison.OrdinalIgnoreCase))
            {
                return list[i];
            }
        }

        return null;
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

    private static string[] NormalizedPhrases(IEnumerable<string> phrases) =>
        _normalized.GetValue(phrases, list => [.. list.Select(p => Whitespace().Replace(p, " ").Trim())]);

    // Already normal: no leading or trailing whitespace, and only single plain spaces inside.
    private static bool IsNormal(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        for (var i = 1; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || text[i - 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }
}
