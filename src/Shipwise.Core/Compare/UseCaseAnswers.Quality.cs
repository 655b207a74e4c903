using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Compare;

/// <summary>How well each does the job on tests both took, and how fast it answers.</summary>
internal static partial class UseCaseAnswers
{
    /// <summary>Speeds within this ratio of each other are level: providers and days vary more than that.</summary>
    public const decimal SpeedLevelRatio = 1.1m;

    // Benchmarks measure models; a runtime, an app or a provider is not scored on one.
    private static bool IsModel(Tool tool) => tool.Kind is "model" or "api" || tool.Facts.Evaluations.Count > 0;

    private static UseCaseAnswer? Quality(Tool left, Tool right)
    {
        if (!IsModel(left) || !IsModel(right))
        {
            return null;
        }

        var (le, re) = (left.Facts.Evaluations, right.Facts.Evaluations);
        if (le.Count == 0 && re.Count == 0)
        {
            return Answer(UseCases.Quality, Pick.Unknown, left, right,
                $"No evaluation of either is on record, so nothing here says whether {left.Name} or {right.Name} does the job better; test both on your own data.");
        }

        if (le.Count == 0 || re.Count == 0)
        {
            var (has, none) = le.Count > 0 ? (left, right) : (right, left);
            return Answer(UseCases.Quality, Pick.Unknown, left, right,
                $"Only {has.Name} has evaluations on record ({Reported(has)}); {Possessive(none.Name)} are not on record, so the two cannot be compared on quality.");
        }

        var all = SharedEvaluations.Of(left, right);
        if (all.Count == 0)
        {
            return Answer(UseCases.Quality, Pick.Unknown, left, right,
                $"No test both took is on record: {left.Name} reports {Reported(left)}; {right.Name} reports {Reported(right)}. Scores on different tests do not compare, so there is no pick on quality.");
        }

        // Only one evaluator's run of both is a comparison; two parties' separate figures differ in prompts and grading.
        var shared = all.Where(s => s.LikeForLike).ToList();
        if (shared.Count == 0)
        {
            var separate = all.Take(2).Select(s => Sentence(s, left, right));
            return Answer(UseCases.Quality, Pick.Unknown, left, right,
                $"Both took {FactFormat.List(all.Select(s => Benchmarks.ProseName(s.Left)).Take(3))}, but no evaluator ran both: {string.Join("; ", separate)}. "
                + "Figures from separate runs differ in prompts and grading, so they do not decide which does the job better.");
        }

        // Only the most trusted tier decides: a vendor's own figure never outvotes an independent one.
        var top = shared.Where(s => s.Trust >= shared[0].Trust - 1e-9).ToList();
        var rest = shared.Skip(top.Count).ToList();
        var leftWins = top.Count(s => s.Leader == Leader.Left);
        var rightWins = top.Count(s => s.Leader == Leader.Right);
        var caveat = TrustCaveat(top);
        if (leftWins == rightWins)
        {
            if (leftWins == 0)
            {
                return Answer(UseCases.Quality, Pick.Depends, left, right,
                    $"{Capital(string.Join("; ", top.Take(3).Select(s => Sentence(s, left, right))))}: level within {FactFormat.Number(SharedEvaluations.LevelWithin * 100)}%.{caveat} "
                    + "It depends on a test closer to your own task; none on record separates them.");
            }

            var l = top.Where(s => s.Leader == Leader.Left).Take(2).Select(s => Benchmarks.ProseName(s.Left));
            var r = top.Where(s => s.Leader == Leader.Right).Take(2).Select(s => Benchmarks.ProseName(s.Right));
            return Answer(UseCases.Quality, Pick.Depends, left, right,
                $"{Capital(string.Join("; ", top.Take(4).Select(s => Sentence(s, left, right))))}.{caveat} "
                + $"It depends on whether your task is closer to {FactFormat.List(l)}, where {left.Name} leads, or {FactFormat.List(r)}, where {right.Name} does.");
        }

        var leftAhead = leftWins > rightWins;
        var winner = leftAhead ? Leader.Left : Leader.Right;
        var shown = top.OrderByDescending(s => s.Leader == winner).Take(3).ToList();
        var reason = $"{Capital(string.Join("; ", shown.Select(s => Sentence(s, left, right))))}.";
        if (top.Count > shown.Count)
        {
            reason += $" {(leftAhead ? left : right).Name} leads on {Math.Max(leftWins, rightWins)} of the {top.Count} most trusted tests both took.";
        }

        reason += caveat;
        var against = rest.Where(s => s.Leader != winner && s.Leader != Leader.Tie).ToList();
        if (against.Count > 0)
        {
            var other = leftAhead ? right : left;
            reason += $" Less trusted figures point the other way on {FactFormat.List(against.Take(3).Select(s => Benchmarks.ProseName(s.Left)))}, where {other.Name} leads.";
        }

        return Answer(UseCases.Quality, Side(leftAhead), left, right, reason);
    }

