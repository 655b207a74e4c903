using System.Globalization;
using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>
/// Deterministic variety: the same tool and critic always get the same wording, different ones
/// different wordings, so reviews do not read as one template with the numbers swapped.
/// </summary>
public static class Phrasing
{
    /// <summary>"A" or "An" before a number as it is read aloud: "an 8K window", "an 11B model", "a 128K window".</summary>
    public static string IndefiniteArticle(string number) =>
        number.StartsWith('8')
        || ((number.StartsWith("11", StringComparison.Ordinal) || number.StartsWith("18", StringComparison.Ordinal)) && (number.Length == 2 || !char.IsDigit(number[2])))
            ? "An" : "A";

    /// <summary>
    /// The text with its first letter in upper case, unless it starts with a name spelt in lower case
    /// on purpose ("gpt-oss-20b", "llama.cpp", "vLLM"): a word with a digit, a dot, a hyphen or a later
    /// capital is a name, and a name keeps its spelling at the start of a sentence.
    /// </summary>
    public static string Capital(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 || !char.IsLower(text[0]) || StartsWithStyledName(text) ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    internal static bool StartsWithStyledName(ReadOnlySpan<char> text)
    {
        var end = text.IndexOfAny(' ', ',', ':');
        var word = (end < 0 ? text : text[..end]).TrimEnd(".;'’s");
        foreach (var c in word[1..])
        {
            if (char.IsDigit(c) || char.IsUpper(c) || c is '-' or '.')
            {
                return true;
            }
        }

        return false;
    }

    public static string Pick(string seed, string topic, params string[] options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options[Choose(seed, topic, options.Length)];
    }

    /// <summary>
    /// Which of <paramref name="count"/> phrasings this tool and critic get, the same one <see cref="Pick"/>
    /// would return. For a switch over interpolated phrasings, so only the chosen one is formatted.
    /// </summary>
    public static int Choose(string seed, string topic, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (int)(Hash(seed + "|" + topic) % (uint)count);
    }

    /// <summary>FNV-1a: stable across processes and .NET versions, unlike string.GetHashCode.</summary>
    public static uint Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>"vLLM's", "Transformers'": a name's possessive, without "Providers's".</summary>
    public static string Possessive(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.EndsWith('s') ? name + "'" : name + "'s";
    }

    /// <summary>"1st", "2nd", "3rd", "11th", "22nd".</summary>
    public static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>"$1,350", "$12,900", "$0.40": whole dollars once the amount is large enough that cents do not matter.</summary>
    public static string Money(decimal usd) => usd >= 100
        ? "$" + decimal.Round(usd, 0).ToString("#,0", CultureInfo.InvariantCulture)
        : FactFormat.Usd(decimal.Round(usd, 2));

    /// <summary>"50M", "1.2B", "340K", "58M": a count of tokens, to two significant digits.</summary>
    public static string Tokens(long tokens)
    {
        if (tokens < 100)
        {
            return FactFormat.Count(tokens);
        }

        var magnitude = (long)Math.Pow(10, Math.Floor(Math.Log10(tokens)) - 1);
        return FactFormat.Count(tokens / magnitude * magnitude);
    }

    /// <summary>A ratio as people say it before "the median": "a third of", "half", "70% of", "twice", "4.3 times".</summary>
    public static string Ratio(decimal ratio) => ratio switch
    {
        // A fraction in words only where it is the fraction a reader would compute: 54 % is not "half".
        <= 0 => "nothing like",
        >= 0.23m and <= 0.27m => "a quarter of",
        >= 0.31m and <= 0.35m => "a third of",
        >= 0.47m and <= 0.53m => "half",
        < 0.9m => $"{Percent(ratio)} of",
        <= 1.1m => "about the same as",
        < 1.9m => $"{FactFormat.Number(decimal.Round((ratio - 1) * 100, 0))}% above",
        <= 2.1m => "twice",
        _ => $"{FactFormat.Number(decimal.Round(ratio, 1))} times",
    };

    private static string Percent(decimal ratio) => FactFormat.Number(decimal.Round(ratio * 100, 0)) + "%";

    /// <summary>"a and b", "a, b and c".</summary>
    public static string List(IEnumerable<string> items) => FactFormat.List(items);

    /// <summary>
    /// Parentheses inside parentheses become brackets, as style guides set them: "(from rival
    /// Alibaba Cloud [Qwen team])", not "(from rival Alibaba Cloud (Qwen team))". Names that carry
    /// their own parentheses meet a sentence's parenthesis only when the text is put together.
    /// </summary>
    public static string NestedBrackets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('(', StringComparison.Ordinal))
        {
            return text;
        }

        var chars = text.ToCharArray();
        var depth = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '(')
            {
                chars[i] = depth % 2 == 1 ? '[' : '(';
                depth++;
            }
            else if (chars[i] == ')' && depth > 0)
            {
                depth--;
                chars[i] = depth % 2 == 1 ? ']' : ')';
            }
        }

        return new string(chars);
    }

    /// <summary>"a or b", "a, b or c": a list after "no" or "without", where "and" would read as all of them together.</summary>
    public static string Either(IEnumerable<string> items) => FactFormat.List(items, "or");

    /// <summary>"Mistral Large 3 (675B)", but "Llama 3.1 405B" alone: a name that carries its size is not told it twice.</summary>
    public static string Sized(string name, decimal billions)
    {
        ArgumentNullException.ThrowIfNull(name);
        var size = FactFormat.Number(billions) + "B";
        return name.Split(' ', '-').Contains(size, StringComparer.OrdinalIgnoreCase) ? name : $"{name} ({size})";
    }

    /// <summary>
    /// "Google's Gemini 4 Neon", but "the Cohere Rerank 5" when the name already starts with its
    /// vendor's name, or with its first word ("the Together AI", not "Together Computer's Together AI").
    /// </summary>
    public static string VendorsName(string vendor, string name)
    {
        ArgumentNullException.ThrowIfNull(vendor);
        ArgumentNullException.ThrowIfNull(name);
        var firstWord = vendor.Split(' ')[0];
        return name.StartsWith(vendor, StringComparison.Ordinal) || name.Split(' ')[0] == firstWord
            ? $"the {name}"
            : $"{Possessive(vendor)} {name}";
    }

    /// <summary>"both" for two, "all 5" for more: "all 2 others" reads as a machine's count.</summary>
    public static string All(int n) => n == 2 ? "both" : $"all {n}";

    /// <summary>"1 month", "14 months", "2 years".</summary>
    public static string Age(DateOnly from, DateOnly to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month - (to.Day < from.Day ? 1 : 0);
        return months switch
        {
            < 1 => "under a month",
            1 => "a month",
            < 24 => $"{months} months",
            _ => $"{months / 12} years",
        };
    }
}
