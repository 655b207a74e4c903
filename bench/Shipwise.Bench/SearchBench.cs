using System.Diagnostics;
using System.Text.Json;
using Shipwise.Catalog;
using Shipwise.Core.Catalog;
using Shipwise.Search;

namespace Shipwise.Bench;

/// <summary>
/// The search index without a database: built from TOOLS generated rows plus the demo catalog,
/// then timed over typo queries. Two catalogs: the import benchmark's synthetic tools ("Synthetic
/// Tool 123", a tiny vocabulary plus 100k numbers) and one with made-up names, vendors and
/// taglines, whose vocabulary is as large as a real catalog's, which is what typo lookup pays for.
/// </summary>
public static class SearchBench
{
    private static readonly string[] DemoQueries =
    [
        "mistal small", "lama cpp", "smolvlm", "qwen vl", "gemni flash", "claude sonet", "deepsek v3", "ollma",
        "pixtrall", "text generaton inference", "SmolVLM2-2B", "gpt4o mini", "mistral", "vision language models",
    ];

    public static int Run(int tools, string demoCatalogPath)
    {
        var demo = BenchCatalog.ReadTools(demoCatalogPath);
        var asOf = new DateOnly(2026, 11, 1);

        // Other work on the machine shows in p99 and max; the load average says how much there was.
        var load = File.Exists("/proc/loadavg") ? $", load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}" : "";
        Console.WriteLine($"Search index, {tools:N0} generated tools + {demo.Count} demo tools, {Environment.ProcessorCount} cores{load}, one query at a time");
        Console.WriteLine();
        Console.WriteLine("| catalog | build (wall, CPU) | index memory | tokens | postings | queries | p50 | p99 | max | mean top-10 hits |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");

        var synthetic = Enumerable.Range(0, tools).Select(i => Row(i + 1000, SyntheticCatalog.Create(i, tools, asOf)));
        var syntheticQueries = DemoQueries.Concat(["synthetc tool 4242", "vendr 12", "synthetic-tool-012345", "legacy", "load testing modle", "synthetic"]);
        Measure("synthetic (bench generate)", synthetic, demo, syntheticQueries.ToList(), _ => { });

        var varied = new VariedCatalog(tools);
        var variedRows = Enumerable.Range(0, tools).Select(varied.Row).ToList();
        Measure("made-up names and words", variedRows, demo, [.. DemoQueries, .. varied.TypoQueries(300)], index =>
        {
            // At scale the demo tools must still come first for their typos.
            foreach (var (query, slug) in new[] { ("mistal small", "mistral-small-3"), ("lama cpp", "llama-cpp"), ("smolvlm", "smolvlm2"), ("qwen vl", "qwen2-vl") })
            {
                var top = index.Search(query, 10).Hits.FirstOrDefault()?.Slug;
                Console.Error.WriteLine($"  '{query}' -> {top}{(top == slug ? "" : $"  (expected {slug})")}");
            }
        });
        return 0;
    }

    private static SearchDocument Row(long id, Tool tool) =>
        new(id, tool.Slug, tool.Name, tool.Vendor.Name, tool.Category, tool.Tagline, ToolRow.AliasesOf(tool));

