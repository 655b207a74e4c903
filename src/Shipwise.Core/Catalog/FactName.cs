using System.Text.Json.Serialization;

namespace Shipwise.Core.Catalog;

/// <summary>
/// Every structured fact a tool can carry, in the order a practitioner reads them. Free text
/// (name, tagline, description) is never one of them.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FactName>))]
public enum FactName
{
    [JsonStringEnumMemberName("evaluations")] Evaluations,
    [JsonStringEnumMemberName("speed")] Speed,
    [JsonStringEnumMemberName("inputModalities")] InputModalities,
    [JsonStringEnumMemberName("outputModalities")] OutputModalities,
    [JsonStringEnumMemberName("contextWindow")] ContextWindow,
    [JsonStringEnumMemberName("maxOutputTokens")] MaxOutputTokens,
    [JsonStringEnumMemberName("pricing")] Pricing,
    [JsonStringEnumMemberName("offerings")] Offerings,
    [JsonStringEnumMemberName("parameters")] Parameters,
    [JsonStringEnumMemberName("sizes")] Sizes,
    [JsonStringEnumMemberName("acceleratorMemoryGb")] AcceleratorMemoryGb,
    [JsonStringEnumMemberName("deploymentTargets")] DeploymentTargets,
    [JsonStringEnumMemberName("platforms")] Platforms,
    [JsonStringEnumMemberName("hardwareBackends")] HardwareBackends,
    [JsonStringEnumMemberName("runtimes")] Runtimes,
    [JsonStringEnumMemberName("quantizations")] Quantizations,
    [JsonStringEnumMemberName("servingFeatures")] ServingFeatures,
    [JsonStringEnumMemberName("openaiCompatible")] OpenaiCompatible,
    [JsonStringEnumMemberName("toolCalling")] ToolCalling,
    [JsonStringEnumMemberName("structuredOutput")] StructuredOutput,
    [JsonStringEnumMemberName("streaming")] Streaming,
    [JsonStringEnumMemberName("promptCaching")] PromptCaching,
    [JsonStringEnumMemberName("batchDiscountPercent")] BatchDiscountPercent,
    [JsonStringEnumMemberName("fineTuning")] FineTuning,
    [JsonStringEnumMemberName("rateLimits")] RateLimits,
    [JsonStringEnumMemberName("sdks")] Sdks,
    [JsonStringEnumMemberName("dataRetentionDays")] DataRetentionDays,
    [JsonStringEnumMemberName("trainsOnInputs")] TrainsOnInputs,
    [JsonStringEnumMemberName("zeroDataRetention")] ZeroDataRetention,
    [JsonStringEnumMemberName("dataResidency")] DataResidency,
    [JsonStringEnumMemberName("dpa")] Dpa,
    [JsonStringEnumMemberName("certifications")] Certifications,
    [JsonStringEnumMemberName("license")] License,
    [JsonStringEnumMemberName("licenseTerms")] LicenseTerms,
    [JsonStringEnumMemberName("openWeights")] OpenWeights,
    [JsonStringEnumMemberName("lifecycle")] Lifecycle,
    [JsonStringEnumMemberName("releaseDate")] ReleaseDate,
    [JsonStringEnumMemberName("uptimeSla")] UptimeSla,
    [JsonStringEnumMemberName("support")] Support,
    [JsonStringEnumMemberName("competitors")] Competitors,
}

/// <summary>How a practitioner groups facts when reading a tool page.</summary>
public enum FactGroup
{
    Quality,
    Speed,
    Capabilities,
    Cost,
    Hardware,
    ApiFeatures,
    DataHandling,
    Licence,
    Lifecycle,
    Related,
}

/// <summary>Where one fact (or one item of a list fact) came from.</summary>
public sealed record Provenance(string Source, DateOnly AsOf, FactStatus Status);

/// <summary>
/// The one table of facts: spelling in files and critic files, the label a page shows, the
/// noun a sentence uses, the group it is read in, and whether a tool has it.
/// </summary>
public static class FactNames
{
    private sealed record Row(FactName Name, string Wire, string Label, string Noun, bool Plural, FactGroup Group, Func<Tool, IEnumerable<Provenance>> Provenances);

    private static IEnumerable<Provenance> One<T>(SourcedFact<T>? fact) =>
        fact is null ? [] : [new Provenance(fact.Source, fact.AsOf, fact.Status)];

