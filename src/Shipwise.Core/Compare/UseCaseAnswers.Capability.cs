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
            ? $" with {ParametersText(p.Value)}{Flag(p)}, {FactFormat.Gigabytes(MemoryNeeds.SmallestGigabytes(p.Value))} at 4-bit"
            : IsModel(winner) ? ", though its parameter count is not on record" : "," + Platforms(winner);
        if (other.Facts.DeploymentTargets is null && !IsCloudOnly(other) && !TooLargeForDevice(other))
        {
            return Answer(UseCases.OnDevice, Pick.Unknown, left, right,
                $"{winner.Name} runs on {FactFormat.List(devices)}{Flag(targets)}{size}; {OffDevice(other)}, so there is no pick.");
        }

        return Answer(UseCases.OnDevice, Side(leftOn), left, right,
            $"{winner.Name} runs on {FactFormat.List(devices)}{Flag(targets)}{size}; {OffDevice(other)}.");
    }

    private static UseCaseAnswer? SoftwarePlatforms(Tool left, Tool right, string where)
    {
        var lp = left.Facts.Platforms?.Value.Select(p => p.ToLowerInvariant()).ToHashSet();
        var rp = right.Facts.Platforms?.Value.Select(p => p.ToLowerInvariant()).ToHashSet();
        var both = $"{where}; {left.Name} works{Platforms(left)}, {right.Name}{Platforms(right)}";
        if (lp is null || rp is null)
        {
            return Answer(UseCases.OnDevice, Pick.Unknown, left, right, $"{both}, so there is no pick.");
        }

        if (lp.SetEquals(rp))
        {
            return null;
        }

        var onlyLeft = lp.Except(rp).Order(StringComparer.Ordinal).Select(FactFormat.Token).ToList();
        var onlyRight = rp.Except(lp).Order(StringComparer.Ordinal).Select(FactFormat.Token).ToList();
        if (onlyLeft.Count > 0 && onlyRight.Count > 0)
        {
            return Answer(UseCases.OnDevice, Pick.Depends, left, right,
                $"{both}. It depends on your devices: only {left.Name} supports {FactFormat.List(onlyLeft)}, only {right.Name} {FactFormat.List(onlyRight)}.");
        }

        return Answer(UseCases.OnDevice, Side(onlyLeft.Count > 0), left, right, $"{both}.");
    }

    /// <summary>" on 3 platforms (macOS, Windows and Linux)" for software, or that they are not on record.</summary>
    private static string Platforms(Tool tool) => tool.Facts.Platforms is { Value.Count: > 0 } platforms
        ? $" on {platforms.Value.Count} platform{(platforms.Value.Count == 1 ? "" : "s")} ({FactFormat.List(platforms.Value.Select(FactFormat.Token))}){Flag(platforms)}"
        : " on platforms not on record";

    /// <summary>Memory a device can give a model: beyond this at 4-bit, a model does not fit a phone or even a large laptop.</summary>
    public const decimal LargestDeviceGb = 64;

    private static bool TooLargeForDevice(Tool tool) =>
        tool.Facts.Parameters is { } p && MemoryNeeds.SmallestGigabytes(p.Value) > LargestDeviceGb;

    /// <summary>"Mistral Medium 3 is a cloud API only", "X targets server only (vendor claim)".</summary>
    private static string OffDevice(Tool tool)
    {
        if (tool.Facts.DeploymentTargets is not { } targets)
        {
            if (TooLargeForDevice(tool))
            {
                var p = tool.Facts.Parameters!;
                return $"{Possessive(tool.Name)} {ParametersText(p.Value)}{Flag(p)} need {FactFormat.Gigabytes(MemoryNeeds.SmallestGigabytes(p.Value))} even at 4-bit, more than a phone or a {FactFormat.Gigabytes(LargestDeviceGb)} laptop has";
            }

            return IsCloudOnly(tool)
                ? $"{tool.Name} is a cloud API with closed weights{(tool.Facts.OpenWeights is { } w ? Flag(w) : "")}"
                : $"{Possessive(tool.Name)} deployment targets are not on record";
        }

        if (targets.Value.Count == 0)
        {
            return $"{tool.Name} lists no deployment targets{Flag(targets)}";
        }

        return targets.Value.All(t => string.Equals(t, "cloud-api", StringComparison.OrdinalIgnoreCase))
            ? $"{tool.Name} is a cloud API only{Flag(targets)}"
            : $"{tool.Name} targets {FactFormat.List(targets.Value.Select(FactFormat.Target))} only{Flag(targets)}";
    }

    private static UseCaseAnswer? BothOnDevice(Tool left, List<string> l, Tool right, List<string> r)
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
                _ when !IsModel(w) => $"; {w.Name} works{Platforms(w)}, {o.Name}{Platforms(o)}",
                _ => "",
            };
            return Answer(UseCases.OnDevice, Side(leftWider), left, right,
                $"{w.Name} runs on {FactFormat.List(wd)}{Flag(wt)}, {o.Name} on {FactFormat.List(od)} only{Flag(ot)}{sizes}.");
        }

        // Software has no size: on the same devices, the operating systems it supports decide.
        if (!IsModel(left) && !IsModel(right))
        {
            return SoftwarePlatforms(left, right, where);
        }

        // A device runs out of memory first, and memory follows the total parameters: every expert of a mixture must be loaded.
        if (lp is not null && rp is not null)
        {
            var ltotal = lp.Value.TotalBillions;
            var rtotal = rp.Value.TotalBillions;
            if (ltotal != rtotal)
            {
                var leftSmaller = ltotal < rtotal;
                var (w, wp, o, op) = leftSmaller ? (left, lp, right, rp) : (right, rp, left, lp);
                return Answer(UseCases.OnDevice, Side(leftSmaller), left, right,
                    $"{where}; {w.Name} has {ParametersText(wp.Value)}{Flag(wp)}, {FactFormat.Gigabytes(MemoryNeeds.SmallestGigabytes(wp.Value))} at 4-bit, against {Possessive(o.Name)} {ParametersText(op.Value)}{Flag(op)}, {FactFormat.Gigabytes(MemoryNeeds.SmallestGigabytes(op.Value))}, so it needs less of the device's memory.");
            }
        }
        else if (lp is not null || rp is not null)
        {
            var leftKnown = lp is not null;
            var (w, wp, o) = leftKnown ? (left, lp!, right) : (right, rp!, left);
            return Answer(UseCases.OnDevice, Pick.Unknown, left, right,
                $"{where}; {w.Name} has {ParametersText(wp.Value)}{Flag(wp)}, {FactFormat.Gigabytes(MemoryNeeds.SmallestGigabytes(wp.Value))} at 4-bit, while {Possessive(o.Name)} parameter count is not on record, so the two cannot be sized against each other.");
        }

        // Here both sizes are known and equal in total parameters, or both unknown.
        var size = (lp, rp) switch
        {
            ({ } a, { } b) when a.Value == b.Value => $"with {ParametersText(a.Value)} each",
            ({ } a, _) => $"with {FactFormat.Number(a.Value.TotalBillions)}B parameters in total each",
            _ => "but neither parameter count is on record",
        };

        var runtimes = left.Facts.Runtimes is { Value.Count: > 0 } lr && right.Facts.Runtimes is { Value.Count: > 0 } rr
            ? $": {left.Name} runs with {FactFormat.List(lr.Value)}, {right.Name} with {FactFormat.List(rr.Value)}"
            : "";
        if (lp is null)
        {
            return Answer(UseCases.OnDevice, Pick.Unknown, left, right, $"{where}, {size}, so how much of your device each needs cannot be said.");
        }

        return Answer(UseCases.OnDevice, Pick.Depends, left, right, $"{where}, {size}, so it depends on your device and the runtimes it supports{runtimes}.");
    }

    /// <summary>A larger context window counts only when it is at least this many times the other: 20 % more text is not another class of document.</summary>
    public const decimal ContextLevelRatio = 1.2m;

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
            return Answer(UseCases.LongDocuments, Pick.Unknown, left, right,
                $"{w.Name} reads up to {FactFormat.Tokens(wc.Value)}{Flag(wc)} at once; {Possessive(o.Name)} context window is not on record, so the two cannot be compared.");
        }

        var leftLarger = l.Value > r.Value;
        var (winner, big, loser, small) = leftLarger ? (left, l, right, r) : (right, r, left, l);
        var ratio = (decimal)big.Value / Math.Max(small.Value, 1);

        // Windows this close (1M against 1.05M, 128,000 against 131,072) hold the same documents: nothing to decide.
        if (ratio < ContextLevelRatio)
        {
            return null;
        }

        var against = ratio >= 2 ? $"{FactFormat.Number(Math.Round(ratio, 1, MidpointRounding.AwayFromZero))} times" : "against";
        return Answer(UseCases.LongDocuments, Side(leftLarger), left, right,
            $"{winner.Name} reads up to {FactFormat.Tokens(big.Value)}{Flag(big)} at once, {against} {Possessive(loser.Name)} {FactFormat.Tokens(small.Value)}{Flag(small)}.");
    }

    private static readonly HashSet<string> _visionBenchmarks = new(StringComparer.Ordinal)
    {
        "lmarena-vision", "mmmu", "mathvista", "docvqa", "chartqa", "ocrbench", "textvqa", "ai2d", "mmbench", "video-mme", "opencompass-vlm",
    };

    private static UseCaseAnswer? Vision(Tool left, Tool right)
    {
        // Only models that read text as well: for an image or video generator, image input is a different question.
        if (!Taxonomy.IsTextCategory(left.Category) || !Taxonomy.IsTextCategory(right.Category))
        {
            return null;
        }

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
            if (oi is null)
            {
                return Answer(UseCases.Vision, Pick.Unknown, left, right,
                    $"{w.Name} takes {FactFormat.List(wv)} input{Flag(wi)}; {Possessive(o.Name)} input modalities are not on record, so there is no pick.");
            }

            return Answer(UseCases.Vision, Side(leftSees), left, right,
                $"{w.Name} takes {FactFormat.List(wv)} input{Flag(wi)}; {o.Name} takes {(oi.Value.Count == 0 ? "no listed input" : FactFormat.List(oi.Value) + " only")}{Flag(oi)}.{VisionScore(w)}");
        }

        var (lv, rv, lm, rm) = (l!, r!, li!, ri!);

        var shared = SharedEvaluations.Of(left, right).Where(s => s.LikeForLike && _visionBenchmarks.Contains(s.Left.Benchmark)).ToList();
        var top = shared.Count == 0 ? shared : [.. shared.Where(s => s.Trust >= shared[0].Trust - 1e-9)];
        var lw = top.Where(s => s.Leader == Leader.Left).ToList();
        var rw = top.Where(s => s.Leader == Leader.Right).ToList();
        var imageLead = lw.Count == rw.Count ? Leader.None : lw.Count > rw.Count ? Leader.Left : Leader.Right;

        // Image and video against one of them: taking video is a reason only for video work; on images, only a test both took ranks them.
        if (lv.Count != rv.Count)
        {
            var leftWider = lv.Count > rv.Count;
            var (w, wv, wi, o, ov, oi) = leftWider ? (left, lv, lm, right, rv, rm) : (right, rv, rm, left, lv, lm);
            var extra = FactFormat.List(wv.Except(ov, StringComparer.Ordinal));
            var inputs = $"{w.Name} takes {FactFormat.List(wv)} input{Flag(wi)}; {o.Name} takes {FactFormat.List(ov)} input only{Flag(oi)}";
            if (imageLead == (leftWider ? Leader.Left : Leader.Right))
            {
                var wins = leftWider ? lw : rw;
                return Answer(UseCases.Vision, Side(leftWider), left, right,
                    $"{inputs}, and on {FactFormat.List(ov)} input {w.Name} leads too: {Sentence(wins[0], left, right)}.{TrustCaveat(top)}");
            }

            var images = imageLead == Leader.None
                ? top.Count == 0
                    ? $"on {FactFormat.List(ov)} input, no test one evaluator ran on both says which reads it better"
                    : $"on {FactFormat.List(ov)} input, the tests both took do not separate them ({Sentence(top[0], left, right)})"
                : $"on {FactFormat.List(ov)} input, {o.Name} leads: {Sentence((leftWider ? rw : lw)[0], left, right)}";
            return Answer(UseCases.Vision, Pick.Depends, left, right,
                $"{inputs}. It depends on your material: for {extra}, only {w.Name}; {images}.{TrustCaveat(top)}");
        }

        if (!lv.SequenceEqual(rv))
        {
            return Answer(UseCases.Vision, Pick.Depends, left, right,
                $"{left.Name} takes {lv[0]} input{Flag(lm)} and {right.Name} {rv[0]} input{Flag(rm)}, so it depends on which of the two you work with.{SharedVision(left, right)}");
        }

        // Both see the same things: an image test both took decides, else nothing on record does.
        var seen = $"Both take {FactFormat.List(lv)} input{BothFlag(left, lm, right, rm)}";
        if (shared.Count == 0)
        {
            // Same inputs and no image test in common: nothing on record separates them here.
            return null;
        }

        if (imageLead == Leader.None)
        {
            var said = string.Join("; ", top.Take(3).Select(s => Sentence(s, left, right)));
            return Answer(UseCases.Vision, Pick.Depends, left, right,
                $"{seen}; {said}. The image tests {(lw.Count == 0 ? "do not separate them" : "split")}, so it depends on which is closer to your material.");
        }

        var leftAhead = imageLead == Leader.Left;
        var (ahead, won) = leftAhead ? (left, lw) : (right, rw);
        return Answer(UseCases.Vision, Side(leftAhead), left, right,
            $"{seen}; {ahead.Name} leads on {won.Count} of the {top.Count} most trusted image tests both took ({FactFormat.List(won.Take(4).Select(s => Benchmarks.ProseName(s.Left)))}): {Sentence(won[0], left, right)}.{TrustCaveat(top)}");
    }

    /// <summary>" On MMMU, X scores ..." for the most trusted image test both took, or nothing.</summary>
    private static string SharedVision(Tool left, Tool right) =>
        SharedEvaluations.Of(left, right).FirstOrDefault(s => s.LikeForLike && _visionBenchmarks.Contains(s.Left.Benchmark)) is { } shared
            ? $" {Capital(Sentence(shared, left, right))}."
            : "";

    /// <summary>" It scores 60.1% on MMMU (run by ..)." for the most trusted image test the tool reports, or nothing.</summary>
    private static string VisionScore(Tool tool) =>
        tool.Facts.Evaluations.Where(e => _visionBenchmarks.Contains(e.Benchmark)).OrderByDescending(SharedEvaluations.TrustOf).ThenByDescending(e => e.AsOf).FirstOrDefault() is { } e
            ? $" {tool.Name} scores {FactDisplay.Score(e)} on {Benchmarks.ProseName(e)} ({FactDisplay.Who(e.Evaluator, e.Relation)}{FactFormat.Flag(e.Status).Replace(" (", "; ", StringComparison.Ordinal).TrimEnd(')')})."
            : $" How well {tool.Name} reads images is not on record: no image test of it is.";
}
