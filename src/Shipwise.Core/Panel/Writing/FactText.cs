using System.Globalization;
using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Writing;

/// <summary>How each fact reads in a review and in a citation, e.g. "Apache-2.0 licence" or "99.9% uptime SLA".</summary>
internal static class FactText
{
    /// <summary>Long lists are cut so a single fact can never crowd out the rest of a review.</summary>
    private const int MaxListedItems = 4;
    private const int MaxItemLength = 80;

    public static string License(string license) =>
        license == "proprietary" ? "proprietary licence" : $"{license} licence";

    public static string OpenWeights(bool open) => open ? "open weights" : "closed weights";

    public static string Parameters(Parameters p) =>
        p.ActiveBillions is { } active && active != p.TotalBillions
            ? $"{Number(p.TotalBillions)}B parameters ({Number(active)}B active)"
            : $"{Number(p.TotalBillions)}B parameters";

    public static string ContextWindow(int tokens) =>
        string.Create(CultureInfo.InvariantCulture, $"{tokens:N0}-token context window");

    /// <summary>"pricing: usage-based, $0.15 / $0.60 per 1M tokens (in / out)": the catalog's own wording, made to sit mid-sentence.</summary>
    public static string Pricing(Pricing pricing)
    {
        var text = PricingRead.Describe(pricing);
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon >= 0)
        {
            text = text[..colon] + ", " + text[(colon + 2)..];
        }

        return "pricing: " + char.ToLowerInvariant(text[0]) + text[1..];
    }

    public static string UptimeSla(decimal percent) => $"{Number(percent)}% uptime SLA";

    public static string Released(DateOnly date) =>
        "released " + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Evaluation(Evaluation evaluation) =>
        $"{Clip(Benchmarks.DisplayName(evaluation))} {Number(evaluation.Score)} by {Clip(evaluation.Evaluator)}";

    /// <summary>"runtimes: llama-cpp, ollama and vllm", or the empty wording when the list is empty.</summary>
    public static string Items(string label, IReadOnlyList<string> items, string whenEmpty) =>
        items.Count == 0 ? whenEmpty : $"{label}: {List([.. items.Select(Clip)])}";

    /// <summary>"a", "a and b", "a, b and c", "a, b, c, d and 3 more".</summary>
    public static string List(IReadOnlyList<string> items) => Join(items, ", ", " and ", " and ");

    /// <summary>Several facts in one sentence: "x (verified); y (vendor claim)"; the semicolon keeps lists inside them readable.</summary>
    public static string Facts(IReadOnlyList<string> items) => Join(items, "; ", "; ", "; and ");

    private static string Join(IReadOnlyList<string> items, string separator, string last, string overflow)
    {
        if (items.Count > MaxListedItems)
        {
            return $"{string.Join(separator, items.Take(MaxListedItems))}{overflow}{items.Count - MaxListedItems} more";
        }

        return items.Count switch
        {
            0 => "",
            1 => items[0],
            _ => $"{string.Join(separator, items.Take(items.Count - 1))}{last}{items[^1]}",
        };
    }

    /// <summary>Catalog entries are short; a runaway one is cut rather than allowed to swamp a review.</summary>
    private static string Clip(string item) => item.Length <= MaxItemLength ? item : item[..(MaxItemLength - 1)] + "…";

    public static string Status(FactStatus status) => status switch
    {
        FactStatus.Verified => "verified",
        FactStatus.VendorClaim => "vendor claim",
        _ => "unverified",
    };

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
