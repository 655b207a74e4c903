using System.Diagnostics;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Peers;

namespace Shipwise.Bench;

/// <summary>
/// The evidence panel without storage: every critic reviews every synthetic tool in memory,
/// on every core. Separates the reviewer's own cost from the database's in docs/benchmarks.md.
/// </summary>
public static class PanelComputeBench
{
    public static int Run(int tools, string criticsFolder)
    {
        var critics = CriticSet.Load(Directory.GetFiles(criticsFolder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))).All;
        var asOf = new DateOnly(2026, 11, 22);
        var reviewer = new EvidenceReviewer();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pausedBefore = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();

        // Peers first, as the scheduler does: one snapshot per category from every tool's summary.
        var summaries = new PeerSummary[tools];
        Parallel.For(0, tools, i => summaries[i] = PeerSummary.Of(SyntheticCatalog.Create(i, tools, new DateOnly(2026, 11, 1))));
        var peers = summaries.Select(s => s.Category).Distinct().ToDictionary(c => c, c => PeerSnapshot.Build(c, summaries));
        var snapshotTime = clock.Elapsed;

        long ships = 0, reviews = 0;
        Parallel.For(0, tools, () => (ships: 0L, reviews: 0L), (i, _, local) =>
        {
            var tool = SyntheticCatalog.Create(i, tools, new DateOnly(2026, 11, 1));
            foreach (var critic in critics)
            {
                var review = reviewer.Review(tool, critic, asOf, peers[tool.Category]);
                local.reviews++;
                local.ships += review.Verdict == Verdict.Ship ? 1 : 0;
            }

            return local;
        }, local =>
        {
            Interlocked.Add(ref ships, local.ships);
            Interlocked.Add(ref reviews, local.reviews);
        });
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        Console.WriteLine(
            $"| {tools:N0} tools x {critics.Count} critics | {Environment.ProcessorCount} cores | {reviews:N0} reviews | {clock.Elapsed.TotalSeconds:0.0} s | " +
            $"{reviews / clock.Elapsed.TotalSeconds:N0} reviews/s | {100.0 * ships / reviews:0.0} % ship | peers {snapshotTime.TotalSeconds:0.0} s | " +
            $"{allocated / 1024.0 / reviews:N0} KiB allocated per review, GC paused {paused.TotalSeconds:0.0} s |");
        return 0;
    }
}
