using System.Text.Json.Serialization;

namespace Shipwise.Core.Catalog;

/// <summary>A tool in the catalog: identity and descriptive text plus sourced facts.</summary>
public sealed record Tool
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public required Vendor Vendor { get; init; }
    public required string Kind { get; init; }
    public required string Category { get; init; }
    public required string Tagline { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<string> BestFor { get; init; } = [];
    public ToolLinks Links { get; init; } = new();
    public DateOnly? ReleaseDate { get; init; }
    public ToolFacts Facts { get; init; } = new();
}

public sealed record Vendor
{
    public required string Name { get; init; }
    public string? Url { get; init; }
}

public sealed record ToolLinks
{
    public string? Homepage { get; init; }
    public string? Repository { get; init; }
    public string? Docs { get; init; }
    public string? ModelCard { get; init; }
    public string? Pricing { get; init; }
}

/// <summary>
/// The structured facts the panel reads. Every one is optional: an unknown fact is absent,
/// never guessed. docs/catalog.md groups them as a practitioner reads them.
/// </summary>
public sealed record ToolFacts
{
    // Licence and lifecycle.

    /// <summary>An SPDX licence identifier, a LicenseRef-, or "proprietary".</summary>
    public SourcedFact<string>? License { get; init; }
    public SourcedFact<LicenseTerms>? LicenseTerms { get; init; }
    public SourcedFact<bool>? OpenWeights { get; init; }
    public SourcedFact<Lifecycle>? Lifecycle { get; init; }

    // Size and hardware.
    public SourcedFact<Parameters>? Parameters { get; init; }
    /// <summary>Other sizes published under this entry, all under the entry's licence.</summary>
    public SourcedFact<IReadOnlyList<ModelSize>>? Sizes { get; init; }
    public SourcedFact<IReadOnlyList<string>>? InputModalities { get; init; }
    public SourcedFact<IReadOnlyList<string>>? OutputModalities { get; init; }
    /// <summary>Context window in tokens.</summary>
    public SourcedFact<int>? ContextWindow { get; init; }
    public SourcedFact<int>? MaxOutputTokens { get; init; }

    // Cost and where to run it.
    public SourcedFact<Pricing>? Pricing { get; init; }
    public IReadOnlyList<Offering> Offerings { get; init; } = [];
    public SourcedFact<IReadOnlyList<string>>? DeploymentTargets { get; init; }
    public SourcedFact<IReadOnlyList<string>>? Platforms { get; init; }
    public SourcedFact<IReadOnlyList<string>>? Runtimes { get; init; }
    public SourcedFact<IReadOnlyList<string>>? Quantizations { get; init; }
    public SourcedFact<IReadOnlyList<string>>? ServingFeatures { get; init; }
    public SourcedFact<IReadOnlyList<string>>? HardwareBackends { get; init; }
    public SourcedFact<decimal>? AcceleratorMemoryGb { get; init; }

    // Quality and speed.
    public IReadOnlyList<Evaluation> Evaluations { get; init; } = [];
    public IReadOnlyList<SpeedMeasurement> Speed { get; init; } = [];

    // API features.
    public SourcedFact<bool>? OpenaiCompatible { get; init; }
    public SourcedFact<bool>? ToolCalling { get; init; }
    /// <summary>Output constrained to a JSON schema.</summary>
    public SourcedFact<bool>? StructuredOutput { get; init; }
    public SourcedFact<bool>? Streaming { get; init; }
    public SourcedFact<bool>? PromptCaching { get; init; }
    /// <summary>Discount for asynchronous batch jobs in percent; 0 when there is no batch API.</summary>
    public SourcedFact<decimal>? BatchDiscountPercent { get; init; }
    public SourcedFact<bool>? FineTuning { get; init; }
    public SourcedFact<RateLimits>? RateLimits { get; init; }
    public SourcedFact<IReadOnlyList<string>>? Sdks { get; init; }

    // Data handling and operations.

    /// <summary>How long API inputs and outputs are kept by default; 0 when nothing is kept.</summary>
    public SourcedFact<int>? DataRetentionDays { get; init; }
    public SourcedFact<bool>? TrainsOnInputs { get; init; }
    public SourcedFact<bool>? ZeroDataRetention { get; init; }
    /// <summary>Where data can be processed or stored, e.g. "eu", "us", "self-hosted".</summary>
    public SourcedFact<IReadOnlyList<string>>? DataResidency { get; init; }
    public SourcedFact<bool>? Dpa { get; init; }
    /// <summary>Compliance attestations, e.g. "SOC 2 Type II", "ISO 27001".</summary>
    public SourcedFact<IReadOnlyList<string>>? Certifications { get; init; }
    /// <summary>Published uptime commitment in percent, e.g. 99.9.</summary>
    public SourcedFact<decimal>? UptimeSla { get; init; }
    /// <summary>Support offered, e.g. "community", "email", "enterprise".</summary>
    public SourcedFact<IReadOnlyList<string>>? Support { get; init; }

    public SourcedFact<IReadOnlyList<string>>? Competitors { get; init; }
}

public sealed record LicenseTerms
{
    public required bool CommercialUse { get; init; }
    /// <summary>Monthly active users above which a separate licence is needed.</summary>
    public long? UserCap { get; init; }
    /// <summary>An acceptable-use policy that forbids fields of use beyond the law.</summary>
    public bool? UseRestrictions { get; init; }
    /// <summary>Regions whose residents or companies the licence excludes, e.g. "eu".</summary>
    public IReadOnlyList<string> ExcludedRegions { get; init; } = [];
    public bool? AttributionRequired { get; init; }
}

