using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Panel;

/// <summary>
/// Addresses of the facts a review may cite, e.g. "facts.license" or "facts.evaluations[0]".
/// They follow the catalog JSON, so a cited path can be looked up in an exported tool.
/// </summary>
public static class FactPaths
{
    public static string Of(FactName name, int? index = null) =>
        name == FactName.ReleaseDate ? "releaseDate"
        : index is { } i ? $"facts.{name.ToWire()}[{i}]"
        : "facts." + name.ToWire();

    public static string OfEvaluation(int index) => Of(FactName.Evaluations, index);

    /// <summary>Every path that exists on this tool, in a fixed order.</summary>
    public static IReadOnlyList<string> All(Tool tool) =>
        [.. FactNames.All.SelectMany(n => FactUse.All(tool, n)).Select(u => u.Cited.Path).Distinct()];
}
