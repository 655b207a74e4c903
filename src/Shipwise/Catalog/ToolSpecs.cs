using Shipwise.Core.Catalog;

namespace Shipwise.Catalog;

/// <summary>One item of the tool page's key-spec strip: "Licence: Apache 2.0".</summary>
public sealed record SpecItem(string Label, string Value);

/// <summary>
/// The specs an engineer looks for first (licence, size, context, price, lifecycle; regions for a
/// provider), those that apply to the tool's kind, read
/// with the same formatters as the fact tables, so the strip and the tables never disagree.
/// Specs not on record are named once, not shown as "Unknown".
/// </summary>
public sealed record ToolSpecs(IReadOnlyList<SpecItem> Known, IReadOnlyList<string> NotOnRecord)
{
    public static ToolSpecs For(Tool tool, LifecycleView lifecycle)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(lifecycle);
        var known = new List<SpecItem>();
        var missing = new List<string>();
        void Add(string label, string? value)
        {
            if (value is { Length: > 0 })
            {
                known.Add(new SpecItem(label, value));
            }
            else
            {
                missing.Add(label.ToLowerInvariant());
            }
        }

        // A provider sells access to other people's models, and hardware is bought, not licensed:
        // neither has a licence, and only models, APIs and hardware have a size to name.
        if (tool.Kind is not ("provider" or "hardware"))
        {
            Add("Licence", FactDisplay.Value(tool, FactName.License));
        }

        if (tool.Kind is "model" or "api" or "hardware")
        {
            Add("Size", Size(tool));
        }

        if (tool.Kind == "provider")
        {
            Add("Regions", FactDisplay.Value(tool, FactName.DataResidency));
        }

        if (tool.Kind is "model" or "api")
        {
            Add("Context", FactDisplay.Value(tool, FactName.ContextWindow) ?? LargestSizeContext(tool));
        }

        Add("Price", tool.Facts.Pricing is { } pricing ? PricingRead.Describe(pricing.Value) : null);
        known.Add(new SpecItem("Lifecycle", lifecycle.Label));
        return new ToolSpecs(known, missing);
    }

    private static string? Size(Tool tool)
    {
        if (tool.Facts.Parameters is { } parameters)
        {
            return FactFormat.Parameters(parameters.Value);
        }

        if (tool.Facts.Sizes?.Value is { Count: > 0 } sizes)
        {
            return string.Join(", ", sizes.OrderByDescending(s => s.TotalBillions).Select(s => FactFormat.Parameters(new Parameters { TotalBillions = s.TotalBillions, ActiveBillions = s.ActiveBillions })));
        }

        return tool.Kind == "hardware" ? FactDisplay.Value(tool, FactName.AcceleratorMemoryGb) : null;
    }

    private static string? LargestSizeContext(Tool tool) =>
        tool.Facts.Sizes?.Value.Where(s => s.ContextWindow is not null).OrderByDescending(s => s.ContextWindow).Select(s => FactFormat.Tokens(s.ContextWindow!.Value)).FirstOrDefault();
}
