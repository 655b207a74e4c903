using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Panel;

/// <summary>
/// Addresses of the facts a review may cite, e.g. "facts.license" or "facts.evaluations[0]".
/// They follow the catalog JSON, so a cited path can be looked up in an exported tool.
/// </summary>
public static class FactPaths
{
    public static string Of(FactName name) => name == FactName.ReleaseDate ? "releaseDate" : "facts." + name.ToWire();

    public static string OfEvaluation(int index) => $"facts.evaluations[{index}]";

    /// <summary>Every path that exists on this tool, in a fixed order.</summary>
    public static IReadOnlyList<string> All(Tool tool)
    {
        var view = FactView.Of(tool);
        var paths = new List<string>();
        foreach (var name in FactNames.All)
        {
            if (name == FactName.Evaluations)
            {
                paths.AddRange(view.Facts.Evaluations.Select((_, i) => OfEvaluation(i)));
            }
            else if (view.Has(name))
            {
                paths.Add(Of(name));
            }
        }

        return paths;
    }
}
