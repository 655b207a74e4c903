namespace Shipwise.Sources;

/// <summary>A source that cannot be read or understood. Nothing from it was written.</summary>
public sealed class SourceException(string source, string message, Exception? inner = null)
    : Exception($"{source}: {message}", inner)
{
    /// <summary>The source's name (a Catalog:Sources name or the connector's).</summary>
    public string SourceName { get; } = source;

    public string Problem { get; } = message;
}
