using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Shipwise.Core.Panel.Writing;

/// <summary>Finds and removes a critic's banned phrases, ignoring case and runs of whitespace.</summary>
internal static partial class BannedPhrases
{
    // A critic's phrase list never changes, so its normalized form and one multi-phrase searcher
    // are made once per list: every review is checked, and a loop of case-insensitive Contains
    // over each phrase was the costliest step of writing a review (measured, docs/benchmarks.md).
    private static readonly ConditionalWeakTable<IEnumerable<string>, Prepared> _prepared = [];

    private sealed record Prepared(string[] Normalized, SearchValues<string>? Any);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static string Normalize(string text) => IsNormal(text) ? text : Whitespace().Replace(text, " ").Trim();

    /// <summary>The first banned phrase found in the text, or null.</summary>
    public static string? FindIn(string text, IEnumerable<string> phrases)
    {
        var normalized = Normalize(text);
        var prepared = Prepare(phrases);
        if (prepared.Any is null || normalized.AsSpan().IndexOfAny(prepared.Any) < 0)
        {
            return null;
        }

        // One is there: the first in the critic's order is the one named.
        var list = phrases as IList<string> ?? phrases.ToList();
        for (var i = 0; i < prepared.Normalized.Length; i++)
        {
            if (prepared.Normalized[i].Length > 0 && normalized.Contains(prepared.Normalized[i], StringComparison.OrdinalIgnoreCase))
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

    private static Prepared Prepare(IEnumerable<string> phrases) =>
        _prepared.GetValue(phrases, list =>
        {
            string[] normalized = [.. list.Select(p => Whitespace().Replace(p, " ").Trim())];
            var nonEmpty = normalized.Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            return new Prepared(normalized, nonEmpty.Length == 0 ? null : SearchValues.Create(nonEmpty, StringComparison.OrdinalIgnoreCase));
        });

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
