using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Compare;

/// <summary>The key facts side by side, each cell carrying its source so a reader can check it.</summary>
internal static class FactRowBuilder
{
    public static IReadOnlyList<FactComparisonRow> Build(Tool left, Tool right)
    {
        var l = left.Facts;
        var r = right.Facts;
        List<FactComparisonRow?> rows =
        [
            Row("lifecycle", FactName.Lifecycle, left, right, l.Lifecycle, r.Lifecycle, v => v.Status, null),
            Row("license", FactName.License, left, right, l.License, r.License, v => v.ToLowerInvariant(),
                (a, b) => Larger(LicenceClass.Score(a), LicenceClass.Score(b))),
            Row("open-weights", FactName.OpenWeights, left, right, l.OpenWeights, r.OpenWeights, v => v ? "yes" : "no",
                (a, b) => Larger(a ? 1 : 0, b ? 1 : 0)),
            Row("parameters", FactName.Parameters, left, right, l.Parameters, r.Parameters, FactFormat.Parameters, null),
            // 131,072 and 128,000 tokens both read "128K tokens": what reads the same is the same.
            Row("context-window", FactName.ContextWindow, left, right, l.ContextWindow, r.ContextWindow, FactFormat.Tokens,
                (a, b) => FactFormat.Tokens(a) == FactFormat.Tokens(b) ? Leader.Tie : Larger(a, b)),
            Row("input-modalities", FactName.InputModalities, left, right, l.InputModalities, r.InputModalities, SetKey, Superset),
            Row("output-modalities", FactName.OutputModalities, left, right, l.OutputModalities, r.OutputModalities, SetKey, Superset),
            Row("deployment-targets", FactName.DeploymentTargets, left, right, l.DeploymentTargets, r.DeploymentTargets, SetKey, null),
            Row("price", FactName.Pricing, left, right, l.Pricing, r.Pricing, PricingRead.Describe, Cheaper),
        ];
        rows.AddRange(SharedEvaluations.Of(left, right).Select(Evaluation));
        return [.. rows.OfType<FactComparisonRow>()];
    }

    /// <summary>
    /// "eval:mmmu": one row per test both took, each cell naming the figure, its setting and who ran it.
    /// Only a run of both by one evaluator leads; figures published separately are shown, not ranked.
    /// </summary>
    private static FactComparisonRow Evaluation(SharedEvaluation shared)
    {
        var name = Benchmarks.DisplayName(shared.Left) + (shared.Left.Version is { Length: > 0 } version ? $" {version}" : "");
        return new FactComparisonRow(
            $"eval:{shared.Key}",
            shared.LowerIsBetter ? $"{name} (lower is better)" : name,
            Cell(shared.Left),
            Cell(shared.Right),
            shared.LikeForLike && shared.Leader != Leader.Tie,
            shared.LikeForLike ? shared.Leader : Leader.None);

        static FactCell Cell(Evaluation e)
        {
            var setting = e.Setting is { Length: > 0 } s ? $" ({s})" : "";
            return new FactCell($"{FactDisplay.Score(e)}{setting} · {FactDisplay.Who(e.Evaluator, e.Relation)}", e.Source, e.AsOf, e.Status);
        }
    }

    /// <summary>
    /// One row; both cells are spelt by <see cref="FactDisplay"/>, as on the tool page. None when
    /// neither side has the fact: two providers' "Licence: not on record" rows told the reader nothing.
    /// </summary>
    /// <param name="key">What the values are compared by, so "text, image" and "image, text" do not differ.</param>
    /// <param name="lead">Which value is better, where that means something; null where it does not.</param>
    private static FactComparisonRow? Row<T>(
        string rowKey,
        FactName fact,
        Tool leftTool,
        Tool rightTool,
        SourcedFact<T>? left,
        SourcedFact<T>? right,
        Func<T, string> key,
        Func<T, T, Leader>? lead)
    {
        if (left is null && right is null)
        {
            return null;
        }

        var leftCell = left is null ? FactCell.Unknown : FactCell.Of(left, FactDisplay.Value(leftTool, fact)!);
        var rightCell = right is null ? FactCell.Unknown : FactCell.Of(right, FactDisplay.Value(rightTool, fact)!);
        var differs = (left, right) switch
        {
            (null, _) or (_, null) => true,
            _ => !string.Equals(key(left.Value), key(right.Value), StringComparison.Ordinal),
        };
        var leader = left is null || right is null || lead is null ? Leader.None : lead(left.Value, right.Value);
        return new FactComparisonRow(rowKey, fact.Label(), leftCell, rightCell, differs, leader);
    }

    private static Leader Larger(double left, double right) =>
        left > right ? Leader.Left : left < right ? Leader.Right : Leader.Tie;

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

    // Only two complete per-token prices compare, blended at the cost model's mix as the cost answer reads them;
    // a self-hosted model's cost is hardware, not a price.
    private static Leader Cheaper(Pricing left, Pricing right)
    {
        if (Blended(left) is not { } l || Blended(right) is not { } r)
        {
            return Leader.None;
        }

        return l < r ? Leader.Left : l > r ? Leader.Right : Leader.Tie;
    }

    private static decimal? Blended(Pricing pricing) =>
        pricing.InputPerMillionTokensUsd is { } input && pricing.OutputPerMillionTokensUsd is { } output ? CostModel.Blend(input, output) : null;
}
