namespace Shipwise;

/// <summary>TEMPORARY phase timing (not for commit).</summary>
public static class Phase
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _ticks = new();

    public static System.IDisposable Time(string name)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        return new Done(() => _ticks.AddOrUpdate(name, System.Diagnostics.Stopwatch.GetTimestamp() - start, (_, t) => t + System.Diagnostics.Stopwatch.GetTimestamp() - start));
    }

    private static int _batches;

    public static void Batch()
    {
        if (++_batches % 200 == 0)
        {
            Print();
        }
    }

    public static void Print()
    {
        System.Console.Error.WriteLine($"GC gen0 {System.GC.CollectionCount(0)} gen1 {System.GC.CollectionCount(1)} gen2 {System.GC.CollectionCount(2)} pause {System.GC.GetTotalPauseDuration().TotalSeconds:F1} s allocated {System.GC.GetTotalAllocatedBytes() / 1048576} MiB");
        foreach (var kind in new[] { System.GCKind.Ephemeral, System.GCKind.FullBlocking, System.GCKind.Background })
        {
            var info = System.GC.GetGCMemoryInfo(kind);
            System.Console.Error.WriteLine($"GC last {kind}: index {info.Index} gen {info.Generation} heap {info.HeapSizeBytes / 1048576} MiB promoted {info.PromotedBytes / 1048576} MiB pause {info.PauseDurations[0].TotalMilliseconds:F0} ms; gens " + string.Join(", ", info.GenerationInfo.ToArray().Select(g => $"{g.SizeAfterBytes / 1048576}")));
        }
        foreach (var (k, v) in _ticks.OrderBy(p => p.Key))
        {
            System.Console.Error.WriteLine($"PHASE {k}: {v / (double)System.Diagnostics.Stopwatch.Frequency:F2} s");
        }
    }

    private sealed class Done(System.Action a) : System.IDisposable
    {
        public void Dispose() => a();
    }
}
