using System.Collections.Concurrent;
using System.Text.Json;
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

/// <summary>The system clock, noting every timer asked of it, so a test can see which waits were requested without timing anything.</summary>
public sealed class RecordingTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _timers = new();

    public IReadOnlyList<TimeSpan> Timers => [.. _timers];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.Enqueue(dueTime);
        return System.CreateTimer(callback, state, dueTime, period);
    }
}