    private static readonly Row[] _table =
    [
        new(FactName.Evaluations, "evaluations", "Evaluations", "the evaluations", true, FactGroup.Quality,
            t => t.Facts.Evaluations.Select(e => new Provenance(e.Source, e.AsOf, e.Status))),
        new(FactName.Speed, "speed", "Speed", "the speed measurements", true, FactGroup.Speed,
            t => t.Facts.Speed.Select(s => new Provenance(s.Source, s.AsOf, s.Status))),
        new(FactName.InputModalities, "inputModalities", "Input", "the input modalities", true, FactGroup.Capabilities, t => One(t.Facts.InputModalities)),
        new(FactName.OutputModalities, "outputModalities", "Output", "the output modalities", true, FactGroup.Capabilities, t => One(t.Facts.OutputModalities)),
        new(FactName.ContextWindow, "contextWindow", "Context window", "the context window", false, FactGroup.Capabilities, t => One(t.Facts.ContextWindow)),
        new(FactName.MaxOutputTokens, "maxOutputTokens", "Longest answer", "the output limit", false, FactGroup.Capabilities, t => One(t.Facts.MaxOutputTokens)),
        new(FactName.Pricing, "pricing", "Price", "the pricing", false, FactGroup.Cost, t => One(t.Facts.Pricing)),
        new(FactName.Offerings, "offerings", "Hosted by", "the hosted offerings", true, FactGroup.Cost,
            t => t.Facts.Offerings.Select(o => new Provenance(o.Source, o.AsOf, o.Status))),
        new(FactName.Parameters, "parameters", "Parameters", "the parameter count", false, FactGroup.Hardware, t => One(t.Facts.Parameters)),
        new(FactName.Sizes, "sizes", "Other sizes", "the other sizes", true, FactGroup.Hardware, t => One(t.Facts.Sizes)),
        new(FactName.AcceleratorMemoryGb, "acceleratorMemoryGb", "Memory", "the accelerator memory", false, FactGroup.Hardware, t => One(t.Facts.AcceleratorMemoryGb)),
        new(FactName.DeploymentTargets, "deploymentTargets", "Runs on", "the deployment targets", true, FactGroup.Hardware, t => One(t.Facts.DeploymentTargets)),
        new(FactName.Platforms, "platforms", "Platforms", "the platforms", true, FactGroup.Hardware, t => One(t.Facts.Platforms)),
        new(FactName.HardwareBackends, "hardwareBackends", "Hardware backends", "the hardware backends", true, FactGroup.Hardware, t => One(t.Facts.HardwareBackends)),
        new(FactName.Runtimes, "runtimes", "Runtimes", "the runtime list", false, FactGroup.Hardware, t => One(t.Facts.Runtimes)),
        new(FactName.Quantizations, "quantizations", "Quantizations", "the quantization list", false, FactGroup.Hardware, t => One(t.Facts.Quantizations)),
        new(FactName.ServingFeatures, "servingFeatures", "Serving features", "the serving features", true, FactGroup.ApiFeatures, t => One(t.Facts.ServingFeatures)),
        new(FactName.OpenaiCompatible, "openaiCompatible", "OpenAI-compatible API", "OpenAI compatibility", false, FactGroup.ApiFeatures, t => One(t.Facts.OpenaiCompatible)),
        new(FactName.ToolCalling, "toolCalling", "Tool calling", "tool calling", false, FactGroup.ApiFeatures, t => One(t.Facts.ToolCalling)),
        new(FactName.StructuredOutput, "structuredOutput", "Structured output", "structured output", false, FactGroup.ApiFeatures, t => One(t.Facts.StructuredOutput)),
        new(FactName.Streaming, "streaming", "Streaming", "streaming", false, FactGroup.ApiFeatures, t => One(t.Facts.Streaming)),
        new(FactName.PromptCaching, "promptCaching", "Prompt caching", "prompt caching", false, FactGroup.ApiFeatures, t => One(t.Facts.PromptCaching)),
        new(FactName.BatchDiscountPercent, "batchDiscountPercent", "Batch discount", "the batch discount", false, FactGroup.ApiFeatures, t => One(t.Facts.BatchDiscountPercent)),
        new(FactName.FineTuning, "fineTuning", "Fine-tuning", "fine-tuning", false, FactGroup.ApiFeatures, t => One(t.Facts.FineTuning)),
        new(FactName.RateLimits, "rateLimits", "Rate limits", "the rate limits", true, FactGroup.ApiFeatures, t => One(t.Facts.RateLimits)),
        new(FactName.Sdks, "sdks", "SDKs", "the SDKs", true, FactGroup.ApiFeatures, t => One(t.Facts.Sdks)),
        new(FactName.DataRetentionDays, "dataRetentionDays", "Data retention", "data retention", false, FactGroup.DataHandling, t => One(t.Facts.DataRetentionDays)),
        new(FactName.TrainsOnInputs, "trainsOnInputs", "Trains on your inputs", "training on inputs", false, FactGroup.DataHandling, t => One(t.Facts.TrainsOnInputs)),
        new(FactName.ZeroDataRetention, "zeroDataRetention", "Zero data retention", "the zero-retention option", false, FactGroup.DataHandling, t => One(t.Facts.ZeroDataRetention)),
        new(FactName.DataResidency, "dataResidency", "Regions", "the data-residency options", true, FactGroup.DataHandling, t => One(t.Facts.DataResidency)),
        new(FactName.Dpa, "dpa", "Data processing agreement", "the DPA", false, FactGroup.DataHandling, t => One(t.Facts.Dpa)),
        new(FactName.Certifications, "certifications", "Certifications", "the certifications", true, FactGroup.DataHandling, t => One(t.Facts.Certifications)),
        new(FactName.License, "license", "Licence", "the licence", false, FactGroup.Licence, t => One(t.Facts.License)),
        new(FactName.LicenseTerms, "licenseTerms", "Licence terms", "the licence terms", true, FactGroup.Licence, t => One(t.Facts.LicenseTerms)),
        new(FactName.OpenWeights, "openWeights", "Weights", "the open-weights status", false, FactGroup.Licence, t => One(t.Facts.OpenWeights)),
        new(FactName.Lifecycle, "lifecycle", "Status", "the lifecycle", false, FactGroup.Lifecycle, t => One(t.Facts.Lifecycle)),
        new(FactName.ReleaseDate, "releaseDate", "Released", "the release date", false, FactGroup.Lifecycle,
            t => t.ReleaseDate is { } date ? [new Provenance(t.Links.ModelCard ?? t.Links.Homepage ?? t.Vendor.Url ?? "", date, FactStatus.VendorClaim)] : []),
        new(FactName.UptimeSla, "uptimeSla", "Uptime SLA", "the uptime SLA", false, FactGroup.Lifecycle, t => One(t.Facts.UptimeSla)),
        new(FactName.Support, "support", "Support", "the support offer", false, FactGroup.Lifecycle, t => One(t.Facts.Support)),
        new(FactName.Competitors, "competitors", "Competitors", "the competitor list", false, FactGroup.Related, t => One(t.Facts.Competitors)),
    ];

