using Shipwise.Search;

namespace Shipwise.Tests.Search;

public class SearchIndexTests
{
    [Theory]
    [InlineData("Qwen2.5-VL", "qwen2|5|vl")]
    [InlineData("  llama.cpp  ", "llama|cpp")]
    [InlineData("Café Crème", "cafe|creme")]
    [InlineData("a b a c", "a|b|c")]
    [InlineData("one two three four five six seven eight nine", "one|two|three|four|five|six|seven|eight")]
    [InlineData(" -- ", "")]
    public void Queries_split_into_at_most_eight_distinct_lower_case_terms(string query, string expected)
    {
        Assert.Equal(expected, string.Join('|', SearchText.Terms(query)));
    }

    [Fact]
    public void Tokens_are_split_at_letter_digit_boundaries_and_names_also_join_their_words()
    {
        var name = new List<string>();
        SearchText.AddTokens("SmolVLM2 llama.cpp GPT-4o", joinWords: true, t => name.Add(t.ToString()));
        Assert.Equal(["smolvlm2", "smolvlm", "2", "llama", "cpp", "llamacpp", "gpt", "4o", "4", "o", "gpt4o"], name);

        var tagline = new List<string>();
        SearchText.AddTokens("llama.cpp-style", joinWords: false, t => tagline.Add(t.ToString()));
        Assert.Equal(["llama", "cpp", "style"], tagline);
    }

    [Fact]
    public void The_typo_lookup_finds_exactly_what_a_brute_force_edit_distance_finds()
    {
        var random = new Random(42);
        string Word(int maxLength) => new(Enumerable.Range(0, 1 + random.Next(maxLength)).Select(_ => "abcde"[random.Next(5)]).ToArray());
        var words = Enumerable.Range(0, 3000).Select(_ => Word(9)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var vocabulary = new TokenVocabulary(words);
        for (var q = 0; q < 300; q++)
        {
            var term = Word(10);
            foreach (var maxEdits in new[] { 1, 2 })
            {
                var found = new List<(int Token, int Edits)>();
                vocabulary.Fuzzy(term, maxEdits, found);
                var expected = words.Select((w, i) => (Token: i, Edits: Distance(term, w))).Where(x => x.Edits > 0 && x.Edits <= maxEdits).ToList();
                Assert.Equal(expected, found);
            }
        }
    }

    [Fact]
    public void Transpositions_count_as_one_edit()
    {
        var vocabulary = new TokenVocabulary(["llama", "mistral", "smolvlm"]);
        var found = new List<(int Token, int Edits)>();
        vocabulary.Fuzzy("smolvml", 1, found);
        vocabulary.Fuzzy("lama", 1, found);
        vocabulary.Fuzzy("mistarl", 1, found);
        Assert.Equal([(2, 1), (0, 1), (1, 1)], found);
    }

    [Fact]
    public void An_index_fed_rows_directly_searches_them()
    {
        var index = SearchIndex.Build(
        [
            new SearchDocument(7, "acme-vision-2", "Acme Vision 2", "Acme Labs", "vision-language-models", "Reads charts.", ["AcmeVis"]),
            new SearchDocument(3, "acme-chat", "Acme Chat", "Acme Labs", "language-models", "Talks about vision.", []),
        ]);
        Assert.Equal(2, index.ToolCount);
        var result = index.Search("acme vison", 10);
        Assert.Equal([7L, 3L], result.Hits.Select(h => h.ToolId));
        Assert.Equal(["name", "tagline"], result.Hits.Select(h => h.MatchedOn));
        Assert.True(result.Corrected);
        Assert.Equal("alias", index.Search("acmevis", 10).Hits.Single().MatchedOn);
        Assert.Equal(7L, index.Suggest("acme-vision-3", 1).Single().ToolId);
        Assert.Empty(SearchIndex.Empty.Search("acme", 10).Hits);
        Assert.Empty(index.Search("acme", 0).Hits);
        Assert.Equal(2, index.Search("acme", 0).Total);
    }

    /// <summary>Optimal string alignment distance, the textbook way.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
