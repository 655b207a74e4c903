using Shipwise.Core.Catalog;

namespace Shipwise.Core.Compare;

/// <summary>What each tool can do: run on a device, read long inputs, see images.</summary>
internal static partial class UseCaseAnswers
{
    private static readonly string[] _devices = ["phone", "laptop"];
    private static readonly string[] _visual = ["image", "video"];

    private static UseCaseAnswer? OnDevice(Tool left, Tool right)
    {
        var l = Among(left.Facts.DeploymentTargets, _devices);
        var r = Among(right.Facts.DeploymentTargets, _devices);
        var leftOn = l is { Count: > 0 };
        var rightOn = r is { Count: > 0 };
        if (!leftOn && !rightOn)
        {
            return null;
        }

        if (leftOn && rightOn)
        {
            return BothOnDevice(left, l!, right, r!);
        }

        var (winner, devices, other) = leftOn ? (left, l!, right) : (right, r!, left);
        var targets = winner.Facts.DeploymentTargets!;
        var size = winner.Facts.Parameters is { } p
            ? $" with {ParametersText(p.Value)}{Flag(p)}"
            : ", though its parameter count is not on record";
        return Answer(UseCases.OnDevice, Side(leftOn), left, right,
            $"{winner.Name} runs on {FactFormat.List(devices)}{Flag(targets)}{size}; {OffDevice(other)}.");
    }

    /// <summary>"Mistral Medium 3 is a cloud API only", "X targets server only (vendor claim)".</summary>
    private static string OffDevice(Tool tool)
    {
        if (tool.Facts.DeploymentTargets is not { } targets)
        {
            return $"{Possessive(tool.Name)} deployment targets are not on record";
        }

        if (targets.Value.Count == 0)
        {
            return $"{tool.Name} lists no deployment targets{Flag(targets)}";
        }

        return targets.Value.All(t => string.Equals(t, "cloud-api", StringComparison.OrdinalIgnoreCase))
            ? $"{tool.Name} is a cloud API only{Flag(targets)}"
            : $"{tool.Name} targets {FactFormat.List(targets.Value.Select(FactFormat.Target))} only{Flag(targets)}";
    }

    private static UseCaseAnswer BothOnDevice(Tool left, List<string> l, Tool right, List<string> r)
    {
        var lt = left.Facts.DeploymentTargets!;
        var rt = right.Facts.DeploymentTargets!;
        var where = l.SequenceEqual(r)
            ? $"Both run on {FactFormat.List(l)}{BothFlag(left, lt, right, rt)}"
            : $"{left.Name} runs on {FactFormat.List(l)}{Flag(lt)} and {right.Name} on {FactFormat.List(r)}{Flag(rt)}";
        var lp = left.Facts.Parameters;
        var rp = right.Facts.Parameters;

        // A device it cannot run on rules a tool out for that reader, so wider reach decides before size does.
        if (l.Count != r.Count)
        {
            var leftWider = l.Count > r.Count;
            var (w, wd, wt, wp, o, od, ot, op) = leftWider ? (left, l, lt, lp, right, r, rt, rp) : (right, r, rt, rp, left, l, lt, lp);
            var sizes = (wp, op) switch
            {
                ({ } a, { } b) => $"; {w.Name} has {ParametersText(a.Value)}{Flag(a)}, {o.Name} {ParametersText(b.Value)}{Flag(b)}",
                ({ } a, null) => $"; {w.Name} has {ParametersText(a.Value)}{Flag(a)}",
                _ => "",
            };
            return Answer(UseCases.OnDevice, Side(leftWider), left, right,
                $"{w.Name} runs on {FactFormat.List(wd)}{Flag(wt)}, {o.Name} on {FactFormat.List(od)} only{Flag(ot)}{sizes}.");
        }

        // Fewer active parameters is less memory and less work per token: the first thing a device runs out of.
        if (lp is not null && rp is not null)
        {
            var la = FactFormat.ActiveBillions(lp.Value);
            var ra = FactFormat.ActiveBillions(rp.Value);
            if (la != ra)
            {
                var leftSmaller = la < ra;
                var (w, wp, o, op) = leftSmaller ? (left, lp, right, rp) : (right, rp, left, lp);
                return Answer(UseCases.OnDevice, Side(leftSmaller), left, right,
                    $"{where}; {w.Name} has {ParametersText(wp.Value)}{Flag(wp)} against {Possessive(o.Name)} {ParametersText(op.Value)}{Flag(op)}, so it does less work per token.");
            }
        }
        else if (lp is not null || rp is not null)
        {
            var leftKnown = lp is not null;
            var (w, wp, o) = leftKnown ? (left, lp!, right) : (right, rp!, left);
            return Answer(UseCases.OnDevice, Side(leftKnown), left, right,
                $"{where}; {w.Name} has {ParametersText(wp.Value)}{Flag(wp)}, while {Possessive(o.Name)} parameter count is not on record, so only {w.Name} can be sized for your device.");
        }

        // Here both sizes are known and equal in active parameters, or both unknown.
        var size = (lp, rp) switch
        {
            ({ } a, { } b) when a.Value == b.Value => $"with {ParametersText(a.Value)} each",
            ({ } a, _) => $"with {FactFormat.Number(FactFormat.ActiveBillions(a.Value))}B active parameters each",
            _ => "but neither lists a parameter count",
        };

        var runtimes = left.Facts.Runtimes is { Value.Count: > 0 } lr && right.Facts.Runtimes is { Value.Count: > 0 } rr
            ? $": {left.Name} runs with {FactFormat.List(lr.Value)}, {right.Name} with {FactFormat.List(rr.Value)}"
            : "";
        var on = lp is not null
            ? $"your device and the runtimes it supports{runtimes}"
            : $"how much memory each needs on your device";
        return Answer(UseCases.OnDevice, Pick.Depends, left, right, $"{where}, {size}, so it depends on {on}.");
    }