    /// <summary>"on the AA Index v5 (both run by Artificial Analysis, independent; third-party), Gemini 4 Argon scores 50.5 points against Claude Haiku 5.5's 36.5 points".</summary>
    private static string Sentence(SharedEvaluation shared, Tool left, Tool right)
    {
        var leftFirst = shared.Leader != Leader.Right;
        var (w, we, o, oe) = leftFirst ? (left, shared.Left, right, shared.Right) : (right, shared.Right, left, shared.Left);
        var name = Benchmarks.ProseName(shared.Left) + (shared.LowerIsBetter ? ", lower is better" : "");
        var verb = shared.Leader == Leader.Tie ? "has" : "scores";
        if (shared.SameEvaluator && string.Equals(we.Relation, oe.Relation, StringComparison.Ordinal))
        {
            var who = FactDisplay.Who(we.Evaluator, we.Relation).Replace("run by", "both run by", StringComparison.Ordinal);
            return $"on {name} ({who}{StatusNote(we.Status, oe.Status, w, o)}), {w.Name} {verb} {FactDisplay.Score(we)} against {Possessive(o.Name)} {FactDisplay.Score(oe)}{Settings(we, oe)}";
        }

        return $"on {name}, {w.Name} {verb} {FactDisplay.Score(we)} ({FactDisplay.Who(we.Evaluator, we.Relation)}{FactFormat.Flag(we.Status).Replace(" (", "; ", StringComparison.Ordinal).TrimEnd(')')}) "
            + $"against {Possessive(o.Name)} {FactDisplay.Score(oe)} ({FactDisplay.Who(oe.Evaluator, oe.Relation)}{FactFormat.Flag(oe.Status).Replace(" (", "; ", StringComparison.Ordinal).TrimEnd(')')}){Settings(we, oe)}";
    }

    private static string StatusNote(FactStatus a, FactStatus b, Tool at, Tool bt)
    {
        if (a == b)
        {
            return a == FactStatus.Verified ? "" : $"; {FactFormat.Status(a)}";
        }

        var notes = new List<string>();
        if (a != FactStatus.Verified)
        {
            notes.Add($"{FactFormat.Status(a)} for {at.Name}");
        }

        if (b != FactStatus.Verified)
        {
            notes.Add($"{FactFormat.Status(b)} for {bt.Name}");
        }

        return "; " + string.Join(", ", notes);
    }

    /// <summary>", in different settings (5-shot against 0-shot)" when both name a setting and they differ.</summary>
    private static string Settings(Evaluation a, Evaluation b) =>
        a.Setting is { Length: > 0 } sa && b.Setting is { Length: > 0 } sb && !string.Equals(sa, sb, StringComparison.OrdinalIgnoreCase)
            ? $", in different settings ({sa} against {sb})"
            : "";

    /// <summary>Said when the deciding figures are not independent on both sides: whose word they are.</summary>
    private static string TrustCaveat(IReadOnlyList<SharedEvaluation> top)
    {
        var relations = top.SelectMany(s => new[] { s.Left.Relation, s.Right.Relation }).Distinct().ToList();
        if (relations.All(r => r == EvaluatorRelation.Independent))
        {
            return "";
        }

        var oneVendor = top.Where(s => s.Left.Relation == EvaluatorRelation.Vendor).Select(s => s.Left.Evaluator)
            .Concat(top.Where(s => s.Right.Relation == EvaluatorRelation.Vendor).Select(s => s.Right.Evaluator))
            .Distinct(StringComparer.OrdinalIgnoreCase).Count() == 1;
        var whose = FactFormat.List(relations.Where(r => r != EvaluatorRelation.Independent).Order(StringComparer.Ordinal).Select(r => r switch
        {
            EvaluatorRelation.Vendor => oneVendor ? "the vendor's own" : "the vendors' own",
            EvaluatorRelation.RivalVendor => "a rival vendor's",
            _ => "an unnamed evaluator's",
        }));
        return $" No independent test both took is on record; {(relations.Contains(EvaluatorRelation.Independent) ? "some of " : "")}these figures are {whose}, so treat the gap as a claim to check.";
    }

    /// <summary>"MMLU 87.3%, GPQA Diamond 51.1% and 4 more".</summary>
    private static string Reported(Tool tool)
    {
        var all = tool.Facts.Evaluations
            .OrderByDescending(SharedEvaluations.TrustOf)
            .ThenBy(e => e.Benchmark, StringComparer.Ordinal)
            .DistinctBy(Benchmarks.ComparableKey)
            .ToList();
        var named = all.Take(2).Select(e => $"{Benchmarks.ProseName(e)} {FactDisplay.Score(e)}").ToList();
        if (all.Count > 2)
        {
            named.Add($"{all.Count - 2} more");
        }

        return FactFormat.List(named);
    }

    private static UseCaseAnswer? Speed(Tool left, Tool right)
    {
        var ls = Fastest(left);
        var rs = Fastest(right);
        if (ls is null && rs is null)
        {
            return null;
        }

        if (ls is null || rs is null)
        {
            var (has, hs, none) = ls is not null ? (left, ls, right) : (right, rs!, left);
            return Answer(UseCases.Speed, Pick.Unknown, left, right,
                $"Only {Possessive(has.Name)} speed is measured: {SpeedText(hs)}. {Possessive(none.Name)} speed is not on record, so the two cannot be compared.");
        }

        var both = $"{left.Name}: {SpeedText(ls)}; {right.Name}: {SpeedText(rs)}.";
        var measurers = string.Equals(ls.MeasuredBy, rs.MeasuredBy, StringComparison.OrdinalIgnoreCase)
            ? ""
            : " They were measured by different parties on different hosts, so treat the gap as rough.";
        var throughput = Faster(ls.OutputTokensPerSecond, rs.OutputTokensPerSecond, higherIsBetter: true);
        var firstToken = Faster(ls.TimeToFirstTokenSeconds, rs.TimeToFirstTokenSeconds, higherIsBetter: false);
        if (throughput is Leader.Left or Leader.Right && firstToken is Leader.Left or Leader.Right && throughput != firstToken)
        {
            var (streams, starts) = throughput == Leader.Left ? (left, right) : (right, left);
            return Answer(UseCases.Speed, Pick.Depends, left, right,
                $"{both} It depends on the length of your answers: {streams.Name} streams long ones faster, {starts.Name} starts short ones sooner.{measurers}");
        }

        var lead = throughput is Leader.Left or Leader.Right ? throughput : firstToken;
        if (lead is Leader.Left or Leader.Right)
        {
            var leftFaster = lead == Leader.Left;
            var (w, ws, o, os) = leftFaster ? (left, ls, right, rs) : (right, rs, left, ls);
            var how = throughput == lead
                ? $"{w.Name} writes {FactFormat.Number(ws.OutputTokensPerSecond!.Value)} tokens/s against {Possessive(o.Name)} {FactFormat.Number(os.OutputTokensPerSecond!.Value)}"
                : $"{w.Name} starts answering in {FactFormat.Number(ws.TimeToFirstTokenSeconds!.Value)} s against {Possessive(o.Name)} {FactFormat.Number(os.TimeToFirstTokenSeconds!.Value)} s";
            return Answer(UseCases.Speed, Side(leftFaster), left, right, $"{how}. {both}{measurers}");
        }

        return Answer(UseCases.Speed, Pick.Depends, left, right,
            $"{both} That is level within {FactFormat.Number((SpeedLevelRatio - 1) * 100)}%, so it depends on the host and hardware you run it on.{measurers}");
    }

    /// <summary>The fastest figure on record: highest output speed, else quickest first token; the most trusted measurer breaks ties.</summary>
    private static SpeedMeasurement? Fastest(Tool tool) => tool.Facts.Speed
        .Where(s => s.OutputTokensPerSecond is not null || s.TimeToFirstTokenSeconds is not null)
        .OrderByDescending(s => s.OutputTokensPerSecond ?? -1)
        .ThenBy(s => s.TimeToFirstTokenSeconds ?? decimal.MaxValue)
        .ThenByDescending(s => FactUse.RelationWeight(s.Relation))
        .FirstOrDefault();

    private static Leader Faster(decimal? left, decimal? right, bool higherIsBetter)
    {
        if (left is not { } l || right is not { } r || l <= 0 || r <= 0)
        {
            return Leader.None;
        }

        if (Math.Max(l, r) / Math.Min(l, r) < SpeedLevelRatio)
        {
            return Leader.Tie;
        }

        return (l > r) == higherIsBetter ? Leader.Left : Leader.Right;
    }

    /// <summary>"153 tokens/s and 1.22 s to first token on OpenRouter, measured by OpenRouter, independent (third-party)".</summary>
    private static string SpeedText(SpeedMeasurement s)
    {
        var parts = new List<string>();
        if (s.OutputTokensPerSecond is { } tps)
        {
            parts.Add($"{FactFormat.Number(tps)} tokens/s");
        }

        if (s.TimeToFirstTokenSeconds is { } ttft)
        {
            parts.Add($"{FactFormat.Number(ttft)} s to first token");
        }

        var who = FactDisplay.Who(s.MeasuredBy, s.Relation).Replace("run by", "measured by", StringComparison.Ordinal);
        return $"{FactFormat.List(parts)} on {s.Provider}, {who}{FactFormat.Flag(s.Status)}";
    }
}
