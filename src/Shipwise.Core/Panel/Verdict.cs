using System.Text.Json.Serialization;

namespace Shipwise.Core.Panel;

[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    [JsonStringEnumMemberName("ship")] Ship,
    [JsonStringEnumMemberName("skip")] Skip,
    [JsonStringEnumMemberName("no-take")] NoTake,
}

public static class VerdictText
{
    public static string ToWire(this Verdict verdict) => verdict switch
    {
        Verdict.Ship => "ship",
        Verdict.Skip => "skip",
        _ => "no-take",
    };

    public static Verdict Parse(string wire) => TryParse(wire, out var verdict)
        ? verdict
        : throw new FormatException($"'{wire}' is not a verdict; use ship, skip or no-take");

    public static bool TryParse(string? wire, out Verdict verdict)
    {
        (var known, verdict) = wire switch
        {
            "ship" => (true, Verdict.Ship),
            "skip" => (true, Verdict.Skip),
            "no-take" => (true, Verdict.NoTake),
            _ => (false, Verdict.NoTake),
        };
        return known;
    }

    /// <summary>The label a page shows, e.g. "Ship" or "No take".</summary>
    public static string Label(this Verdict verdict) => verdict switch
    {
        Verdict.Ship => "Ship",
        Verdict.Skip => "Skip",
        _ => "No take",
    };
}
