using System.Text.Json.Serialization;
using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Peers;

/// <summary>One evaluation of a peer, as much as ranking needs.</summary>
public sealed record PeerScore(
    [property: JsonPropertyName("b")] string Benchmark,
    [property: JsonPropertyName("s")] decimal Score,
    [property: JsonPropertyName("r")] string Relation);

/// <summary>
/// What the panel needs to know about a tool to compare other tools with it: scores, prices,
/// context, size, speed, release and lifecycle. Kept beside each tool when it is written, so a
/// category's peers are read without parsing documents.
/// </summary>
public sealed record PeerSummary
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required string Category { get; init; }
    public string Lifecycle { get; init; } = LifecycleStatus.Active;

    /// <summary>The tool that replaces it, when its lifecycle names one.</summary>
    public string? Successor { get; init; }
    public IReadOnlyList<PeerScore> Scores { get; init; } = [];

    /// <summary>USD per 1M tokens at the standard mix (<see cref="CostModel"/>), from the cheapest sourced price.</summary>
    public decimal? BlendedPrice { get; init; }

    /// <summary>The cheapest price per unit (image, second of video, minute of audio...), by unit.</summary>
    public IReadOnlyDictionary<string, decimal> UnitPrices { get; init; } = new Dictionary<string, decimal>();

    public int? Context { get; init; }

    /// <summary>The SPDX identifier or LicenseRef, so a licence can be set beside its peers'.</summary>
    public string? License { get; init; }
    public decimal? TotalBillions { get; init; }
    public decimal? TokensPerSecond { get; init; }
    public DateOnly? Released { get; init; }
    public int Modalities { get; init; }

    /// <summary>The data terms, each null when not on record: what Counsel sets a hosted API's terms beside.</summary>
    public bool? TrainsOnInputs { get; init; }

    public int? RetentionDays { get; init; }

    public bool? Dpa { get; init; }

    /// <summary>Where data can stay ("eu", "us", "self-hosted"...), null when not on record.</summary>
    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>Set for hardware: what a self-hosting cost is worked out from.</summary>
    public GpuOption? Gpu { get; init; }

    /// <summary>Retired and unconfirmed tools are not peers anyone can choose instead.</summary>
    [JsonIgnore]
    public bool CanBePicked => Lifecycle is not (LifecycleStatus.Retired or LifecycleStatus.Unconfirmed);

    private static readonly System.Text.Json.JsonSerializerOptions _json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The summary as stored beside the tool.</summary>
    public static string Serialize(Tool tool) => Serialize(Of(tool));

    public static string Serialize(PeerSummary summary) => System.Text.Json.JsonSerializer.Serialize(summary, _json);

    public static PeerSummary Deserialize(string json) => System.Text.Json.JsonSerializer.Deserialize<PeerSummary>(json, _json)!;

    public static PeerSummary Of(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var f = tool.Facts;
        return new PeerSummary
        {
            Slug = tool.Slug,
            Name = Scoring.ReviewInputs.ShortName(tool.Name), // named in sentences: "Ministral 3", not "Ministral 3 (3B, 8B, 14B)"
            Kind = tool.Kind,
            Category = tool.Category,
            Lifecycle = f.Lifecycle?.Value.Status ?? LifecycleStatus.Active,
            Successor = f.Lifecycle?.Value.Successor,
            Scores = [.. f.Evaluations.Select(e => new PeerScore(Benchmarks.ComparableKey(e), e.Score, e.Relation))],
            BlendedPrice = CostModel.CheapestBlended(tool)?.PerMillion,
            UnitPrices = CostModel.CheapestUnitPrices(tool),
            Context = f.ContextWindow?.Value,
            License = f.License?.Value,
            TotalBillions = f.Parameters?.Value.TotalBillions,
            TokensPerSecond = f.Speed.Where(s => s.OutputTokensPerSecond is not null).Select(s => s.OutputTokensPerSecond).Max(),
            Released = tool.ReleaseDate,
            Modalities = (f.InputModalities?.Value ?? []).Concat(f.OutputModalities?.Value ?? []).Distinct().Count(),
            Gpu = tool.Kind == "hardware" ? CostModel.GpuOf(tool) : null,
            TrainsOnInputs = f.TrainsOnInputs?.Value,
            RetentionDays = f.DataRetentionDays?.Value,
            Dpa = f.Dpa?.Value,
            Regions = f.DataResidency?.Value,
        };
    }
}
