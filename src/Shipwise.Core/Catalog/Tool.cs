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
}

/// <summary>
/// The structured facts the panel reads. Every one is optional: an unknown fact is absent,
/// never guessed.
/// </summary>
public sealed record ToolFacts
{
    /// <summary>An SPDX licence identifier, or "proprietary".</summary>
    public SourcedFact<string>? License { get; init; }
    public SourcedFact<bool>? OpenWeights { get; init; }
    public SourcedFact<Parameters>? Parameters { get; init; }
    public SourcedFact<IReadOnlyList<string>>? InputModalities { get; init; }
    public SourcedFact<IReadOnlyList<string>>? OutputModalities { get; init; }
    /// <summary>Context window in tokens.</summary>
    public SourcedFact<int>? ContextWindow { get; init; }
    public SourcedFact<Pricing>? Pricing { get; init; }
    public SourcedFact<IReadOnlyList<string>>? DeploymentTargets { get; init; }
    public SourcedFact<IReadOnlyList<string>>? Runtimes { get; init; }
    public SourcedFact<IReadOnlyList<string>>? Quantizations { get; init; }
    public IReadOnlyList<Benchmark> Benchmarks { get; init; } = [];
    public SourcedFact<IReadOnlyList<string>>? Competitors { get; init; }
    /// <summary>Where data can be processed or stored, e.g. "eu", "us", "self-hosted".</summary>
    public SourcedFact<IReadOnlyList<string>>? DataResidency { get; init; }
    /// <summary>Compliance attestations, e.g. "SOC 2 Type II", "ISO 27001".</summary>
    public SourcedFact<IReadOnlyList<string>>? Certifications { get; init; }
    /// <summary>Published uptime commitment in percent, e.g. 99.9.</summary>
    public SourcedFact<decimal>? UptimeSla { get; init; }
    /// <summary>Support offered, e.g. "community", "email", "enterprise".</summary>
    public SourcedFact<IReadOnlyList<string>>? Support { get; init; }
}

public sealed record Parameters
{
    /// <summary>Total parameters in billions.</summary>
    public required decimal TotalBillions { get; init; }
    /// <summary>Parameters active per token in billions (mixture-of-experts); equals total for dense models.</summary>
    public decimal? ActiveBillions { get; init; }
}

public sealed record Pricing
{
    /// <summary>free | open-source | freemium | subscription | usage-based</summary>
    public required string Model { get; init; }
    public decimal? InputPerMillionTokensUsd { get; init; }
    public decimal? OutputPerMillionTokensUsd { get; init; }
    public decimal? MonthlyUsd { get; init; }
    public bool FreeTier { get; init; }
}

public sealed record Benchmark
{
    public required string Name { get; init; }
    public required decimal Score { get; init; }
    /// <summary>Who produced the figure: "vendor" or "third-party".</summary>
    public required string Author { get; init; }
    public required string Source { get; init; }
    public required DateOnly AsOf { get; init; }
    public required FactStatus Status { get; init; }
    public string? Note { get; init; }
}

/// <summary>The file format of the demo catalog, import and export.</summary>
public sealed record CatalogDocument
{
    public const int CurrentSchemaVersion = 1;
    public required int SchemaVersion { get; init; }
    public required IReadOnlyList<Tool> Tools { get; init; }
}