    private static UseCaseAnswer? LongDocuments(Tool left, Tool right)
    {
        var l = left.Facts.ContextWindow;
        var r = right.Facts.ContextWindow;
        if (l is null && r is null)
        {
            return null;
        }

        if (l is null || r is null)
        {
            var leftKnown = l is not null;
            var (w, wc, o) = leftKnown ? (left, l!, right) : (right, r!, left);
            return Answer(UseCases.LongDocuments, Side(leftKnown), left, right,
                $"{w.Name} reads up to {FactFormat.Tokens(wc.Value)}{Flag(wc)} at once; {Possessive(o.Name)} context window is not on record.");
        }

        // Windows that read the same ("128K tokens" for 128,000 and 131,072) are a tie, not a win by 3,072 tokens.
        if (FactFormat.Tokens(l.Value) == FactFormat.Tokens(r.Value))
        {
            var cost = "";
            if (left.Facts.Pricing?.Value.InputPerMillionTokensUsd is { } li && right.Facts.Pricing?.Value.InputPerMillionTokensUsd is { } ri)
            {
                cost = $", and on cost: filling it once costs {FactFormat.Usd(FullWindow(l.Value, li))} with {left.Name} and {FactFormat.Usd(FullWindow(r.Value, ri))} with {right.Name}";
            }

            return Answer(UseCases.LongDocuments, Pick.Depends, left, right,
                $"Both read up to {FactFormat.Tokens(l.Value)}{BothFlag(left, l, right, r)} at once, so it depends on how well each handles a full window of your documents{cost}.");
        }

        var leftLarger = l.Value > r.Value;
        var (winner, big, loser, small) = leftLarger ? (left, l, right, r) : (right, r, left, l);
        var ratio = (decimal)big.Value / Math.Max(small.Value, 1);
        var against = ratio >= 2 ? $"{FactFormat.Number(Math.Round(ratio, 1, MidpointRounding.AwayFromZero))} times" : "against";
        return Answer(UseCases.LongDocuments, Side(leftLarger), left, right,
            $"{winner.Name} reads up to {FactFormat.Tokens(big.Value)}{Flag(big)} at once, {against} {Possessive(loser.Name)} {FactFormat.Tokens(small.Value)}{Flag(small)}.");
    }

    private static decimal FullWindow(int tokens, decimal perMillion) =>
        Math.Round(tokens * perMillion / 1_000_000m, 4, MidpointRounding.AwayFromZero);

    private static UseCaseAnswer? Vision(Tool left, Tool right)
    {
        var l = Among(left.Facts.InputModalities, _visual);
        var r = Among(right.Facts.InputModalities, _visual);
        var leftSees = l is { Count: > 0 };
        var rightSees = r is { Count: > 0 };
        if (!leftSees && !rightSees)
        {
            return null;
        }

        var li = left.Facts.InputModalities;
        var ri = right.Facts.InputModalities;
        if (!leftSees || !rightSees)
        {
            var (w, wv, wi, o, oi) = leftSees ? (left, l!, li!, right, ri) : (right, r!, ri!, left, li);
            var other = oi is null
                ? $"{Possessive(o.Name)} input modalities are not on record"
                : $"{o.Name} takes {(oi.Value.Count == 0 ? "no listed input" : FactFormat.List(oi.Value) + " only")}{Flag(oi)}";
            return Answer(UseCases.Vision, Side(leftSees), left, right,
                $"{w.Name} takes {FactFormat.List(wv)} input{Flag(wi)}; {other}.");
        }

        var (lv, rv, lm, rm) = (l!, r!, li!, ri!);
        if (lv.SequenceEqual(rv))
        {
            return Answer(UseCases.Vision, Pick.Depends, left, right,
                $"Both take {FactFormat.List(lv)} input{BothFlag(left, lm, right, rm)}, so it depends on how well each reads your own material; try both on a sample.");
        }

        // Image and video against one of them: the wider one covers the other's use.
        if (lv.Count != rv.Count)
        {
            var leftWider = lv.Count > rv.Count;
            var (w, wv, wi, o, ov, oi) = leftWider ? (left, lv, lm, right, rv, rm) : (right, rv, rm, left, lv, lm);
            return Answer(UseCases.Vision, Side(leftWider), left, right,
                $"{w.Name} takes {FactFormat.List(wv)} input{Flag(wi)}; {o.Name} takes {FactFormat.List(ov)} input only{Flag(oi)}.");
        }

        return Answer(UseCases.Vision, Pick.Depends, left, right,
            $"{left.Name} takes {lv[0]} input{Flag(lm)} and {right.Name} {rv[0]} input{Flag(rm)}, so it depends on which of the two you work with.");
    }
}
