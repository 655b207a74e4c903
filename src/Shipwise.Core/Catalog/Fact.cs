using System.Text.Json.Serialization;

namespace Shipwise.Core.Catalog;

/// <summary>How far a fact can be trusted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FactStatus>))]
public enum FactStatus
{
    [JsonStringEnumMemberName("verified")] Verified,
    [JsonStringEnumMemberName("vendor-claim")] VendorClaim,
    [JsonStringEnumMemberName("unverified")] Unverified,

    /// <summary>Reported by an aggregate or another third party (LiteLLM, OpenRouter), not checked against the vendor.</summary>
    [JsonStringEnumMemberName("third-party")] ThirdParty,
}

/// <summary>
/// A single catalog fact. Every fact names where it came from and when it was true,
/// so a reader (and a critic) can weigh it.
/// </summary>
public sealed record SourcedFact<T>
{
    public required T Value { get; init; }
    public required string Source { get; init; }
    public required DateOnly AsOf { get; init; }
    public required FactStatus Status { get; init; }
    public string? Note { get; init; }
}

public static class FactStatusText
{
    public static string ToWire(this FactStatus status) => status switch
    {
        FactStatus.Verified => "verified",
        FactStatus.VendorClaim => "vendor-claim",
        FactStatus.ThirdParty => "third-party",
        _ => "unverified",
    };

    /// <summary>How much a fact of this status counts in a score: verified facts count in full.</summary>
    public static double Weight(this FactStatus status) => status switch
    {
        FactStatus.Verified => 1.0,
        FactStatus.VendorClaim => 0.7,
        FactStatus.ThirdParty => 0.7,
        _ => 0.4,
    };
}
