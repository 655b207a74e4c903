namespace Shipwise.Tests.Infrastructure;

/// <summary>
/// For a class fixture that needs PostgreSQL or maildev. A skip thrown while xUnit initialises a
/// fixture is reported as a failure of every test in the class, so the fixture catches it here,
/// and each test that then touches the fixture skips itself with the same reason.
/// </summary>
public sealed class FixtureSkip
{
    private string? _reason;

    public bool Skipped => _reason is not null;

    public async ValueTask StartAsync(Func<ValueTask> start)
    {
        try
        {
            await start();
        }
        catch (Exception ex) when (ex.Message.StartsWith(Xunit.v3.DynamicSkipToken.Value, StringComparison.Ordinal))
        {
            _reason = ex.Message[Xunit.v3.DynamicSkipToken.Value.Length..];
        }
    }

    /// <summary><paramref name="value"/>, or a skip with the reason the fixture could not start.</summary>
    public T Get<T>(T? value) where T : class
    {
        if (_reason is not null)
        {
            Assert.Skip(_reason);
        }

        return value!;
    }
}
