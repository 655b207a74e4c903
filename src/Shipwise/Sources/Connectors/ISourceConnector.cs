using Shipwise.Core.Catalog.Sources;

namespace Shipwise.Sources.Connectors;

/// <summary>What to read: a source's name (for the review lists), its connector and where its data is.</summary>
/// <param name="Locations">A file or URL (LiteLLM, OpenRouter); model ids or recorded answer files (Hugging Face).</param>
/// <param name="SourceUrl">The address facts name as their source when the data comes from a file.</param>
/// <param name="AsOf">The date the data is as of, when the operator knows it better than the source says.</param>
/// <param name="BaseUrl">Hugging Face: the Hub's address (default https://huggingface.co).</param>
public sealed record SourceRequest(string Name, string Connector, IReadOnlyList<string> Locations, string? SourceUrl = null, DateOnly? AsOf = null, string? BaseUrl = null)
{
    public string Label => SourceLabels.Connector.Label(Connector);
}

/// <summary>A source read and mapped to catalog facts.</summary>
/// <param name="Description">Where it came from, for a report: "https://openrouter.ai/api/v1/models (as of 2026-12-01)".</param>
/// <param name="EntriesRead">Model entries in the source, including those not mapped (other modes, router stubs).</param>
public sealed record SourceRead(string Description, int EntriesRead, IReadOnlyList<SourceEntry> Entries);

/// <summary>One source's real format mapped to catalog facts with provenance (status third-party).</summary>
public interface ISourceConnector
{
    string Connector { get; }

    Task<SourceRead> ReadAsync(SourceRequest request, DateOnly today, CancellationToken cancellationToken);
}

internal static class ConnectorText
{
    /// <summary>"1.2M", "43K", "812": counts in notes.</summary>
    public static string Count(long count) => Shipwise.Core.Catalog.FactFormat.Count(count);

    /// <summary>A date the source gives, never after today (a clock ahead of ours is not the future).</summary>
    public static DateOnly NotAfter(DateOnly date, DateOnly today) => date > today ? today : date;

    public static string Short(string sha256) => sha256[..12];
}
