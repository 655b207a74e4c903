using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using Shipwise.Core.Catalog;

namespace Shipwise.Search;

/// <summary>
/// An immutable in-memory index of the catalog's searchable fields: token → postings (tool and the
/// fields the token occurs in), a sorted vocabulary for prefix and typo lookup, and the tools' names,
/// slugs and aliases in slug form for "the query is this tool's name" ranking. Built from rows, so
/// it can be fed from the database or directly (benchmarks). Safe for concurrent searches.
/// </summary>
public sealed class SearchIndex
{
    public const int MaxLimit = 200;

    // A short prefix can expand to many tokens; beyond this the remaining ones are ignored.
    private const int MaxPrefixExpansions = 1000;
    private const byte NoKey = 2;
    private const long MaxRank = (SearchText.MaxTerms + 1) * 3L * 4 * 64 * 16;

    private static readonly string[] FieldNames = ["name", "alias", "slug", "vendor", "category", "tagline"];

    private readonly long[] _ids;
    private readonly string[] _slugs;
    private readonly string[] _names;
    private readonly string[] _vendors;
    private readonly string[] _categories;
    private readonly string[] _taglines;
    private readonly TokenVocabulary _vocabulary;
    private readonly int[] _postingStart;
    private readonly int[] _postingDocs;
    private readonly byte[] _postingFields;
    private readonly string[] _keys;
    private readonly int[] _keyDocs;
    private readonly byte[] _keyFields;
    private readonly int[] _docKeyStart;
    private readonly int[] _docKeys;
    private readonly ConcurrentBag<Scratch> _scratch = [];

    private SearchIndex(
        long[] ids, string[] slugs, string[] names, string[] vendors, string[] categories, string[] taglines,
        TokenVocabulary vocabulary, int[] postingStart, int[] postingDocs, byte[] postingFields,
        string[] keys, int[] keyDocs, byte[] keyFields, int[] docKeyStart, int[] docKeys)
    {
        _ids = ids;
        _slugs = slugs;
        _names = names;
        _vendors = vendors;
        _categories = categories;
        _taglines = taglines;
        _vocabulary = vocabulary;
        _postingStart = postingStart;
        _postingDocs = postingDocs;
        _postingFields = postingFields;
        _keys = keys;
        _keyDocs = keyDocs;
        _keyFields = keyFields;
        _docKeyStart = docKeyStart;
        _docKeys = docKeys;
    }

    public static SearchIndex Empty { get; } = Build([]);

    public int ToolCount => _ids.Length;

    public int TokenCount => _vocabulary.Count;

    public int PostingCount => _postingDocs.Length;

    private enum Field : byte
    {
        Name,
        Alias,
        Slug,
        Vendor,
        Category,
        Tagline,
    }

