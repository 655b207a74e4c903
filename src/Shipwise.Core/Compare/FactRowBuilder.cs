using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Compare;

/// <summary>The key facts side by side, each cell carrying its source so a reader can check it.</summary>
internal static class FactRowBuilder
{
    public static IReadOnlyList<FactRow> Build(Tool left, Tool right)
    {
        var l = left.Facts;
        var r = right.Facts;
        return
        [
            Row("license", "Licence", l.License, r.License, License, v => v.ToLowerInvariant(),
                (a, b) => Larger(LicenceClass.Score(a), LicenceClass.Score(b))),
            Row("open-weights", "Open weights", l.OpenWeights, r.OpenWeights, v => v ? "Yes" : "No", v => v ? "yes" : "no",
                (a, b) => Larger(a ? 1 : 0, b ? 1 : 0)),
            Row("parameters", "Parameters", l.Parameters, r.Parameters, FactFormat.Parameters, FactFormat.Parameters, null),
            // 131,072 and 128,000 tokens both read "128K tokens": what reads the same is the same.
            Row("context-window", "Context window", l.ContextWindow, r.ContextWindow, FactFormat.Tokens, FactFormat.Tokens,
                (a, b) => FactFormat.Tokens(a) == FactFormat.Tokens(b) ? Leader.Tie : Larger(a, b)),
            Row("input-modalities", "Input", l.InputModalities, r.InputModalities, Items, SetKey, Superset),
            Row("output-modalities", "Output", l.OutputModalities, r.OutputModalities, Items, SetKey, Superset),
            Row("deployment-targets", "Runs on", l.DeploymentTargets, r.DeploymentTargets,
                v => Items([.. v.Select(FactFormat.Target)]), SetKey, null),
            Row("price", "Price per 1M tokens (in / out)", l.Pricing, r.Pricing, Price, Price, Cheaper),
        ];
    }

    /// <param name="key">What the values are compared by, so "text, image" and "image, text" do not differ.</param>
    /// <param name="lead">Which value is better, where that means something; null where it does not.</param>
    private static FactRow Row<T>(
        string rowKey,
        string label,
        SourcedFact<T>? left,
        SourcedFact<T>? right,
        Func<T, string> text,
        Func<T, string> key,
        Func<T, T, Leader>? lead)
    {
        var leftCell = left is null ? FactCell.Unknown : FactCell.Of(left, text(left.Value));
        var rightCell = right is null ? FactCell.Unknown : FactCell.Of(right, text(right.Value));
        var differs = (left, right) switch
        {
            (null, null) => false,
            (null, _) or (_, null) => true,
            _ => !string.Equals(key(left.Value), key(right.Value), StringComparison.Ordinal),
        };
        var leader = left is null || right is null || lead is null ? Leader.None : lead(left.Value, right.Value);
        return new FactRow(rowKey, label, leftCell, rightCell, differs, leader);
    }

    private static Leader Larger(double left, double right) =>
        left > right ? Leader.Left : left < right ? Leader.Right : Leader.Tie;

    private static string License(string license) =>
        string.Equals(license, "proprietary", StringComparison.OrdinalIgnoreCase) ? "Proprietary" : license;

    private static string Items(IReadOnlyList<string> items) => items.Count == 0 ? "None" : string.Join(", ", items);

    private static string SetKey(IReadOnlyList<string> items) =>
        string.Join(",", items.Select(i => i.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal));

    // Taking everything the other side takes and more is "better"; two different sets are not comparable.
    private static Leader Superset(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        var l = left.Select(i => i.ToLowerInvariant()).ToHashSet();
        var r = right.Select(i => i.ToLowerInvariant()).ToHashSet();
        if (l.SetEquals(r))
        {
            return Leader.Tie;
        }

        return l.IsProperSupersetOf(r) ? Leader.Left : r.IsProperSupersetOf(l) ? Leader.Right : Leader.None;
    }

    /// <summary>"$0.40 in / $2.00 out", or why there is no per-token price.</summary>
    public static string Price(Pricing pricing) => (pricing.InputPerMillionTokensUsd, pricing.OutputPerMillionTokensUsd) switch
    {
        ({ } input, { } output) => $"{FactFormat.Usd(input)} in / {FactFormat.Usd(output)} out",
        ({ } input, null) => $"{FactFormat.Usd(input)} in / output price unknown",
        (null, { } output) => $"input price unknown / {FactFormat.Usd(output)} out",
        _ => pricing.Model switch
        {
            "open-source" => "No per-token fee (you run it)",
            "free" => "Free",
            _ when pricing.MonthlyUsd is { } monthly => $"No per-token price ({FactFormat.Usd(monthly)} per month)",
            _ => "No per-token price on record",
        },
    };

    // Only two complete per-token prices compare; a self-hosted model's cost is hardware, not a price.
    private static Leader Cheaper(Pricing left, Pricing right)
    {
        if (UseCaseAnswers.PerTokenSum(left) is not { } l || UseCaseAnswers.PerTokenSum(right) is not { } r)
        {
            return Leader.None;
        }

        return l < r ? Leader.Left : l > r ? Leader.Right : Leader.Tie;
    }
}
