using Shipwise.Core.Catalog;

namespace Shipwise.Core.Compare;

/// <summary>
/// What you need to run each yourself. Memory comes from total parameters: every expert of a
/// mixture must sit in memory, whatever the number active per token.
/// </summary>
internal static partial class UseCaseAnswers
{
    /// <summary>Between two models on the same GPUs, this much less memory is worth saying: it is room for more requests' cache.</summary>
    public const decimal MemoryHeadroomRatio = 1.25m;

    private enum Hosting { Unknown, CloudOnly, ClosedOnPremises, Open }

    private static readonly string[] _ownHardware = ["single-gpu", "multi-gpu", "server"];

    private static Hosting HostingOf(Tool tool)
    {
        var facts = tool.Facts;
        if (tool.Kind is "provider" or "hardware")
        {
            return Hosting.CloudOnly;
        }

        // Software you install (a runtime, an app, a library) runs on your hardware whatever its licence.
        if (IsInstalled(tool))
        {
            return Hosting.Open;
        }

        return facts.OpenWeights?.Value switch
        {
            true => Hosting.Open,
            false => Among(facts.DeploymentTargets, _ownHardware) is { Count: > 0 } ? Hosting.ClosedOnPremises : Hosting.CloudOnly,
            null when facts.Pricing?.Value.Model == "open-source" => Hosting.Open,
            null when tool.Kind == "api" => Hosting.CloudOnly,
            _ => Hosting.Unknown,
        };
    }

    private static bool IsInstalled(Tool tool) => tool.Kind is "runtime" or "app" or "library";

    /// <summary>Whether the data never reaches a vendor: open weights, or software whose source anyone can check.</summary>
    private static bool KeepsDataHome(Tool tool) =>
        tool.Facts.OpenWeights?.Value == true
        || (IsInstalled(tool) && (tool.Facts.Pricing?.Value.Model == "open-source" || (tool.Facts.License is { } l && CommercialUse(l.Value) is Commercial.Permissive or Commercial.Copyleft)));

    private static UseCaseAnswer? Hardware(Tool left, Tool right, CompareContext context)
    {
        var lh = HostingOf(left);
        var rh = HostingOf(right);
        if (lh < Hosting.ClosedOnPremises && rh < Hosting.ClosedOnPremises)
        {
            return null;
        }

        var both = $"{NeedsText(left, context)}. {NeedsText(right, context)}.";
        if (lh == Hosting.Unknown || rh == Hosting.Unknown)
        {
            return Answer(UseCases.Hardware, Pick.Unknown, left, right, $"{both} Whether both can run on your hardware is not on record, so there is no pick.");
        }

        if (lh != rh)
        {
            var leftOwnable = lh > rh;
            var (w, o) = leftOwnable ? (left, right) : (right, left);
            var only = HostingOf(o) == Hosting.CloudOnly
                ? $"Only {w.Name} can run on hardware you control."
                : $"{w.Name} runs on hardware you control without going through its vendor.";
            return Answer(UseCases.Hardware, Side(leftOwnable), left, right, $"{only} {NeedsText(w, context)}. {NeedsText(o, context)}.");
        }

        if (lh == Hosting.ClosedOnPremises)
        {
            return Answer(UseCases.Hardware, Pick.Depends, left, right,
                $"{both} Their on-premises hardware requirements and prices are not on record here, so it depends on what each vendor quotes.");
        }

        if (left.Facts.OpenWeights?.Value == true || right.Facts.OpenWeights?.Value == true)
        {
            return ModelHardware(left, right, context, both);
        }

        return SoftwareHardware(left, right, both);
    }