    public static SearchIndex Build(IEnumerable<SearchDocument> documents)
    {
        // Tools are numbered in name order, so "ties by name" is a comparison of numbers.
        var docs = documents.ToList();
        docs.Sort((a, b) =>
        {
            var byName = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
            byName = byName != 0 ? byName : string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : a.Id.CompareTo(b.Id);
        });

        var tokenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokens = new List<string>();
        var postTokens = new List<int>(docs.Count * 24);
        var postDocs = new List<int>(docs.Count * 24);
        var postFields = new List<byte>(docs.Count * 24);
        var keys = new List<(string Key, int Doc, byte Field)>(docs.Count * 3);
        var docTokens = new Dictionary<int, byte>();

        for (var doc = 0; doc < docs.Count; doc++)
        {
            var d = docs[doc];
            docTokens.Clear();
            void Add(string token, Field field)
            {
                if (!tokenIds.TryGetValue(token, out var id))
                {
                    id = tokens.Count;
                    tokenIds.Add(token, id);
                    tokens.Add(token);
                }

                CollectionsMarshal.GetValueRefOrAddDefault(docTokens, id, out _) |= (byte)(1 << (int)field);
            }

            SearchText.AddTokens(d.Name, joinWords: true, t => Add(t, Field.Name));
            SearchText.AddTokens(d.Slug, joinWords: true, t => Add(t, Field.Slug));
            foreach (var alias in d.Aliases)
            {
                SearchText.AddTokens(alias, joinWords: true, t => Add(t, Field.Alias));
            }

            SearchText.AddTokens(d.Vendor, joinWords: false, t => Add(t, Field.Vendor));
            SearchText.AddTokens(d.Category, joinWords: false, t => Add(t, Field.Category));
            SearchText.AddTokens(d.Tagline, joinWords: false, t => Add(t, Field.Tagline));
            foreach (var (id, fields) in docTokens)
            {
                postTokens.Add(id);
                postDocs.Add(doc);
                postFields.Add(fields);
            }

            void AddKey(string text, Field field)
            {
                var key = Slug.From(text);
                if (key.Length > 0)
                {
                    keys.Add((key, doc, (byte)field));
                }
            }

            AddKey(d.Name, Field.Name);
            AddKey(d.Slug, Field.Slug);
            foreach (var alias in d.Aliases)
            {
                AddKey(alias, Field.Alias);
            }
        }

        // Number tokens in ordinal order and lay the postings out token by token (a counting sort;
        // stable, so each token's postings stay in tool order).
        var byText = Enumerable.Range(0, tokens.Count).ToArray();
        Array.Sort(byText, (a, b) => string.CompareOrdinal(tokens[a], tokens[b]));
        var sortedTokens = new string[tokens.Count];
        var rank = new int[tokens.Count];
        for (var i = 0; i < byText.Length; i++)
        {
            sortedTokens[i] = tokens[byText[i]];
            rank[byText[i]] = i;
        }

        var postingStart = new int[tokens.Count + 1];
        foreach (var token in postTokens)
        {
            postingStart[rank[token] + 1]++;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            postingStart[i + 1] += postingStart[i];
        }

        var next = postingStart[..^1];
        var postingDocs = new int[postDocs.Count];
        var postingFields = new byte[postDocs.Count];
        for (var i = 0; i < postTokens.Count; i++)
        {
            var at = next[rank[postTokens[i]]]++;
            postingDocs[at] = postDocs[i];
            postingFields[at] = postFields[i];
        }

        keys.Sort((a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : a.Doc != b.Doc ? a.Doc.CompareTo(b.Doc) : a.Field.CompareTo(b.Field);
        });
        var docKeyStart = new int[docs.Count + 1];
        foreach (var key in keys)
        {
            docKeyStart[key.Doc + 1]++;
        }

        for (var i = 0; i < docs.Count; i++)
        {
            docKeyStart[i + 1] += docKeyStart[i];
        }

        var docKeys = new int[keys.Count];
        var keyNext = docKeyStart[..^1];
        for (var i = 0; i < keys.Count; i++)
        {
            docKeys[keyNext[keys[i].Doc]++] = i;
        }

        return new SearchIndex(
            docs.Select(d => d.Id).ToArray(),
            docs.Select(d => d.Slug).ToArray(),
            docs.Select(d => d.Name).ToArray(),
            docs.Select(d => d.Vendor).ToArray(),
            docs.Select(d => d.Category).ToArray(),
            docs.Select(d => d.Tagline).ToArray(),
            new TokenVocabulary(sortedTokens),
            postingStart,
            postingDocs,
            postingFields,
            keys.Select(k => k.Key).ToArray(),
            keys.Select(k => k.Doc).ToArray(),
            keys.Select(k => k.Field).ToArray(),
            docKeyStart,
            docKeys);
    }

    /// <summary>Tools matching every term of the query (each exactly, as a prefix, or within a few typos), best first.</summary>
    public SearchResult Search(string query, int limit) => Run(query, limit, lenient: false);

    /// <summary>
    /// The tools nearest to a mistyped slug or name ("mistral-smal-3-1", "smolvlm-2b"): tools matching
    /// at least half of its parts, those matching more parts first.
    /// </summary>
    public IReadOnlyList<SearchHit> Suggest(string text, int limit) => Run(text, limit, lenient: true).Hits;

