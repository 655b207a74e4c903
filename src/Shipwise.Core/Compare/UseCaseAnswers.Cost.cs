using Shipwise.Core.Catalog;

namespace Shipwise.Core.Compare;

/// <summary>What a million requests would cost.</summary>
internal static partial class UseCaseAnswers
{
    private enum CostKind { Unknown, PerToken, NoFee }

    /// <summary>Input plus output price per 1M tokens; null unless both are on record.</summary>
    public static decimal? PerTokenSum(Pricing pricing) =>
        pricing.InputPerMillionTokensUsd is { } input && pricing.OutputPerMillionTokensUsd is { } output ? input + output : null;

    // Weights you can run (or open-source software) carry no per-token fee, whatever a hosted copy costs:
    // at volume that is the option that matters, and the hardware bill is said alongside.
    private static bool SelfRun(Tool tool) =>
        tool.Facts.OpenWeights?.Value == true || tool.Facts.Pricing?.Value.Model == "open-source";

    private static CostKind KindOf(Tool tool) => tool.Facts.Pricing?.Value switch
    {
        _ when SelfRun(tool) => CostKind.NoFee,
        { } p when PerTokenSum(p) is not null => CostKind.PerToken,
        { Model: "free" } => CostKind.NoFee,
        _ => CostKind.Unknown,
    };

    private static UseCaseAnswer? LowestCost(Tool left, Tool right)
    {
        var lk = KindOf(left);
        var rk = KindOf(right);
        if (lk == CostKind.Unknown && rk == CostKind.Unknown)
        {
            return null;
        }

        if (lk != rk)
        {
            // No fee beats a fee, and a known price beats an unknown one.
            var leftWins = lk == CostKind.NoFee || rk == CostKind.Unknown;
            var (w, o) = leftWins ? (left, right) : (right, left);
            var onlyKnown = KindOf(o) == CostKind.Unknown ? $", so only {Possessive(w.Name)} cost at volume can be worked out" : "";
            return Answer(UseCases.LowestCostAtVolume, Side(leftWins), left, right,
                $"{CostText(w)}. {CostText(o)}{onlyKnown}.");
        }

        return lk == CostKind.NoFee ? BothFree(left, right) : BothMetered(left, right);
    }

    private static UseCaseAnswer BothFree(Tool left, Tool right)
    {
        if (SelfRun(left) && SelfRun(right) && left.Facts.Parameters is { } lp && right.Facts.Parameters is { } rp)
        {
            var la = FactFormat.ActiveBillions(lp.Value);
            var ra = FactFormat.ActiveBillions(rp.Value);
            if (la != ra)
            {
                var leftSmaller = la < ra;
                var (w, wp, o, op) = leftSmaller ? (left, lp, right, rp) : (right, rp, left, lp);
                return Answer(UseCases.LowestCostAtVolume, Side(leftSmaller), left, right,
                    $"Neither charges per token when you run it yourself; {w.Name} has {ParametersText(wp.Value)}{Flag(wp)} against {Possessive(o.Name)} {ParametersText(op.Value)}{Flag(op)}, so it needs less hardware for the same traffic.");
            }
        }

        var on = SelfRun(left) && SelfRun(right)
            ? "the hardware you run them on"
            : "usage limits and the hardware you run them on";
        return Answer(UseCases.LowestCostAtVolume, Pick.Depends, left, right,
            $"{CostText(left)}. {CostText(right)}. Neither charges per token, so it depends on {on}.");
    }

    private static UseCaseAnswer BothMetered(Tool left, Tool right)
    {
        var lf = left.Facts.Pricing!;
        var rf = right.Facts.Pricing!;
        var (li, lo) = (lf.Value.InputPerMillionTokensUsd!.Value, lf.Value.OutputPerMillionTokensUsd!.Value);
        var (ri, ro) = (rf.Value.InputPerMillionTokensUsd!.Value, rf.Value.OutputPerMillionTokensUsd!.Value);
        var ls = li + lo;
        var rs = ri + ro;
        if (ls == rs)
        {
            if (li == ri)
            {
                return Answer(UseCases.LowestCostAtVolume, Pick.Depends, left, right,
                    $"Both charge {FactFormat.Usd(li)} in / {FactFormat.Usd(lo)} out per 1M tokens{BothFlag(left, lf, right, rf)}, so it depends on volume discounts, rate limits and free tiers.");
            }

            var (cheapIn, cheapOut) = li < ri ? (left, right) : (right, left);
            return Answer(UseCases.LowestCostAtVolume, Pick.Depends, left, right,
                $"{Metered(left)}; {Metered(right)}. Both come to {FactFormat.Usd(ls)} for 1M tokens each way, so it depends on your mix: {cheapIn.Name} is cheaper on input, {cheapOut.Name} on output.");
        }

        var leftCheaper = ls < rs;
        var (w, ws, wi, wo, o, os, oi, oo) = leftCheaper ? (left, ls, li, lo, right, rs, ri, ro) : (right, rs, ri, ro, left, ls, li, lo);
        var mix = "";
        if (oi < wi)
        {
            mix = $" {o.Name} is cheaper on input, so check this against your input-heavy work.";
        }
        else if (oo < wo)
        {
            mix = $" {o.Name} is cheaper on output, so check this against your output-heavy work.";
        }

        return Answer(UseCases.LowestCostAtVolume, Side(leftCheaper), left, right,
            $"{Metered(w)}; {Metered(o)}: {FactFormat.Usd(ws)} against {FactFormat.Usd(os)} for 1M tokens each way.{mix}");
    }

    /// <summary>"Mistral Medium 3 charges $0.40 in / $2.00 out per 1M tokens".</summary>
    private static string Metered(Tool tool)
    {
        var pricing = tool.Facts.Pricing!;
        return $"{tool.Name} charges {FactFormat.Usd(pricing.Value.InputPerMillionTokensUsd!.Value)} in / {FactFormat.Usd(pricing.Value.OutputPerMillionTokensUsd!.Value)} out per 1M tokens{Flag(pricing)}";
    }

    /// <summary>A tool's cost at volume in one clause, whatever kind it is.</summary>
    private static string CostText(Tool tool)
    {
        var facts = tool.Facts;
        if (SelfRun(tool))
        {
            var hardware = facts.Parameters is { } p
                ? $"hardware big enough for its {ParametersText(p.Value)}{Flag(p)}"
                : "the hardware";
            var hosted = facts.Pricing is { } priced && PerTokenSum(priced.Value) is not null
                ? $" (hosted, it costs {FactFormat.Usd(priced.Value.InputPerMillionTokensUsd!.Value)} in / {FactFormat.Usd(priced.Value.OutputPerMillionTokensUsd!.Value)} out per 1M tokens{Flag(priced)})"
                : "";
            var what = facts.OpenWeights is { Value: true } weights
                ? $"{tool.Name} has open weights{Flag(weights)}"
                : $"{tool.Name} is open source{Flag(facts.Pricing!)}";
            return $"{what}: run it yourself and there is no per-token fee, but you pay for {hardware}{hosted}";
        }

        return facts.Pricing switch
        {
            null => $"{Possessive(tool.Name)} pricing is not on record",
            { } f when PerTokenSum(f.Value) is not null => Metered(tool),
            { Value.Model: "free" } f => $"{tool.Name} is listed as free{Flag(f)}",
            { } f => $"{tool.Name} lists no per-token price ({Lower(PricingRead.Describe(f.Value))}{Flag(f)})",
        };
    }

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
