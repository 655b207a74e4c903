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
    public const int MaxLimit = Catalog.IToolFinder.MaxResults;

    // A short prefix can expand to many tokens; beyond this the remaining ones are ignored.
    private const int MaxPrefixExpansions = 1000;
    private const byte NoKey = 2;
    private const long MaxRank = (SearchText.MaxTerms + 1) * 3L * 4 * 64 * 16 * 64;

    // A query of several words is also tried with neighbouring words joined ("smol vlm" as "smolvlm"), up to this many words.
    private const int MaxJoinedWords = 4;

    private static readonly string[] FieldNames = ["name", "alias", "slug", "vendor", "category", "tagline"];

    private readonly long[] _ids;
    private readonly string[] _slugs;
    private readonly string[] _names;
    private readonly string[] _vendors;
    private readonly string[] _categories;
    private readonly string[] _taglines;
    private readonly string[] _gluedNames;
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
        _gluedNames = [.. names.Select(SearchText.Glue)];
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
        var tokenLookup = tokenIds.GetAlternateLookup<ReadOnlySpan<char>>();
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
            void Add(ReadOnlySpan<char> token, Field field)
            {
                if (!tokenLookup.TryGetValue(token, out var id))
                {
                    var text = token.ToString();
                    id = tokens.Count;
                    tokenIds.Add(text, id);
                    tokens.Add(text);
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

            // The whole name, alias or vendor without spaces or punctuation ("Hugging Face" as "huggingface").
            AddGlued(d.Name, Field.Name);
            foreach (var alias in d.Aliases)
            {
                AddGlued(alias, Field.Alias);
            }

            AddGlued(d.Vendor, Field.Vendor);
            void AddGlued(string text, Field field)
            {
                var glued = SearchText.Glue(text);
                if (glued.Length > 0)
                {
                    Add(glued, field);
                }
            }

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
    public SearchResult Search(string query, int limit)
    {
        var terms = SearchText.Terms(SearchText.Effective(query));
        if (terms.Count < 2 || terms.Count > MaxJoinedWords)
        {
            return Run(query, limit, lenient: false);
        }

        // Names written with spaces or without them find each other: every way of joining neighbouring
        // words is searched too, and a tool keeps its best rank among them.
        var variants = new List<string> { query };
        for (var i = 0; i + 1 < terms.Count; i++)
        {
            variants.Add(string.Join(' ', terms.Take(i).Append(terms[i] + terms[i + 1]).Concat(terms.Skip(i + 2))));
        }

        if (terms.Count > 2)
        {
            variants.Add(string.Concat(terms));
        }

        var best = new Dictionary<long, (SearchHit Hit, long Rank)>();
        var largest = 0;
        var corrected = true;
        foreach (var variant in variants)
        {
            var result = Run(variant, MaxLimit, lenient: false, out var ranks);
            for (var i = 0; i < result.Hits.Count; i++)
            {
                var hit = result.Hits[i];
                if (!best.TryGetValue(hit.ToolId, out var known) || ranks[i] < known.Rank)
                {
                    best[hit.ToolId] = (hit, ranks[i]);
                }
            }

            largest = Math.Max(largest, result.Total);
            if (result.Hits.Count > 0 && !result.Corrected)
            {
                corrected = false;
            }
        }

        // Exact while every variant's matches fit in the hits read; beyond that, the largest variant's count (a lower bound).
        // A rank ends with the tool's place in name order, so equal ranks cannot happen across variants.
        var hits = best.Values.OrderBy(h => h.Rank).Select(h => h.Hit).Take(Math.Clamp(limit, 0, MaxLimit)).ToList();
        return new SearchResult(SearchText.Effective(query), hits, Math.Max(best.Count, largest), hits.Count > 0 && corrected);
    }

    /// <summary>
    /// The tools nearest to a mistyped slug or name ("mistral-smal-3-1", "smolvlm-2b"): tools matching
    /// at least half of its parts, those matching more parts first.
    /// </summary>
    public IReadOnlyList<SearchHit> Suggest(string text, int limit) => Run(text, limit, lenient: true, out _).Hits;

    private SearchResult Run(string query, int limit, bool lenient) => Run(query, limit, lenient, out _);

    /// <param name="ranks">Each hit's rank (lower is better), comparable across queries on this index.</param>
    private SearchResult Run(string query, int limit, bool lenient, out long[] ranks)
    {
        ranks = [];
        query = SearchText.Effective(query);
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
            scratch.Start();
            return Run(scratch, query, terms, Math.Clamp(limit, 0, MaxLimit), lenient, out ranks);
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    private SearchResult Run(Scratch s, string query, List<string> terms, int limit, bool lenient, out long[] ranks)
    {
        ranks = [];
        var plans = terms.Select(Plan).ToArray();

        // Strict: intersect, cheapest term first, so the candidate set only shrinks; once it is small,
        // later terms look the candidates up in their postings instead of reading them all.
        var order = Enumerable.Range(0, terms.Count).ToArray();
        if (!lenient)
        {
            Array.Sort(order, (a, b) => plans[a].Cost.CompareTo(plans[b].Cost));
        }

        var epoch = s.NextEpoch();
        var candidates = s.Candidates;
        candidates.Clear();
        for (var step = 0; step < order.Length; step++)
        {
            var term = order[step];
            var plan = plans[term];
            if (!lenient && step > 0)
            {
                if (candidates.Count * plan.ProbeCostPerTool < plan.Cost)
                {
                    foreach (var doc in candidates)
                    {
                        if (Probe(plan, doc) is { } hit)
                        {
                            s.Docs[doc].Fold(hit, term);
                        }
                    }
                }
                else
                {
                    foreach (var (doc, hit) in Scan(plan, s))
                    {
                        ref var state = ref s.Docs[doc];
                        if (state.Stamp == epoch && state.Matched == step)
                        {
                            state.Fold(hit, term);
                        }
                    }
                }

                var matched = step + 1;
                candidates.RemoveAll(doc => s.Docs[doc].Matched != matched);
            }
            else
            {
                foreach (var (doc, hit) in Scan(plan, s))
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
        var gluedQuery = string.Concat(terms);

        var best = new PriorityQueue<int, long>(limit + 1, Comparer<long>.Create((a, b) => b.CompareTo(a)));
        foreach (var doc in candidates)
        {
            var rank = Rank(s.Docs[doc], terms.Count, doc, Closeness(doc, gluedQuery));
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
        ranks = new long[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            var (doc, rank) = top[i];
            ranks[i] = rank;
            var score = Math.Round(100.0 * (MaxRank - (rank >> 32)) / MaxRank, 2);
            hits[i] = new SearchHit(_ids[doc], _slugs[doc], _names[doc], _vendors[doc], _categories[doc], _taglines[doc], score, MatchedOn(s.Docs[doc]));
        }

        var corrected = top.Length > 0 && s.Docs[top[0].Doc].FuzzyTerms != 0;
        return new SearchResult(query, hits, candidates.Count, corrected);
    }

    /// <summary>Order: more terms matched (lenient only), the query is the name/alias/slug, or starts one; terms found in the name over vendor, category, tagline; fewer typos; fewer partial words; then name.</summary>
    private static long Rank(in DocState state, int termCount, int doc, int closeness)
    {
        var missing = termCount - state.Matched;
        long key = (missing * 3) + state.KeyTier;
        key = (key * 4) + FieldClass(state.WorstBest);
        key = (key * 64) + Math.Min((int)state.Edits, 63);
        key = (key * 16) + Math.Min((int)state.Partial, 15);
        key = (key * 64) + closeness;
        return (key << 32) | (uint)doc;
    }

    /// <summary>
    /// How far the tool's whole name is from the query, in edits of their letters and digits (at most 63):
    /// among equally good matches, "olama" puts Ollama before Llama 3.1 405B.
    /// </summary>
    private int Closeness(int doc, string gluedQuery) => SearchText.Distance(_gluedNames[doc], gluedQuery, 63);

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
        var normalized = Slug.From(query);
        if (normalized.Length == 0)
        {
            return;
        }

        // Keys are sorted, so those equal to the query come first and those starting with it follow.
        var first = LowerBound(normalized);
        var end = PrefixEnd(first, normalized);
        var candidates = s.Candidates;
        if (end - first <= 4L * candidates.Count)
        {
            var exactEnd = first;
            while (exactEnd < end && _keys[exactEnd].Length == normalized.Length)
            {
                exactEnd++;
            }

            for (var k = first; k < end; k++)
            {
                ref var state = ref s.Docs[_keyDocs[k]];
                if (state.Stamp == epoch)
                {
                    Mark(ref state, k < exactEnd ? (byte)0 : (byte)1, _keyFields[k]);
                }
            }

            return;
        }

        // Far more names start with the query than there are candidates: check the candidates' own names.
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

    /// <summary>The first key from <paramref name="first"/> on that does not start with <paramref name="prefix"/>.</summary>
    private int PrefixEnd(int first, string prefix)
    {
        int lo = first, hi = _keys.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (_keys[mid].StartsWith(prefix, StringComparison.Ordinal))
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

    /// <summary>The tokens one query word can match, and for a word mixing letters and digits ("gpt4o") those of each piece, all of which must match.</summary>
    private TermPlan Plan(string run)
    {
        var whole = Resolve(run);
        List<List<TokenMatch>>? pieces = null;
        var parts = SearchText.Pieces(run);
        if (parts.Count > 1)
        {
            pieces = parts.Select(Resolve).OrderBy(Postings).ToList();
            if (pieces[0].Count == 0)
            {
                pieces = null;
            }
        }

        // A scan reads the whole word's postings and the cheapest piece's; a probe binary-searches every token.
        var cost = Postings(whole) + (pieces is null ? 0 : Postings(pieces[0]));
        var probe = whole.Concat(pieces?.SelectMany(p => p) ?? []).Sum(m => 1L + BitOperations.Log2((uint)(_postingStart[m.Token + 1] - _postingStart[m.Token])));
        return new TermPlan(whole, pieces, cost, probe);
    }

    private long Postings(List<TokenMatch> matches) => matches.Sum(m => (long)(_postingStart[m.Token + 1] - _postingStart[m.Token]));

    private List<TokenMatch> Resolve(string token)
    {
        var matches = new List<TokenMatch>();
        var exact = _vocabulary.Find(token);
        if (exact >= 0)
        {
            matches.Add(new TokenMatch(exact, 0, 0));
        }

        var isNumber = SearchText.IsNumber(token);
        if (token.Length >= 3 && !isNumber)
        {
            var prefixed = new List<int>();
            _vocabulary.WithPrefix(token, MaxPrefixExpansions, prefixed);
            matches.AddRange(prefixed.Select(id => new TokenMatch(id, 0, 1)));
        }

        var maxEdits = isNumber ? 0 : token.Length switch { < 4 => 0, < 8 => 1, _ => 2 };
        if (maxEdits > 0)
        {
            var near = new List<(int Token, int Edits)>();
            _vocabulary.Fuzzy(token, maxEdits, near);
            matches.AddRange(near.Select(n => new TokenMatch(n.Token, (byte)n.Edits, 0)));
        }

        return matches;
    }

    /// <summary>Every tool the term matches, with its best match, by reading the postings.</summary>
    private List<(int Doc, TermHit Hit)> Scan(TermPlan plan, Scratch s)
    {
        var epoch = s.NextEpoch();
        var docs = s.Touched;
        docs.Clear();
        foreach (var match in plan.Whole)
        {
            for (var p = _postingStart[match.Token]; p < _postingStart[match.Token + 1]; p++)
            {
                s.AddHit(epoch, docs, _postingDocs[p], Hit(match, _postingFields[p]));
            }
        }

        if (plan.Pieces is { } pieces)
        {
            foreach (var match in pieces[0])
            {
                for (var p = _postingStart[match.Token]; p < _postingStart[match.Token + 1]; p++)
                {
                    if (ProbePieces(pieces, _postingDocs[p]) is { } hit)
                    {
                        s.AddHit(epoch, docs, _postingDocs[p], hit);
                    }
                }
            }
        }

        var hits = s.Hits;
        hits.Clear();
        foreach (var doc in docs)
        {
            hits.Add((doc, s.TermHits[doc]));
        }

        return hits;
    }

    /// <summary>How the term matches one tool, if it does, by looking the tool up in each token's postings.</summary>
    private TermHit? Probe(TermPlan plan, int doc)
    {
        TermHit? best = null;
        foreach (var match in plan.Whole)
        {
            if (FieldsOf(match.Token, doc) is var fields and > 0)
            {
                var hit = Hit(match, fields);
                best = best is { } b ? TermHit.Better(b, hit) : hit;
            }
        }

        if (plan.Pieces is { } pieces && ProbePieces(pieces, doc) is { } piecesHit)
        {
            best = best is { } b ? TermHit.Better(b, piecesHit) : piecesHit;
        }

        return best;
    }

    private TermHit? ProbePieces(List<List<TokenMatch>> pieces, int doc)
    {
        TermHit? all = null;
        foreach (var piece in pieces)
        {
            TermHit? best = null;
            foreach (var match in piece)
            {
                if (FieldsOf(match.Token, doc) is var fields and > 0)
                {
                    var hit = Hit(match, fields);
                    best = best is { } b ? TermHit.Better(b, hit) : hit;
                }
            }

            if (best is not { } found)
            {
                return null;
            }

            all = all is { } before ? TermHit.Both(before, found) : found;
        }

        return all is { } a ? a with { Kind = Math.Max(a.Kind, (byte)1) } : null;
    }

    /// <summary>The fields the token occurs in for this tool; 0 when it does not.</summary>
    private byte FieldsOf(int token, int doc)
    {
        var start = _postingStart[token];
        var at = Array.BinarySearch(_postingDocs, start, _postingStart[token + 1] - start, doc);
        return at >= 0 ? _postingFields[at] : (byte)0;
    }

    private static TermHit Hit(TokenMatch match, byte fields) =>
        new(match.Edits, match.Kind, fields, (byte)BitOperations.TrailingZeroCount(fields));

    /// <summary>A token a query word matches: with how many typos, and 0 for the word itself or a typo of it, 1 for a longer word it starts.</summary>
    private readonly record struct TokenMatch(int Token, byte Edits, byte Kind);

    private sealed record TermPlan(List<TokenMatch> Whole, List<List<TokenMatch>>? Pieces, long Cost, long ProbeCostPerTool);

    /// <summary>How one term matched one tool: typos, 0 for the whole word or 1 for a prefix/pieces, the fields it was found in, the best of them.</summary>
    private readonly record struct TermHit(byte Edits, byte Kind, byte Fields, byte BestField)
    {
        /// <summary>The hit that ranks the tool higher (field class first, as in <see cref="Rank"/>), remembering every field either was found in.</summary>
        public static TermHit Better(TermHit a, TermHit b)
        {
            var best = a.Quality <= b.Quality ? a : b;
            return best with { Fields = (byte)(a.Fields | b.Fields) };
        }

        private int Quality => (FieldClass(BestField) << 16) | (Edits << 8) | Kind;

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
        private int _epoch;

        public TermHit[] TermHits { get; } = new TermHit[size];

        public DocState[] Docs { get; } = new DocState[size];

        public List<int> Candidates { get; } = [];

        public List<int> Touched { get; } = [];

        public List<(int Doc, TermHit Hit)> Hits { get; } = [];

        /// <summary>Called once per search, before any <see cref="NextEpoch"/>: stamps are reset only between searches.</summary>
        public void Start()
        {
            if (_epoch > int.MaxValue - 1000)
            {
                Array.Clear(_termStamp);
                Array.Clear(Docs);
                _epoch = 0;
            }
        }

        public int NextEpoch() => ++_epoch;

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