    static FactNames()
    {
        for (var i = 0; i < _table.Length; i++)
        {
            if ((int)_table[i].Name != i)
            {
                throw new InvalidOperationException($"FactNames row {i} is {_table[i].Name}: keep the table in enum order.");
            }
        }
    }

    public static IReadOnlyList<FactName> All { get; } = [.. _table.Select(row => row.Name)];

    public static string ToWire(this FactName name) => _table[(int)name].Wire;

    /// <summary>The row label a page shows, e.g. "Context window".</summary>
    public static string Label(this FactName name) => _table[(int)name].Label;

    /// <summary>A noun phrase for sentences, e.g. "the uptime SLA".</summary>
    public static string Noun(this FactName name) => _table[(int)name].Noun;

    /// <summary>Whether <see cref="Noun"/> takes "are" rather than "is".</summary>
    public static bool IsPluralNoun(this FactName name) => _table[(int)name].Plural;

    public static FactGroup Group(this FactName name) => _table[(int)name].Group;

    /// <summary>Where the fact came from; several entries for a list fact (evaluations, offerings, speed), none when it is not on record.</summary>
    public static IEnumerable<Provenance> ProvenancesOf(this FactName name, Tool tool) => _table[(int)name].Provenances(tool);

    public static bool IsOnRecord(this FactName name, Tool tool) => _table[(int)name].Provenances(tool).Any();

    /// <summary>Case-sensitive on purpose: critic files use exactly the catalog's JSON spelling.</summary>
    public static bool TryParse(string wire, out FactName name)
    {
        foreach (var row in _table)
        {
            if (row.Wire == wire)
            {
                name = row.Name;
                return true;
            }
        }

        name = default;
        return false;
    }
}