public sealed record Lifecycle
{
    /// <summary>One of <see cref="LifecycleStatus"/>'s values.</summary>
    public required string Status { get; init; }
    public DateOnly? DeprecationDate { get; init; }
    public DateOnly? ShutdownDate { get; init; }
    public string? Successor { get; init; }
}

/// <summary>The lifecycle statuses a tool can have.</summary>
public static class LifecycleStatus
{
    public const string Active = "active";
    public const string Preview = "preview";
    public const string Deprecated = "deprecated";
    public const string Retired = "retired";
    public const string MaintenanceOnly = "maintenance-only";
    public const string Unconfirmed = "unconfirmed";

    public static readonly IReadOnlyList<string> All = [Active, Preview, Deprecated, Retired, MaintenanceOnly, Unconfirmed];
}

public sealed record Parameters
{
    /// <summary>Total parameters in billions: what memory depends on.</summary>
    public required decimal TotalBillions { get; init; }
    /// <summary>Parameters active per token in billions (mixture-of-experts); absent for dense models.</summary>
    public decimal? ActiveBillions { get; init; }
}

public sealed record ModelSize
{
    public required string Name { get; init; }
    public required decimal TotalBillions { get; init; }
    public decimal? ActiveBillions { get; init; }
    public int? ContextWindow { get; init; }
}

public sealed record Pricing
{
    /// <summary>free | open-source | freemium | subscription | usage-based</summary>
    public required string Model { get; init; }
    public decimal? InputPerMillionTokensUsd { get; init; }
    public decimal? OutputPerMillionTokensUsd { get; init; }
    public decimal? CachedInputPerMillionTokensUsd { get; init; }
    public decimal? MonthlyUsd { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool FreeTier { get; init; }
    /// <summary>Prices that are not per token: per image, per second of video, per GPU hour.</summary>
    public IReadOnlyList<UnitPrice> Units { get; init; } = [];
}

public sealed record UnitPrice
{
    /// <summary>One of <see cref="Taxonomy.PriceUnits"/>.</summary>
    public required string Unit { get; init; }
    public required decimal Usd { get; init; }
    public string? Label { get; init; }
}

/// <summary>A hosted place to run a tool, with its own prices.</summary>
public sealed record Offering
{
    public required string Provider { get; init; }
    public string? ProviderSlug { get; init; }
    public string? ModelId { get; init; }
    public required Pricing Pricing { get; init; }
    public int? ContextWindow { get; init; }
    public required string Source { get; init; }
    public required DateOnly AsOf { get; init; }
    public required FactStatus Status { get; init; }
    public string? Note { get; init; }
}

/// <summary>A benchmark or leaderboard result and who produced it.</summary>
public sealed record Evaluation
{
    /// <summary>A key from <see cref="Benchmarks"/>, or another token with <see cref="Name"/> set.</summary>
    public required string Benchmark { get; init; }
    public string? Name { get; init; }
    public required decimal Score { get; init; }
    /// <summary>One of <see cref="Taxonomy.EvaluationUnits"/>.</summary>
    public required string Unit { get; init; }
    public string? Setting { get; init; }
    /// <summary>
    /// The benchmark's own version when its scale changes between versions (an index rescaled
    /// from v4.0 to v4.1): results are compared only within one version.
    /// </summary>
    public string? Version { get; init; }
    public required string Evaluator { get; init; }
    /// <summary>One of <see cref="EvaluatorRelation"/>'s values.</summary>
    public required string Relation { get; init; }
    public required string Source { get; init; }
    public required DateOnly AsOf { get; init; }
    public required FactStatus Status { get; init; }
    public string? Note { get; init; }
}

/// <summary>Who ran a measurement, relative to the tool's vendor.</summary>
public static class EvaluatorRelation
{
    public const string Vendor = "vendor";
    public const string RivalVendor = "rival-vendor";
    public const string Independent = "independent";
    /// <summary>A format-1 "third-party" row whose evaluator was never named.</summary>
    public const string Unknown = "unknown";

    public static readonly IReadOnlyList<string> All = [Vendor, RivalVendor, Independent, Unknown];
}

public sealed record SpeedMeasurement
{
    public decimal? OutputTokensPerSecond { get; init; }
    public decimal? TimeToFirstTokenSeconds { get; init; }
    public required string Provider { get; init; }
    public required string MeasuredBy { get; init; }
    public required string Relation { get; init; }
    public required string Source { get; init; }
    public required DateOnly AsOf { get; init; }
    public required FactStatus Status { get; init; }
    public string? Note { get; init; }
}

public sealed record RateLimits
{
    public required string Tier { get; init; }
    public int? RequestsPerMinute { get; init; }
    public long? TokensPerMinute { get; init; }
}

/// <summary>
/// Several entries under one name: a model line split by licence (a family), or a name that
/// means more than one tool (a disambiguation). Its slug and aliases resolve to its page.
/// </summary>
public sealed record ToolGroup
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    /// <summary>"family" or "disambiguation".</summary>
    public required string Kind { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public required IReadOnlyList<string> Members { get; init; }
    public string? Note { get; init; }
}

/// <summary>The file format of the demo catalog, import and export.</summary>
public sealed record CatalogDocument
{
    public const int CurrentSchemaVersion = 2;
    public required int SchemaVersion { get; init; }
    public IReadOnlyList<ToolGroup> Groups { get; init; } = [];
    public required IReadOnlyList<Tool> Tools { get; init; }
}
