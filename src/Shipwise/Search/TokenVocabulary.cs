namespace Shipwise.Search;

/// <summary>
/// The index's distinct tokens in ordinal order, with exact, prefix and typo-tolerant lookup.
/// The typo lookup walks the sorted list as an implicit trie: tokens sharing a prefix reuse its
/// edit-distance rows, and a prefix already more than the allowed edits away skips every token
/// under it with one binary search, so a query visits only the near part of the vocabulary.
/// </summary>
internal sealed class TokenVocabulary(string[] sortedTokens)
{
    private const int Infinity = 1000;

    public int Count => sortedTokens.Length;

    public string this[int index] => sortedTokens[index];

    public int Find(string token)
    {
        var index = Array.BinarySearch(sortedTokens, token, StringComparer.Ordinal);
        return index >= 0 ? index : -1;
    }

    /// <summary>Tokens that start with <paramref name="prefix"/> and are longer than it, at most <paramref name="max"/>.</summary>
    public void WithPrefix(string prefix, int max, List<int> into)
    {
        var index = Array.BinarySearch(sortedTokens, prefix, StringComparer.Ordinal);
        index = index >= 0 ? index + 1 : ~index;
        for (; index < sortedTokens.Length && into.Count < max && sortedTokens[index].StartsWith(prefix, StringComparison.Ordinal); index++)
        {
            into.Add(index);
        }
    }

    /// <summary>Tokens within <paramref name="maxEdits"/> edits of <paramref name="term"/> (Damerau-Levenshtein, adjacent transpositions count once), excluding the term itself.</summary>
    public void Fuzzy(string term, int maxEdits, List<(int Token, int Edits)> into)
    {
        var n = term.Length;
        var maxDepth = n + maxEdits;
        var width = n + 1;
        var rows = new int[(maxDepth + 1) * width];
        for (var j = 0; j <= n; j++)
        {
            rows[j] = j;
        }

        string? rowsWord = null;
        var validDepth = 0;
        var i = 0;
        while (i < sortedTokens.Length)
        {
            var word = sortedTokens[i];
            var depth = rowsWord is null ? 0 : CommonPrefix(rowsWord, word, validDepth);
            var limit = Math.Min(word.Length, maxDepth);
            var pruned = false;
            while (depth < limit)
            {
                depth++;
                if (ComputeRow(rows, depth, word, term, maxEdits) > maxEdits)
                {
                    pruned = true;
                    break;
                }
            }

            rowsWord = word;
            if (pruned)
            {
                validDepth = depth - 1;
                i = SkipPrefix(i, word, depth);
                continue;
            }

            validDepth = depth;
            if (word.Length > maxDepth)
            {
                // Every later token under this prefix is longer still, so too far away.
                i = SkipPrefix(i, word, maxDepth);
                continue;
            }

            var edits = Math.Abs(word.Length - n) <= maxEdits ? rows[word.Length * width + n] : Infinity;
            if (edits > 0 && edits <= maxEdits)
            {
                into.Add((i, edits));
            }

            i++;
        }
    }

    private static int CommonPrefix(string a, string b, int max)
    {
        var limit = Math.Min(max, Math.Min(a.Length, b.Length));
        var i = 0;
        while (i < limit && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    /// <summary>Fills row <paramref name="depth"/> (the word's first depth characters against every term prefix) inside the diagonal band that can stay within maxEdits; returns the row's minimum.</summary>
    private static int ComputeRow(int[] rows, int depth, string word, string term, int maxEdits)
    {
        var n = term.Length;
        var width = n + 1;
        var current = depth * width;
        var previous = current - width;
        var lo = Math.Max(0, depth - maxEdits);
        var hi = Math.Min(n, depth + maxEdits);
        var previousLo = Math.Max(0, depth - 1 - maxEdits);
        var previousHi = Math.Min(n, depth - 1 + maxEdits);
        var c = word[depth - 1];
        var rowMin = Infinity;
        for (var j = lo; j <= hi; j++)
        {
            int value;
            if (j == 0)
            {
                value = depth;
            }
            else
            {
                var substitute = j - 1 >= previousLo && j - 1 <= previousHi ? rows[previous + j - 1] + (term[j - 1] == c ? 0 : 1) : Infinity;
                var delete = j >= previousLo && j <= previousHi ? rows[previous + j] + 1 : Infinity;
                var insert = j - 1 >= lo ? rows[current + j - 1] + 1 : Infinity;
                value = Math.Min(substitute, Math.Min(delete, insert));
                if (depth > 1 && j > 1 && c == term[j - 2] && word[depth - 2] == term[j - 1] && j - 2 >= depth - 2 - maxEdits && j - 2 <= depth - 2 + maxEdits)
                {
                    value = Math.Min(value, rows[previous - width + j - 2] + 1);
                }
            }

            rows[current + j] = value;
            rowMin = Math.Min(rowMin, value);
        }

        return rowMin;
    }

    /// <summary>The first index after <paramref name="index"/> whose token does not start with the word's first <paramref name="length"/> characters.</summary>
    private int SkipPrefix(int index, string word, int length)
    {
        // Galloping first: the subtree being skipped is usually small, so its end is near.
        var prefix = word.AsSpan(0, length);
        int lo = index + 1, step = 1;
        while (lo < sortedTokens.Length && sortedTokens[lo].AsSpan().StartsWith(prefix))
        {
            lo = index + 1 + step;
            step *= 2;
        }

        var hi = Math.Min(lo, sortedTokens.Length);
        lo = index + 1 + (step / 4);
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (sortedTokens[mid].AsSpan().StartsWith(prefix))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