    /// <summary>Two sets of open weights: the smaller GPU bill, by total parameters.</summary>
    private static UseCaseAnswer ModelHardware(Tool left, Tool right, CompareContext context, string both)
    {
        if (left.Facts.Parameters is not { } lp || right.Facts.Parameters is not { } rp)
        {
            return Answer(UseCases.Hardware, Pick.Unknown, left, right, $"{both} Without both parameter counts the two cannot be sized against each other.");
        }

        var lplan = SelfHostPlanOf(left, context);
        var rplan = SelfHostPlanOf(right, context);
        var (lneed, rneed) = (lp.Value.TotalBillions, rp.Value.TotalBillions);
        var moe = MixtureNote(left, lp.Value, right, rp.Value);
        if (lplan is not null && rplan is not null && lplan.Monthly != rplan.Monthly)
        {
            var leftLess = lplan.Monthly < rplan.Monthly;
            var w = leftLess ? left : right;
            return Answer(UseCases.Hardware, Side(leftLess), left, right, $"{w.Name} needs less. {both}{moe}");
        }

        if (lneed != rneed && (lplan is null || rplan is null || lplan.Monthly == rplan.Monthly))
        {
            var leftLess = lneed < rneed;
            var (w, o) = leftLess ? (left, right) : (right, left);
            var ratio = Math.Max(lneed, rneed) / Math.Min(lneed, rneed);
            if (lplan is null || rplan is null)
            {
                return Answer(UseCases.Hardware, Side(leftLess), left, right, $"{w.Name} needs less memory. {both}{moe}");
            }

            if (ratio >= MemoryHeadroomRatio)
            {
                return Answer(UseCases.Hardware, Side(leftLess), left, right,
                    $"{both} Both fit the same GPUs, but {w.Name} leaves more of their memory for the cache of concurrent requests: its weights are {Phrasing(ratio)} smaller than {Possessive(o.Name)}.{moe}");
            }
        }

        return Answer(UseCases.Hardware, Pick.Depends, left, right,
            $"{both} That is the same hardware, so it depends on how many requests each serves per GPU, which is not on record.{moe}");

        static string Phrasing(decimal ratio) => ratio >= 2 ? $"{FactFormat.Number(decimal.Round(ratio, 1))} times" : $"{FactFormat.Number(decimal.Round((ratio - 1) * 100, 0))}%";
    }

    /// <summary>Said when a mixture of experts is in the pair: memory follows the total, speed the active.</summary>
    private static string MixtureNote(Tool left, Parameters lp, Tool right, Parameters rp)
    {
        var moe = new[] { (left, lp), (right, rp) }.Where(x => x.Item2.ActiveBillions is { } a && a < x.Item2.TotalBillions).ToList();
        if (moe.Count == 0)
        {
            return "";
        }

        var names = FactFormat.List(moe.Select(x => x.Item1.Name));
        return $" {names} {(moe.Count == 1 ? "is a mixture of experts" : "are mixtures of experts")}: every expert must be in memory, so the total decides the hardware and the active count only the work per token.";
    }

    /// <summary>Two runtimes or apps: the hardware each supports.</summary>
    private static UseCaseAnswer? SoftwareHardware(Tool left, Tool right, string both)
    {
        var lb = left.Facts.HardwareBackends?.Value.Select(b => b.ToLowerInvariant()).ToHashSet();
        var rb = right.Facts.HardwareBackends?.Value.Select(b => b.ToLowerInvariant()).ToHashSet();
        // Nothing on record on either side is nothing to answer; the facts table says what is missing.
        if (lb is null && rb is null)
        {
            return null;
        }

        if (lb is null || rb is null)
        {
            return Answer(UseCases.Hardware, Pick.Unknown, left, right, $"{both} Without both lists of hardware backends there is no pick.");
        }

        var onlyLeft = lb.Except(rb).Order(StringComparer.Ordinal).Select(FactFormat.Token).ToList();
        var onlyRight = rb.Except(lb).Order(StringComparer.Ordinal).Select(FactFormat.Token).ToList();
        if (onlyLeft.Count > 0 && onlyRight.Count > 0)
        {
            return Answer(UseCases.Hardware, Pick.Depends, left, right,
                $"{both} It depends on the hardware you have: only {left.Name} supports {FactFormat.List(onlyLeft)}; only {right.Name} supports {FactFormat.List(onlyRight)}.");
        }

        if (onlyLeft.Count == 0 && onlyRight.Count == 0)
        {
            return Answer(UseCases.Hardware, Pick.Depends, left, right,
                $"{both} They support the same {lb.Count} backends, so it depends on the runtime your models and team already use.");
        }

        var leftWider = onlyLeft.Count > 0;
        var (w, extra) = leftWider ? (left, onlyLeft) : (right, onlyRight);
        return Answer(UseCases.Hardware, Side(leftWider), left, right,
            $"{w.Name} runs on everything the other does, plus {FactFormat.List(extra)}. {both}");
    }

