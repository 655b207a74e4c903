namespace Shipwise.Tests.Infrastructure;

/// <summary>Where test clocks (Microsoft's <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>) start unless a test says otherwise.</summary>
public static class TestClock
{
    public static DateTimeOffset DefaultStart { get; } = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
}
