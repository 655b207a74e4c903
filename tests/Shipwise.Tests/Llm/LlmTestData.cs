using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Peers;

namespace Shipwise.Tests.Llm;

/// <summary>Real tools from the demo catalog, loaded once.</summary>
public static class LlmTestData
{
    private static readonly Lazy<IReadOnlyList<Tool>> _tools = new(() =>
        TestCatalogs.Read(RepoPaths.FixtureCatalog).Tools);

    public static IReadOnlyList<Tool> Tools => _tools.Value;

    public static Tool Tool(string slug) => Tools.Single(t => t.Slug == slug);

    public static DateOnly Today { get; } = new(2026, 11, 22);

    /// <summary>The tool's category in this catalog, as the panel sees it when it reviews the tool.</summary>
    public static PeerSnapshot Peers(Tool tool) => PeerSnapshot.Build(tool.Category, Tools.Select(PeerSummary.Of));
}

/// <summary>
/// A fake clock that notes every timer asked of it, so a test can see which waits were requested
/// and let them pass with <see cref="FakeTimeProvider.Advance"/> instead of waiting.
/// </summary>
public sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _timers = new();

    /// <summary>Due times as created; Polly's timeouts start as infinite (-1 ms) timers and are set later.</summary>
    public IReadOnlyList<TimeSpan> Timers => [.. _timers];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (on the real clock, briefly polling) until timer number <paramref name="index"/> of those below <paramref name="under"/> exists, then lets it fire.</summary>
    public async Task<TimeSpan> AdvancePastWaitAsync(int index, TimeSpan under, CancellationToken cancellationToken)
    {
        while (true)
        {
            var waits = Timers.Where(t => t > TimeSpan.Zero && t < under).ToList();
            if (waits.Count > index)
            {
                Advance(waits[index]);
                return waits[index];
            }

            await Task.Delay(5, cancellationToken);
        }
    }
}