    /// <summary>One tool's hardware in a sentence: memory by total parameters and the GPUs that hold it, or the backends it runs on.</summary>
    private static string NeedsText(Tool tool, CompareContext context)
    {
        var facts = tool.Facts;
        switch (HostingOf(tool))
        {
            case Hosting.Open when facts.OpenWeights?.Value == true:
                if (facts.Parameters is not { } p)
                {
                    return $"{tool.Name} has open weights{Flag(facts.OpenWeights)}, but its parameter count is not on record, so its hardware cannot be sized";
                }

                var memory = MemoryNeeds.Of(p.Value);
                var text = $"{Possessive(tool.Name)} {ParametersText(p.Value)}{Flag(p)} take {FactFormat.Gigabytes(memory.Single(m => m.Precision == "FP8").Gigabytes)} at FP8 "
                    + $"and {FactFormat.Gigabytes(memory.Single(m => m.Precision == "4-bit").Gigabytes)} at 4-bit";
                var plan = SelfHostPlanOf(tool, context);
                text += plan is not null
                    ? $"; served at FP8 with cache ({FactFormat.Gigabytes(plan.NeedGb)}) that is {PlanText(plan)}"
                    : context.Gpus.Count == 0
                        ? "; no GPU price is on record to cost it"
                        : $"; at FP8 with cache that is more than {CostModel.MaxGpus} of any GPU priced here";
                if (Among(facts.DeploymentTargets, ["single-gpu"]) is { Count: > 0 } && plan is { Count: > 1 })
                {
                    text += $" ({tool.Vendor.Name} lists a single GPU as enough{Flag(facts.DeploymentTargets!)}, which holds at 4-bit)";
                }

                return text;
            case Hosting.Open:
                var targets = facts.DeploymentTargets is { Value.Count: > 0 } dt
                    ? $", from {FactFormat.List(dt.Value.Select(FactFormat.Target))}{Flag(dt)}"
                    : "";
                var what = KeepsDataHome(tool) ? $"{tool.Name} is open source and" : $"{tool.Name}";
                return facts.HardwareBackends is { Value.Count: > 0 } hb
                    ? $"{what} runs on {hb.Value.Count} backend{(hb.Value.Count == 1 ? "" : "s")}, {FactFormat.List(hb.Value.Select(FactFormat.Token))}{Flag(hb)}{targets}"
                    : $"{Possessive(tool.Name)} hardware backends are not on record{targets}";
            case Hosting.ClosedOnPremises:
                var own = Among(facts.DeploymentTargets, _ownHardware)!.Select(FactFormat.Target);
                return $"{tool.Name} keeps its weights closed{Flag(facts.OpenWeights!)} but lists {FactFormat.List(own)} deployment{Flag(facts.DeploymentTargets!)}, which goes through {tool.Vendor.Name}";
            case Hosting.CloudOnly:
                return tool.Kind == "provider"
                    ? $"{tool.Name} is a hosted service: nothing to run yourself"
                    : $"{tool.Name} is a cloud API{(facts.OpenWeights is { } w ? $" with closed weights{Flag(w)}" : "")}: nothing to run yourself";
            default:
                return $"{Possessive(tool.Name)} weights are not on record as open or closed";
        }
    }
}
