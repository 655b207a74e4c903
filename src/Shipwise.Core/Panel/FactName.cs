using System.Text.Json.Serialization;

namespace Shipwise.Core.Panel;

/// <summary>The structured facts a critic may read. Free text (name, tagline, description) is never one of them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FactName>))]
public enum FactName
{
    [JsonStringEnumMemberName("license")] License,
    [JsonStringEnumMemberName("openWeights")] OpenWeights,
    [JsonStringEnumMemberName("parameters")] Parameters,
    [JsonStringEnumMemberName("inputModalities")] InputModalities,
    [JsonStringEnumMemberName("outputModalities")] OutputModalities,
    [JsonStringEnumMemberName("contextWindow")] ContextWindow,
    [JsonStringEnumMemberName("pricing")] Pricing,
    [JsonStringEnumMemberName("deploymentTargets")] DeploymentTargets,
    [JsonStringEnumMemberName("runtimes")] Runtimes,
    [JsonStringEnumMemberName("quantizations")] Quantizations,
    [JsonStringEnumMemberName("benchmarks")] Benchmarks,
    [JsonStringEnumMemberName("competitors")] Competitors,
    [JsonStringEnumMemberName("dataResidency")] DataResidency,
    [JsonStringEnumMemberName("certifications")] Certifications,
    [JsonStringEnumMemberName("uptimeSla")] UptimeSla,
    [JsonStringEnumMemberName("support")] Support,
    [JsonStringEnumMemberName("releaseDate")] ReleaseDate,
}

/// <summary>The spelling of each fact in critic files and fact paths, and the noun a review uses for it.</summary>
public static class FactNames
{
    private static readonly (FactName Name, string Wire, string Noun, bool Plural)[] _table =
    [
        (FactName.License, "license", "the licence", false),
        (FactName.OpenWeights, "openWeights", "the open-weights status", false),
        (FactName.Parameters, "parameters", "the parameter count", false),
        (FactName.InputModalities, "inputModalities", "the input modalities", true),
        (FactName.OutputModalities, "outputModalities", "the output modalities", true),
        (FactName.ContextWindow, "contextWindow", "the context window", false),
        (FactName.Pricing, "pricing", "the pricing", false),
        (FactName.DeploymentTargets, "deploymentTargets", "the deployment targets", true),
        (FactName.Runtimes, "runtimes", "the runtime list", false),
        (FactName.Quantizations, "quantizations", "the quantization list", false),
        (FactName.Benchmarks, "benchmarks", "the benchmark figures", true),
        (FactName.Competitors, "competitors", "the competitor list", false),
        (FactName.DataResidency, "dataResidency", "the data-residency options", true),
        (FactName.Certifications, "certifications", "the certifications", true),
        (FactName.UptimeSla, "uptimeSla", "the uptime SLA", false),
        (FactName.Support, "support", "the support offer", false),
        (FactName.ReleaseDate, "releaseDate", "the release date", false),
    ];

    public static IReadOnlyList<FactName> All { get; } = [.. _table.Select(row => row.Name)];

    public static string ToWire(this FactName name) => _table[(int)name].Wire;

    /// <summary>A noun phrase for sentences, e.g. "the uptime SLA".</summary>
    public static string Noun(this FactName name) => _table[(int)name].Noun;

    /// <summary>Whether <see cref="Noun"/> takes "are" rather than "is".</summary>
    public static bool IsPluralNoun(this FactName name) => _table[(int)name].Plural;

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
