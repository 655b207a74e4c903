namespace Shipwise.Core.Catalog;

/// <summary>
/// The facts a practitioner decides on, per kind of tool: what docs/catalog.md's coverage table
/// counts and what the panel's coverage floor reads.
/// </summary>
public static class CoreFacts
{
    private static readonly FactName[] _api =
    [
        FactName.License, FactName.Lifecycle, FactName.ReleaseDate, FactName.Pricing, FactName.InputModalities,
        FactName.OutputModalities, FactName.Evaluations, FactName.TrainsOnInputs, FactName.DataRetentionDays,
        FactName.DataResidency, FactName.Certifications,
    ];

    private static readonly FactName[] _apiText =
    [
        FactName.ContextWindow, FactName.MaxOutputTokens, FactName.ToolCalling, FactName.StructuredOutput,
        FactName.PromptCaching, FactName.BatchDiscountPercent,
    ];

    private static readonly FactName[] _model =
    [
        FactName.License, FactName.LicenseTerms, FactName.OpenWeights, FactName.Lifecycle, FactName.ReleaseDate,
        FactName.Parameters, FactName.InputModalities, FactName.OutputModalities, FactName.Evaluations, FactName.Runtimes,
    ];

    public static IReadOnlyList<FactName> For(string kind, string category) => kind switch
    {
        "api" when Taxonomy.IsTextCategory(category) => [.. _api, .. _apiText],
        "api" when category == "embedding-models" => [.. _api, FactName.ContextWindow],
        "api" => _api,
        "model" when Taxonomy.IsTextCategory(category) || category == "embedding-models" => [.. _model, FactName.ContextWindow],
        "model" => _model,
        "runtime" when category == "inference-runtimes" =>
            [FactName.License, FactName.Lifecycle, FactName.Pricing, FactName.HardwareBackends, FactName.DeploymentTargets, FactName.ServingFeatures],
        "runtime" => [FactName.License, FactName.Lifecycle, FactName.Pricing, FactName.HardwareBackends, FactName.DeploymentTargets],
        "app" => [FactName.License, FactName.Lifecycle, FactName.Pricing, FactName.Platforms, FactName.Runtimes],
        "library" => [FactName.License, FactName.Lifecycle, FactName.Pricing, FactName.HardwareBackends],
        "provider" =>
        [
            FactName.Lifecycle, FactName.Pricing, FactName.OpenaiCompatible, FactName.TrainsOnInputs, FactName.DataRetentionDays,
            FactName.DataResidency, FactName.Certifications, FactName.Dpa,
        ],
        "hardware" => [FactName.Lifecycle, FactName.ReleaseDate, FactName.AcceleratorMemoryGb, FactName.Pricing],
        _ => [],
    };

    public static IReadOnlyList<FactName> For(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return For(tool.Kind, tool.Category);
    }

    /// <summary>The core facts this tool lacks, in table order.</summary>
    public static IReadOnlyList<FactName> Missing(Tool tool) => [.. For(tool).Where(f => !f.IsOnRecord(tool))];
}