    private SearchResult Run(string query, int limit, bool lenient)
    {
        query ??= "";
        var terms = SearchText.Terms(query);
        if (terms.Count == 0 || _ids.Length == 0)
        {
            return SearchResult.Empty(query);
        }

        if (!_scratch.TryTake(out var scratch))
        {
            scratch = new Scratch(_ids.Length);
        }

        try
        {
            return Run(scratch, query, terms, Math.Clamp(limit, 0, MaxLimit), lenient);
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    private SearchResult Run(Scratch s, string query, List<string> terms, int limit, bool lenient)
    {
        var lists = new List<(int Doc, TermHit Hit)>[terms.Count];
        for (var t = 0; t < terms.Count; t++)
        {
            lists[t] = s.TermList(t);
            CollectTerm(terms[t], s, lists[t]);
        }

        // Strict: intersect, rarest term first, so the candidate set only shrinks.
        var order = Enumerable.Range(0, terms.Count).ToArray();
        if (!lenient)
        {
            Array.Sort(order, (a, b) => lists[a].Count.CompareTo(lists[b].Count));
        }

        var epoch = s.NextEpoch();
        var candidates = s.Candidates;
        candidates.Clear();
        for (var step = 0; step < order.Length; step++)
        {
            var term = order[step];
            if (!lenient && step > 0)
            {
                foreach (var (doc, hit) in lists[term])
                {
                    ref var state = ref s.Docs[doc];
                    if (state.Stamp == epoch && state.Matched == step)
                    {
                        state.Fold(hit, term);
                    }
                }

                candidates.RemoveAll(doc => s.Docs[doc].Matched != step + 1);
            }
            else
            {
                foreach (var (doc, hit) in lists[term])
                {
                    ref var state = ref s.Docs[doc];
                    if (state.Stamp != epoch)
                    {
                        state = new DocState { Stamp = epoch, Cover = 0xFF, KeyTier = NoKey };
                        candidates.Add(doc);
                    }

                    state.Fold(hit, term);
                }
            }

            if (candidates.Count == 0)
            {
                return SearchResult.Empty(query);
            }
        }

        if (lenient)
        {
            candidates.RemoveAll(doc => s.Docs[doc].Matched * 2 < terms.Count);
        }

        MarkNameMatches(s, epoch, query);

        var best = new PriorityQueue<int, long>(limit + 1, Comparer<long>.Create((a, b) => b.CompareTo(a)));
        foreach (var doc in candidates)
        {
            var rank = Rank(s.Docs[doc], terms.Count, doc);
            if (best.Count < limit)
            {
                best.Enqueue(doc, rank);
            }
            else if (limit > 0 && best.TryPeek(out _, out var worst) && rank < worst)
            {
                best.DequeueEnqueue(doc, rank);
            }
        }

        var top = new (int Doc, long Rank)[best.Count];
        for (var i = top.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out var doc, out var rank);
            top[i] = (doc, rank);
        }

        var hits = new SearchHit[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            var (doc, rank) = top[i];
            var score = Math.Round(100.0 * (MaxRank - (rank >> 32)) / MaxRank, 2);
            hits[i] = new SearchHit(_ids[doc], _slugs[doc], _names[doc], _vendors[doc], _categories[doc], _taglines[doc], score, MatchedOn(s.Docs[doc]));
        }

        var corrected = top.Length > 0 && s.Docs[top[0].Doc].FuzzyTerms != 0;
        return new SearchResult(query, hits, candidates.Count, corrected);
    }

    /// <summary>Order: more terms matched (lenient only), the query is the name/alias/slug, or starts one; terms found in the name over vendor, category, tagline; fewer typos; fewer partial words; then name.</summary>
    private static long Rank(in DocState state, int termCount, int doc)
    {
        var missing = termCount - state.Matched;
        long key = (missing * 3) + state.KeyTier;
        key = (key * 4) + FieldClass(state.WorstBest);
        key = (key * 64) + Math.Min((int)state.Edits, 63);
        key = (key * 16) + Math.Min((int)state.Partial, 15);
        return (key << 32) | (uint)doc;
    }

    /// <summary>Name, alias and slug are one class: a term found in any of them is "in the name".</summary>
    private static int FieldClass(byte field) => field switch
    {
        (byte)Field.Name or (byte)Field.Alias or (byte)Field.Slug => 0,
        (byte)Field.Vendor => 1,
        (byte)Field.Category => 2,
        _ => 3,
    };

    private static string MatchedOn(in DocState state) =>
        state.KeyTier != NoKey ? FieldNames[state.KeyField]
        : state.Cover != 0 ? FieldNames[BitOperations.TrailingZeroCount(state.Cover)]
        : FieldNames[state.WorstBest];

    /// <summary>Marks candidates whose name, slug or an alias equals the query (tier 0) or starts with it (tier 1), compared in slug form.</summary>
    private void MarkNameMatches(Scratch s, int epoch, string query)
    {
        var trimmed = query.Trim();
        var normalized = Slug.From(trimmed.Length > SearchText.MaxQueryLength ? trimmed[..SearchText.MaxQueryLength] : trimmed);
        if (normalized.Length == 0)
        {
            return;
        }

        var first = LowerBound(normalized);
        var end = first;
        var candidates = s.Candidates;
        while (end < _keys.Length && end - first <= candidates.Count && _keys[end].StartsWith(normalized, StringComparison.Ordinal))
        {
            end++;
        }

        if (end - first <= candidates.Count)
        {
            for (var k = first; k < end; k++)
            {
                ref var state = ref s.Docs[_keyDocs[k]];
                if (state.Stamp == epoch && state.Matched > 0)
                {
                    Mark(ref state, _keys[k].Length == normalized.Length ? (byte)0 : (byte)1, _keyFields[k]);
                }
            }

            return;
        }

        // More names start with the query than there are candidates: check the candidates' names instead.
        foreach (var doc in candidates)
        {
            ref var state = ref s.Docs[doc];
            for (var k = _docKeyStart[doc]; k < _docKeyStart[doc + 1]; k++)
            {
                var key = _keys[_docKeys[k]];
                if (key.StartsWith(normalized, StringComparison.Ordinal))
                {
                    Mark(ref state, key.Length == normalized.Length ? (byte)0 : (byte)1, _keyFields[_docKeys[k]]);
                }
            }
        }

        static void Mark(ref DocState state, byte tier, byte field)
        {
            if (tier < state.KeyTier || (tier == state.KeyTier && field < state.KeyField))
            {
                state.KeyTier = tier;
                state.KeyField = field;
            }
        }
    }

    private int LowerBound(string key)
    {
        int lo = 0, hi = _keys.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (string.CompareOrdinal(_keys[mid], key) < 0)
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

    /// <summary>Every tool one query term matches, with its best match: the whole run, or all its letter/digit pieces ("gpt4o" as "gpt" + "4o").</summary>
    private void CollectTerm(string run, Scratch s, List<(int Doc, TermHit Hit)> into)
    {
        into.Clear();
        var pieces = SearchText.Pieces(run);
        var pieceHits = pieces.Count > 1 ? IntersectPieces(pieces, s) : null;

        var epoch = s.NextEpoch();
        var docs = s.Touched;
        docs.Clear();
        CollectToken(run, s, epoch, docs);
        foreach (var (doc, hit) in pieceHits ?? [])
        {
            s.AddHit(epoch, docs, doc, hit with { Kind = Math.Max(hit.Kind, (byte)1) });
        }

        foreach (var doc in docs)
        {
            into.Add((doc, s.TermHits[doc]));
        }
    }

    private Dictionary<int, TermHit> IntersectPieces(List<string> pieces, Scratch s)
    {
        Dictionary<int, TermHit>? all = null;
        var docs = new List<int>();
        foreach (var piece in pieces)
        {
            var epoch = s.NextEpoch();
            docs.Clear();
            CollectToken(piece, s, epoch, docs);
            var next = new Dictionary<int, TermHit>(all is null ? docs.Count : Math.Min(all.Count, docs.Count));
            foreach (var doc in docs)
            {
                if (all is null)
                {
                    next[doc] = s.TermHits[doc];
                }
                else if (all.TryGetValue(doc, out var before))
                {
                    next[doc] = TermHit.Both(before, s.TermHits[doc]);
                }
            }

            all = next;
            if (all.Count == 0)
            {
                break;
            }
        }

        return all ?? [];
    }

    private void CollectToken(string token, Scratch s, int epoch, List<int> docs)
    {
        var exact = _vocabulary.Find(token);
        if (exact >= 0)
        {
            AddPostings(s, epoch, docs, exact, edits: 0, kind: 0);
        }

        var isNumber = SearchText.IsNumber(token);
        if (token.Length >= 3 && !isNumber)
        {
            s.Tokens.Clear();
            _vocabulary.WithPrefix(token, MaxPrefixExpansions, s.Tokens);
            foreach (var id in s.Tokens)
            {
                AddPostings(s, epoch, docs, id, edits: 0, kind: 1);
            }
        }

        var maxEdits = isNumber ? 0 : token.Length switch { < 4 => 0, < 8 => 1, _ => 2 };
        if (maxEdits > 0)
        {
            s.Fuzzy.Clear();
            _vocabulary.Fuzzy(token, maxEdits, s.Fuzzy);
            foreach (var (id, edits) in s.Fuzzy)
            {
                AddPostings(s, epoch, docs, id, (byte)edits, kind: 0);
            }
        }
    }

    private void AddPostings(Scratch s, int epoch, List<int> docs, int token, byte edits, byte kind)
    {
        for (var p = _postingStart[token]; p < _postingStart[token + 1]; p++)
        {
            var fields = _postingFields[p];
            s.AddHit(epoch, docs, _postingDocs[p], new TermHit(edits, kind, fields, (byte)BitOperations.TrailingZeroCount(fields)));
        }
    }

    /// <summary>How one term matched one tool: typos, 0 for the whole word or 1 for a prefix/pieces, the fields it was found in, the best of them.</summary>
    private readonly record struct TermHit(byte Edits, byte Kind, byte Fields, byte BestField)
    {
        /// <summary>The hit that ranks the tool higher (field class first, as in <see cref="Rank"/>), remembering every field either was found in.</summary>
        public static TermHit Better(TermHit a, TermHit b)
        {
            var best = (FieldClass(a.BestField), a.Edits, a.Kind).CompareTo((FieldClass(b.BestField), b.Edits, b.Kind)) <= 0 ? a : b;
            return best with { Fields = (byte)(a.Fields | b.Fields) };
        }

        /// <summary>Two pieces of one run, both required.</summary>
        public static TermHit Both(TermHit a, TermHit b) =>
            new((byte)Math.Min(255, a.Edits + b.Edits), Math.Max(a.Kind, b.Kind), (byte)(a.Fields & b.Fields), Math.Max(a.BestField, b.BestField));
    }

    /// <summary>What the terms matched so far say about one tool during one query.</summary>
    private struct DocState
    {
        public int Stamp;
        public byte Matched;
        public byte Edits;
        public byte Partial;
        public byte WorstBest;
        public byte Cover;
        public byte FuzzyTerms;
        public byte KeyTier;
        public byte KeyField;

        public void Fold(TermHit hit, int term)
        {
            Matched++;
            Edits = (byte)Math.Min(255, Edits + hit.Edits);
            Partial += hit.Kind;
            WorstBest = Math.Max(WorstBest, hit.BestField);
            Cover &= hit.Fields;
            if (hit.Edits > 0)
            {
                FuzzyTerms |= (byte)(1 << term);
            }
        }
    }

    /// <summary>Per-search working memory sized to the catalog, reused across searches (one per concurrent search).</summary>
    private sealed class Scratch(int size)
    {
        private readonly int[] _termStamp = new int[size];
        private readonly List<(int, TermHit)>[] _termLists = new List<(int, TermHit)>[SearchText.MaxTerms];
        private int _epoch;

        public TermHit[] TermHits { get; } = new TermHit[size];

        public DocState[] Docs { get; } = new DocState[size];

        public List<int> Candidates { get; } = [];

        public List<int> Touched { get; } = [];

        public List<int> Tokens { get; } = [];

        public List<(int Token, int Edits)> Fuzzy { get; } = [];

        public List<(int Doc, TermHit Hit)> TermList(int term) => _termLists[term] ??= [];

        public int NextEpoch()
        {
            if (_epoch == int.MaxValue)
            {
                Array.Clear(_termStamp);
                Array.Clear(Docs);
                _epoch = 0;
            }

            return ++_epoch;
        }

        public void AddHit(int epoch, List<int> docs, int doc, TermHit hit)
        {
            if (_termStamp[doc] != epoch)
            {
                _termStamp[doc] = epoch;
                TermHits[doc] = hit;
                docs.Add(doc);
            }
            else
            {
                TermHits[doc] = TermHit.Better(TermHits[doc], hit);
            }
        }
    }
}