    private static void Measure(string label, IEnumerable<SearchDocument> generated, IReadOnlyList<Tool> demo, List<string> queries, Action<SearchIndex> check)
    {
        var rows = generated.Concat(demo.Select((t, i) => Row(i + 1, t))).ToList();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var index = SearchIndex.Build(rows);
        var build = watch.Elapsed;
        var buildCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        index.Search("warm up", 10);
        var memory = GC.GetTotalMemory(forceFullCollection: true) - before;
        check(index);

        foreach (var query in queries)
        {
            index.Search(query, 10);
        }

        const int Rounds = 20;
        var samples = new List<double>(queries.Count * Rounds);
        var slowest = new Dictionary<string, double>();
        long hits = 0;
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var query in queries)
            {
                var start = Stopwatch.GetTimestamp();
                var result = index.Search(query, 10);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                samples.Add(ms);
                slowest[query] = Math.Min(ms, slowest.GetValueOrDefault(query, double.MaxValue));
                hits += result.Hits.Count;
            }
        }

        Console.Error.WriteLine($"  slowest, best of {Rounds} ({label}): " + string.Join(", ", slowest.OrderByDescending(q => q.Value).Take(5).Select(q => $"'{q.Key}' {q.Value:0.00} ms")));

        samples.Sort();
        double Percentile(double p) => samples[Math.Min(samples.Count - 1, (int)(p * samples.Count))];
        Console.WriteLine(
            $"| {label} | {build.TotalMilliseconds:N0} ms ({buildCpu.TotalMilliseconds:N0} ms CPU) | {memory / 1_048_576.0:0} MiB | {index.TokenCount:N0} | {index.PostingCount:N0} | {queries.Count} x {Rounds} | " +
            $"{Percentile(0.50):0.000} ms | {Percentile(0.99):0.000} ms | {samples[^1]:0.000} ms | {(double)hits / samples.Count:0.0} |");
        GC.KeepAlive(rows);
    }

    /// <summary>Tools with pronounceable made-up names ("Velora Kinto 7B"), vendors and taglines from a 20,000-word lexicon.</summary>
    private sealed class VariedCatalog
    {
        private static readonly string[] Syllables =
        [
            "ka", "lo", "mi", "ra", "ven", "to", "qu", "zen", "ar", "el", "on", "ix", "sa", "no", "ri", "tal", "mo", "de", "fi", "gra",
            "pe", "lu", "cor", "vi", "na", "bri", "so", "um", "ta", "le", "dra", "ki", "ne", "os", "ha", "wi", "ju", "ple", "sto", "ma",
        ];

        private static readonly string[] Categories = Taxonomy.Categories.Select(c => c.Slug).ToArray();

        private readonly string[] _lexicon;
        private readonly string[] _vendors;
        private readonly List<SearchDocument> _made = [];

        public VariedCatalog(int tools)
        {
            var random = new Random(11);
            string Word(int min, int max) => string.Concat(Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => Syllables[random.Next(Syllables.Length)]));
            _lexicon = Enumerable.Range(0, 20_000).Select(_ => Word(2, 4)).Distinct().ToArray();
            _vendors = Enumerable.Range(0, Math.Max(10, tools / 50)).Select(_ => Capital(Word(2, 3)) + (random.Next(3) == 0 ? " Labs" : " AI")).ToArray();
        }

        public SearchDocument Row(int i)
        {
            var random = new Random(i * 31 + 5);
            string Pick() => _lexicon[random.Next(_lexicon.Length)];
            var name = $"{Capital(Pick())} {Capital(Pick())}" + (random.Next(2) == 0 ? $" {random.Next(1, 100)}B" : $" {random.Next(1, 5)}.{random.Next(10)}");
            var slug = Slug.From(name) + "-" + i;
            var tagline = string.Join(' ', Enumerable.Range(0, 10 + random.Next(8)).Select(_ => Pick())) + ".";
            var row = new SearchDocument(1000 + i, slug, name, _vendors[random.Next(_vendors.Length)], Categories[random.Next(Categories.Length)], tagline,
                random.Next(3) == 0 ? [Slug.From(name + " instruct")] : []);
            if (_made.Count < 1000)
            {
                _made.Add(row);
            }

            return row;
        }

        /// <summary>Names of generated tools with one word mistyped (a letter dropped, doubled or swapped).</summary>
        public IEnumerable<string> TypoQueries(int count)
        {
            var random = new Random(3);
            for (var i = 0; i < count; i++)
            {
                var words = _made[random.Next(_made.Count)].Name.ToLowerInvariant().Split(' ');
                var w = random.Next(2);
                var word = words[w];
                var at = random.Next(1, word.Length - 1);
                words[w] = (i % 3) switch
                {
                    0 => word.Remove(at, 1),
                    1 => word.Insert(at, word[at].ToString()),
                    _ => string.Concat(word[..(at - 1)], word[at].ToString(), word[at - 1].ToString(), word[(at + 1)..]),
                };
                yield return string.Join(' ', i % 2 == 0 ? words : words.Take(2));
            }
        }

        private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];
    }
}
