namespace Shipwise.Search;

/// <summary>
/// How text becomes tokens, the same way for the catalog and for queries: lower case, accents
/// folded, split on anything that is not a letter or digit, and each run also split where letters
/// meet digits ("qwen2" gives "qwen2", "qwen" and "2"), so "qwen 2" and "qwen2" find the same tools.
/// </summary>
internal static class SearchText
{
    public const int MaxQueryLength = 200;
    public const int MaxTerms = 8;

    /// <summary>The query's terms: its first <see cref="MaxTerms"/> distinct runs, from at most <see cref="MaxQueryLength"/> characters.</summary>
    /// <summary>The part of a query that is searched: trimmed, at most <see cref="MaxQueryLength"/> characters.</summary>
    public static string Effective(string? query)
    {
        var text = (query ?? "").Trim();
        return text.Length > MaxQueryLength ? text[..MaxQueryLength].TrimEnd() : text;
    }

    public static List<string> Terms(string? query)
    {
        var text = Effective(query);
        var terms = new List<string>(MaxTerms);
        foreach (var run in Runs(Fold(text)))
        {
            if (!terms.Contains(run))
            {
                terms.Add(run);
                if (terms.Count == MaxTerms)
                {
                    break;
                }
            }
        }

        return terms;
    }

    // Base letters of U+00E0-U+00FF and U+0100-U+017F ('.' keeps the character). A table because the app runs with
    // InvariantGlobalization, where string.Normalize leaves non-ASCII text as it is.
    private const string Latin1 = "aaaaaa.ceeeeiiiidnooooo.ouuuuy.y";
    private const string LatinExtendedA =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkkllllllllllnnnnnnnnnoooooo..rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

    /// <summary>Lower case with the accents of Latin letters removed ("Crème" gives "creme").</summary>
    public static string Fold(string text)
    {
        var lower = text.ToLowerInvariant();
        if (System.Text.Ascii.IsValid(lower))
        {
            return lower;
        }

        return string.Create(lower.Length, lower, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                var folded = c switch
                {
                    >= '\u00e0' and <= '\u00ff' => Latin1[c - '\u00e0'],
                    >= '\u0100' and <= '\u017f' => LatinExtendedA[c - '\u0100'],
                    _ => '.',
                };
                span[i] = folded == '.' ? c : folded;
            }
        });
    }

    /// <summary>Maximal letter-or-digit runs of already folded text.</summary>
    public static IEnumerable<string> Runs(string folded)
    {
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inRun = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inRun && start < 0)
            {
                start = i;
            }
            else if (!inRun && start >= 0)
            {
                yield return folded[start..i];
                start = -1;
            }
        }
    }

    /// <summary>The run cut where letters meet digits ("smolvlm2" gives "smolvlm", "2"); one piece when there is no such boundary.</summary>
    public static List<string> Pieces(string run)
    {
        var pieces = new List<string>(2);
        var start = 0;
        for (var i = 1; i < run.Length; i++)
        {
            if (char.IsDigit(run[i]) != char.IsDigit(run[i - 1]))
            {
                pieces.Add(run[start..i]);
                start = i;
            }
        }

        pieces.Add(run[start..]);
        return pieces;
    }

    /// <summary>The text's letters and digits only, folded: "Hugging Face" gives "huggingface", "SmolVLM2-2.2B" "smolvlm222b".</summary>
    public static string Glue(string text) => string.Concat(Runs(Fold(text)));

    /// <summary>Levenshtein distance of two short strings, or <paramref name="cap"/> when it is at least that.</summary>
    public static int Distance(string a, string b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) >= cap)
        {
            return cap;
        }

        Span<int> row = b.Length < 128 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            var rowMin = row[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j - 1], above) + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
                rowMin = Math.Min(rowMin, row[j]);
            }

            if (rowMin >= cap)
            {
                return cap;
            }
        }

        return Math.Min(row[b.Length], cap);
    }

    public static bool IsNumber(string token)
    {
        foreach (var c in token)
        {
            if (!char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Adds the tokens of a field: every run and its pieces, and with <paramref name="joinWords"/> also
    /// each word's runs glued together ("llama.cpp" gives "llamacpp", "GPT-4o" gives "gpt4o").
    /// Tokens are handed out as spans of the folded text, so building an index allocates only new tokens.
    /// </summary>
    public static void AddTokens(string text, bool joinWords, TokenSink add)
    {
        var folded = Fold(text).AsSpan();
        char[]? rented = null;
        var joined = folded.Length <= 256 ? stackalloc char[folded.Length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(folded.Length));
        var i = 0;
        while (i < folded.Length)
        {
            while (i < folded.Length && char.IsWhiteSpace(folded[i]))
            {
                i++;
            }

            var wordStart = i;
            while (i < folded.Length && !char.IsWhiteSpace(folded[i]))
            {
                i++;
            }

            var word = folded[wordStart..i];
            var runs = 0;
            var joinedLength = 0;
            var j = 0;
            while (j < word.Length)
            {
                while (j < word.Length && !char.IsLetterOrDigit(word[j]))
                {
                    j++;
                }

                var runStart = j;
                while (j < word.Length && char.IsLetterOrDigit(word[j]))
                {
                    j++;
                }

                if (j == runStart)
                {
                    continue;
                }

                var run = word[runStart..j];
                runs++;
                add(run);
                AddPieces(run, add);
                run.CopyTo(joined[joinedLength..]);
                joinedLength += run.Length;
            }

            if (joinWords && runs > 1)
            {
                add(joined[..joinedLength]);
            }
        }

        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static void AddPieces(ReadOnlySpan<char> run, TokenSink add)
    {
        var start = 0;
        for (var i = 1; i < run.Length; i++)
        {
            if (char.IsDigit(run[i]) != char.IsDigit(run[i - 1]))
            {
                add(run[start..i]);
                start = i;
            }
        }

        if (start > 0)
        {
            add(run[start..]);
        }
    }
}

internal delegate void TokenSink(ReadOnlySpan<char> token);
