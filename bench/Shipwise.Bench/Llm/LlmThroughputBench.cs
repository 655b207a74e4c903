using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Peers;
using Shipwise.FakeLlm;
using Shipwise.Panel.Llm;

namespace Shipwise.Bench.Llm;

/// <summary>
/// LLM reviewer throughput against the fake chat server with a fixed answer latency, at several
/// concurrency limits: the wall time shows the limit doing its job, and the server's own count of
/// requests in flight shows it was never passed.
/// </summary>
public static class LlmThroughputBench
{
    public const string Usage = "usage: Shipwise.Bench llm-throughput [--reviews 64] [--latency-ms 500] [--concurrency 1,4,16]";

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!TryParse(args, out var reviews, out var latency, out var limits))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var root = FindRepositoryRoot();
        var critics = CriticSet.Load(Directory.GetFiles(Path.Combine(root, "data", "critics"), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path))));
        var tools = BenchCatalog.ReadTools(Path.Combine(root, "data", "catalog"));
        var summaries = tools.Select(PeerSummary.Of).ToList();
        var peers = tools.Select(t => t.Category).Distinct().ToDictionary(c => c, c => PeerSnapshot.Build(c, summaries));
        var work = (from tool in tools from critic in critics.All select (tool, critic)).Take(reviews).ToList();
        var asOf = new DateOnly(2026, 11, 22);

        await using var server = await FakeChatServer.StartAsync();
        server.Latency = latency;
        Console.WriteLine($"{work.Count} reviews ({tools.Count} demo tools × {critics.All.Count} critics), fake server answering in {latency.TotalMilliseconds:0} ms, all reviews started at once.");
        Console.WriteLine();
        Console.WriteLine("| concurrency limit | reviews | valid | wall time | reviews/s | mean review latency | max in flight (server) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");

        var honoured = true;
        foreach (var limit in limits)
        {
            using var host = BuildHost(server.BaseUrl, limit);
            var reviewer = host.Services.GetRequiredService<LlmReviewer>();
            // One review first, so connection set-up and JIT are not in the measurement.
            await reviewer.ReviewWithDetailsAsync(work[0].tool, work[0].critic, asOf, peers[work[0].tool.Category], CancellationToken.None);
            server.ResetCounters();

            var clock = Stopwatch.StartNew();
            var outcomes = await Task.WhenAll(work.Select(w => reviewer.ReviewWithDetailsAsync(w.tool, w.critic, asOf, peers[w.tool.Category], CancellationToken.None)));
            clock.Stop();

            var valid = outcomes.Count(o => o.Review is not null);
            var meanLatency = outcomes.Average(o => o.Latency.TotalSeconds);
            honoured &= server.MaxInFlight <= limit && valid == work.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {limit} | {work.Count} | {valid} | {clock.Elapsed.TotalSeconds:0.00} s | {work.Count / clock.Elapsed.TotalSeconds:0.0} | {meanLatency:0.00} s | {server.MaxInFlight} |"));
        }

        return honoured ? 0 : 1;
    }

    private static IHost BuildHost(string baseUrl, int limit)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Llm:BaseUrl"] = baseUrl,
            ["Llm:Model"] = "bench-model",
            ["Llm:MaxConcurrency"] = limit.ToString(CultureInfo.InvariantCulture),
            ["Llm:TimeoutSeconds"] = "60",
        });
        builder.AddLlmReviewer();
        return builder.Build();
    }

    private static bool TryParse(string[] args, out int reviews, out TimeSpan latency, out IReadOnlyList<int> limits)
    {
        (reviews, latency, limits) = (64, TimeSpan.FromMilliseconds(500), [1, 4, 16]);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                return false;
            }

            var value = args[i + 1];
            switch (args[i])
            {
                case "--reviews" when int.TryParse(value, CultureInfo.InvariantCulture, out var r) && r > 0:
                    reviews = r;
                    break;
                case "--latency-ms" when int.TryParse(value, CultureInfo.InvariantCulture, out var ms) && ms >= 0:
                    latency = TimeSpan.FromMilliseconds(ms);
                    break;
                case "--concurrency":
                    var parsed = value.Split(',').Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= 256 ? c : 0).ToList();
                    if (parsed.Count == 0 || parsed.Contains(0))
                    {
                        return false;
                    }

                    limits = parsed;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Shipwise.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run from inside the repository: data/critics and data/catalog are read from its root.");
    }
}
