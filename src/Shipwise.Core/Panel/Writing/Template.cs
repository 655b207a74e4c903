using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Shipwise.Core.Panel.Writing;

/// <summary>
/// Review lines from critic files: plain sentences with {placeholders} the writer fills from
/// the facts used. Each line is one sentence, which is how a review's sentence count is kept.
/// </summary>
internal static partial class Template
{
    public const int MaxLineLength = 240;
    public const int MaxSummaryLineLength = 140;

    /// <summary>Available in every line of a review that takes a side.</summary>
    public static readonly IReadOnlyList<string> Common = ["score", "bar", "strongest", "weakest", "gaps"];

    /// <summary>Available where a line talks about one criterion.</summary>
    public static readonly IReadOnlyList<string> OfCriterion = ["label", "facts", "grade", "subscore"];

    public static readonly IReadOnlyList<string> OfTrust = ["caveats"];

    /// <summary>Available when the critic takes no side.</summary>
    public static readonly IReadOnlyList<string> OfNoTake = ["reason", "bar"];

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[.!?]\s")]
    private static partial Regex InnerSentenceEnd();

    public static IReadOnlyList<string> Placeholders(string line) =>
        [.. Placeholder().Matches(line).Select(m => m.Groups[1].Value)];

    /// <summary>Length with placeholders removed: the shortest the line can render.</summary>
    public static int FixedLength(string line) => Placeholder().Replace(line, "").Length;

    /// <summary>Why the line cannot be used, or null when it can.</summary>
    public static string? Problem(string line, IReadOnlyCollection<string> allowed, int maxLength)
    {
        if (line.Length > maxLength)
        {
            return $"is {line.Length} characters; a line may have at most {maxLength}";
        }

        // A line may end with {reason}: the finding it stands for is a whole sentence.
        if (line[^1] is not ('.' or '!' or '?') && !line.EndsWith("{reason}", StringComparison.Ordinal))
        {
            return "must end a sentence with '.', '!' or '?'";
        }

        if (InnerSentenceEnd().IsMatch(line))
        {
            return "must be a single sentence (each line is one sentence of the review)";
        }

        if (Placeholder().Replace(line, "").IndexOfAny(['{', '}']) >= 0)
        {
            return "has an unmatched '{' or '}'";
        }

        var unknown = Placeholders(line).FirstOrDefault(p => !allowed.Contains(p));
        return unknown is null ? null : $"{{{unknown}}} is not available here; use {string.Join(", ", allowed.Select(a => $"{{{a}}}"))}";
    }

    /// <summary>Fills placeholders and starts the sentence with a capital.</summary>
    public static string Render(string line, Func<string, string> value)
    {
        // Lines come from critic files and repeat for every review: split each once, then only concatenate.
        var segments = _segments.GetOrAdd(line, Split);
        var text = new StringBuilder(line.Length + 64);
        foreach (var (literal, placeholder) in segments)
        {
            text.Append(placeholder is null ? literal : value(placeholder));
        }

        return Scoring.Phrasing.Capital(text.ToString());
    }

    private static readonly ConcurrentDictionary<string, (string Literal, string? Placeholder)[]> _segments = new(StringComparer.Ordinal);

    private static (string Literal, string? Placeholder)[] Split(string line)
    {
        var segments = new List<(string, string?)>();
        var at = 0;
        foreach (Match match in Placeholder().Matches(line))
        {
            segments.Add((line[at..match.Index], null));
            segments.Add(("", match.Groups[1].Value));
            at = match.Index + match.Length;
        }

        segments.Add((line[at..], null));
        return [.. segments.Where(s => s.Item2 is not null || s.Item1.Length > 0)];
    }
}
