using System.Globalization;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;

namespace Shipwise.Core.Compare;

/// <summary>
/// "Which one should you ship with?", per use case. Each answer rests on named facts with
/// their numbers; an unknown fact is said to be unknown, never filled in; "it depends" is kept
/// for a real tie and names what it depends on; a use case shows only when a side has the
/// facts that make it one.
/// </summary>
internal static partial class UseCaseAnswers
{
    public static IReadOnlyList<UseCaseAnswer> For(CompareSide left, CompareSide right, CompareContext context)
    {
        var l = left.Tool;
        var r = right.Tool;
        var fit = FitOf(l, r);

        // Tools that do different jobs get that said and nothing else: "cheaper" or "faster" between them means nothing.
        UseCaseAnswer?[] answers = fit.DifferentJobs
            ? [Alternatives(fit, l, r)]
            :
            [
                fit.AreSubstitutes ? null : Alternatives(fit, l, r),
                Lifecycle(l, r, context),
                Quality(l, r),
                CostAtVolume(l, r, context),
                Speed(l, r),
                Hardware(l, r, context),
                ApiFeatures(l, r),
                DataHandling(l, r),
                CommercialLicence(l, r),
                Customisation(l, r),
                LongDocuments(l, r),
                Vision(l, r),
                OnDevice(l, r),
            ];
        var decided = answers.OfType<UseCaseAnswer>().Select(a => NeverRetired(a, l, r)).ToList();
        if (!fit.DifferentJobs && Overall(left, right, fit, decided, context) is { } overall)
        {
            decided.Add(NeverRetired(overall, l, r));
        }

        return decided;
    }

    /// <summary>A retired tool, or one no source confirms, is never the pick: the other side is, if it can be, else neither.</summary>
    private static UseCaseAnswer NeverRetired(UseCaseAnswer answer, Tool left, Tool right)
    {
        var (picked, other) = answer.Pick switch
        {
            Pick.Left => (left, right),
            Pick.Right => (right, left),
            _ => (null, null),
        };
        if (picked is null || LifecycleNotice.CanBePicked(picked.Facts.Lifecycle?.Value))
        {
            return answer;
        }

        var why = $"{answer.Reason} {picked.Name} would win on this, but {Gone(picked)}";
        if (!LifecycleNotice.CanBePicked(other!.Facts.Lifecycle?.Value))
        {
            return Answer(answer.UseCase, Pick.Neither, left, right, $"{why}, and {Gone(other)}.");
        }

        // The side left over is not a pick when it fails the question itself: a non-commercial licence stays one.
        if (answer.UseCase == UseCases.CommercialLicence && other.Facts.License is not null && CommercialUse(other) == Commercial.Restricted)
        {
            return Answer(answer.UseCase, Pick.Neither, left, right, $"{why}, and {Possessive(other.Name)} licence does not allow commercial use either.");
        }

        return Answer(answer.UseCase, answer.Pick == Pick.Left ? Pick.Right : Pick.Left, left, right, $"{why}, so {other.Name} is the one you can still use.");
    }

    private static string Gone(Tool tool) => tool.Facts.Lifecycle?.Value is { Status: LifecycleStatus.Unconfirmed }
        ? "no public source confirms it exists"
        : tool.Facts.Lifecycle?.Value.ShutdownDate is { } off ? $"it was retired on {FactFormat.Date(off)}" : "it has been retired";

    /// <summary>
    /// The answers that follow from one fact, that you can run it yourself: open weights win all
    /// of them at once, so together they count as one point, not five.
    /// </summary>
    private static readonly HashSet<string> _ownership = new(StringComparer.Ordinal)
    {
        UseCases.Hardware, UseCases.DataHandling, UseCases.CommercialLicence, UseCases.Customisation, UseCases.OnDevice,
    };

    /// <summary>What one side's won answers weigh when the panel is too close to call: quality, cost and lifecycle 2, the rest 1, ownership 1 in all.</summary>
    private static int Weight(IEnumerable<UseCaseAnswer> won)
    {
        var list = won.ToList();
        return list.Where(a => !_ownership.Contains(a.UseCase)).Sum(a => a.UseCase is UseCases.Quality or UseCases.CostAtVolume or UseCases.Lifecycle ? 2 : 1)
            + (list.Any(a => _ownership.Contains(a.UseCase)) ? 1 : 0);
    }

    private static UseCaseAnswer? Overall(CompareSide left, CompareSide right, Fit fit, IReadOnlyList<UseCaseAnswer> answers, CompareContext context)
    {
        var l = left.Panel;
        var r = right.Panel;
        var (lt, rt) = (left.Tool, right.Tool);
        if (!fit.AreSubstitutes)
        {
            var (small, large) = (fit.Small!, fit.Large!);
            var (sp, lp) = small == lt ? (l, r) : (r, l);
            return Answer(UseCases.Overall, Pick.Depends, lt, rt,
                $"They are not alternatives, so it depends on where it must run: on the device, {small.Name} ({StandingOrGone(small, sp, context)}); on servers, {large.Name} ({StandingOrGone(large, lp, context)}).");
        }

        var (won, lost) = Tally(answers);

        // A retired or unconfirmed tool has no verdict to weigh: say what replaces it, then judge the other alone.
        var leftGone = !LifecycleNotice.CanBePicked(lt.Facts.Lifecycle?.Value);
        var rightGone = !LifecycleNotice.CanBePicked(rt.Facts.Lifecycle?.Value);
        if (leftGone || rightGone)
        {
            return GoneOverall(left, right, leftGone, rightGone, context);
        }

        if (l.Verdict is null && r.Verdict is null)
        {
            return null;
        }

        if (l.Verdict is null || r.Verdict is null)
        {
            var leftKnown = l.Verdict is not null;
            var (known, knownName, other) = leftKnown ? (l, lt.Name, right) : (r, rt.Name, left);
            var ships = known.Verdict == Verdict.Ship;
            var reason = $"The panel {(ships ? "ships" : "skips")} {knownName} ({Standing(known)}); {NoVerdict(other)}.";
            return NotDeprecated(Answer(UseCases.Overall, ships ? Side(leftKnown) : Pick.Neither, lt, rt, reason), left, right, context);
        }

        if (l.Verdict == Verdict.Skip && r.Verdict == Verdict.Skip)
        {
            var between = (won.Count, lost.Count) switch
            {
                (0, 0) => "",
                (_, 0) => $" If you must choose between these two, {Leads(lt, won)}.",
                (0, _) => $" If you must choose between these two, {Leads(rt, lost)}.",
                _ => $" Between these two, {Leads(lt, won)}; {Leads(rt, lost)}.",
            };
            return Answer(UseCases.Overall, Pick.Neither, lt, rt,
                $"The panel skips both: {lt.Name} ({Standing(l)}) and {rt.Name} ({Standing(r)}).{between}");
        }

        var shipDiff = (l.ShipPercent ?? 0) - (r.ShipPercent ?? 0);
        var meanDiff = l.MeanScore is { } lm && r.MeanScore is { } rm ? lm - rm : 0;
        var byShip = Math.Abs(shipDiff) >= UseCases.CloseShipPercentGap;
        var leftAhead = shipDiff != 0 ? shipDiff > 0 : meanDiff > 0;

        // Ship % and mean score must agree: 80 % ship on a lower mean is one critic's flip, not a lead.
        var contradicts = shipDiff != 0 && Math.Sign(shipDiff) != Math.Sign(meanDiff) && Math.Abs(meanDiff) >= UseCases.ContradictingMeanScoreGap;

        // Verdicts that differ must agree with the gap that decides; a skipped tool never wins on its mean score.
        var clear = (byShip || Math.Abs(meanDiff) >= UseCases.CloseMeanScoreGap) && !contradicts
            && (l.Verdict == r.Verdict || (leftAhead ? l.Verdict : r.Verdict) == Verdict.Ship);
        if (clear)
        {
            var (w, wn, o, on) = leftAhead ? (l, lt.Name, r, rt.Name) : (r, rt.Name, l, lt.Name);
            var panel = w.Verdict == o.Verdict
                ? $"The panel ships both, {wn} clearly ahead: {Standing(w)} against {Possessive(on)} {Standing(o)}."
                : $"The panel ships {wn} ({Standing(w)}) and skips {on} ({Standing(o)}).";
            var against = (leftAhead ? lost : won).Where(a => a.UseCase is UseCases.Quality or UseCases.CostAtVolume).Select(a => Topic(a.UseCase)).ToList();
            var caveat = against.Count > 0 ? $" {on} is ahead on {FactFormat.List(against)} in the answers above, so check those if they decide it for you." : "";
            return NotDeprecated(Answer(UseCases.Overall, Side(leftAhead), lt, rt, panel + caveat), left, right, context);
        }

        var close = contradicts
            ? $"The panel is too close to call: {(shipDiff > 0 ? lt : rt).Name} has more ships but {(meanDiff > 0 ? lt : rt).Name} the higher mean score ({lt.Name}: {Standing(l)}; {rt.Name}: {Standing(r)})."
            : $"The panel is too close to call: {lt.Name} ({Standing(l)}) and {rt.Name} ({Standing(r)}) are under {UseCases.CloseShipPercentGap} points of ship % and {FactFormat.Number((decimal)UseCases.CloseMeanScoreGap)} of mean score apart.";
        var leftScore = Weight(won);
        var rightScore = Weight(lost);

        // Without a test both took, nothing says which does the job better: the other answers cannot settle it.
        var blind = answers.Any(a => a.UseCase == UseCases.Quality && a.Pick == Pick.Unknown);
        if (Math.Abs(leftScore - rightScore) >= 2 && !blind)
        {
            var leftWins = leftScore > rightScore;
            var (w, wl, o, ol) = leftWins ? (lt, won, rt, lost) : (rt, lost, lt, won);
            var other = ol.Count > 0 ? $"; {Leads(o, ol)}" : "";
            return NotDeprecated(Answer(UseCases.Overall, Side(leftWins), lt, rt,
                $"{close} The answers above decide it: {Leads(w, wl)}{other}."), left, right, context);
        }

        var leads = (won.Count, lost.Count) switch
        {
            (0, 0) => "",
            (_, 0) => Leads(lt, won),
            (0, _) => Leads(rt, lost),
            _ => $"{Leads(lt, won)}; {Leads(rt, lost)}",
        };
        if (blind)
        {
            return Answer(UseCases.Overall, Pick.Depends, lt, rt,
                $"{close} No test both took says which does the job better, so it depends on how each does on your own task{(leads.Length > 0 ? $"; beyond that, {leads}" : "")}.");
        }

        var split = (won.Count, lost.Count) switch
        {
            (0, 0) => "and no answer above separates them",
            (_, 0) or (0, _) => $"and the answers above barely separate them ({leads})",
            _ => $"and the answers above split: {leads}",
        };
        return Answer(UseCases.Overall, Pick.Depends, lt, rt, $"{close[..^1]}, {split}. It depends on which of those matters most to you.");
    }

    private static string Leads(Tool tool, List<UseCaseAnswer> list) => $"{tool.Name} leads on {FactFormat.List(list.Select(a => Topic(a.UseCase)))}";

    /// <summary>"X has no panel verdict yet", or that the critics who read it took no side.</summary>
    private static string NoVerdict(CompareSide side) => side.Panel is { Ships: 0, Skips: 0, NoTakes: > 0 } panel
        ? $"no critic takes a side on {side.Tool.Name} ({panel.NoTakes} say too little is on record)"
        : $"{side.Tool.Name} has no panel verdict yet";

    /// <summary>
    /// Overall when a side is retired or unconfirmed: it is out, what replaces it is named, and the
    /// other side stands on its own verdict.
    /// </summary>
    private static UseCaseAnswer GoneOverall(CompareSide left, CompareSide right, bool leftGone, bool rightGone, CompareContext context)
    {
        var (lt, rt) = (left.Tool, right.Tool);
        string Out(Tool t) => GoneWithSuccessor(t, context);
        if (leftGone && rightGone)
        {
            return Answer(UseCases.Overall, Pick.Neither, lt, rt, $"Neither can be used. {Capital(Out(lt))}. {Capital(Out(rt))}.");
        }

        var (gone, stays) = leftGone ? (left, right) : (right, left);
        var head = $"Only {stays.Tool.Name} can still be used. {Capital(Out(gone.Tool))}.";
        var answer = stays.Panel.Verdict switch
        {
            Verdict.Ship => Answer(UseCases.Overall, Side(stays == left), lt, rt, $"{head} The panel ships {stays.Tool.Name} ({Standing(stays.Panel)})."),
            Verdict.Skip => Answer(UseCases.Overall, Pick.Neither, lt, rt, $"{head} The panel skips {stays.Tool.Name} too ({Standing(stays.Panel)}), so start on neither."),
            _ => Answer(UseCases.Overall, Pick.Unknown, lt, rt, $"{head} {Capital(NoVerdict(stays))}, so nothing here says to ship it."),
        };
        return NotDeprecated(answer, left, right, context);
    }

    /// <summary>The panel's word on a tool, or for one that cannot be used any more, that it is gone and what replaces it.</summary>
    private static string StandingOrGone(Tool tool, PanelSummary panel, CompareContext context) =>
        LifecycleNotice.CanBePicked(tool.Facts.Lifecycle?.Value)
            ? PanelText(panel)
            : $"{Gone(tool)}{(tool.Facts.Lifecycle?.Value.Successor is { } s ? $"; {context.NameOf(s)} replaces it" : "")}";

    /// <summary>"Gone Api: it was retired on 23 Oct 2026; Successor Api replaces it".</summary>
    private static string GoneWithSuccessor(Tool tool, CompareContext context) =>
        $"{tool.Name}: {Gone(tool)}{(tool.Facts.Lifecycle?.Value.Successor is { } s ? $"; {context.NameOf(s)} replaces it" : "")}";

    /// <summary>The answers each side wins, for weighing when the panel is too close to call.</summary>
    private static (List<UseCaseAnswer> Left, List<UseCaseAnswer> Right) Tally(IReadOnlyList<UseCaseAnswer> answers) =>
        (answers.Where(a => a.Pick == Pick.Left).ToList(), answers.Where(a => a.Pick == Pick.Right).ToList());

    private static string Topic(string useCase) => UseCases.Label(useCase);

    /// <summary>A deprecated tool is not the one to start on when the other side is not: the overall pick moves, or goes to neither.</summary>
    private static UseCaseAnswer NotDeprecated(UseCaseAnswer answer, CompareSide left, CompareSide right, CompareContext context)
    {
        var (picked, other) = answer.Pick switch
        {
            Pick.Left => (left, right),
            Pick.Right => (right, left),
            _ => (null, null),
        };
        if (picked?.Tool.Facts.Lifecycle?.Value is not { Status: LifecycleStatus.Deprecated } gone
            || LifecycleRank(other!.Tool) is not > 1)
        {
            return answer;
        }

        var when = gone.ShutdownDate is { } off
            ? off < context.Today ? $"is deprecated, its vendor's hosted service shut down on {FactFormat.Date(off)}" : $"shuts down on {FactFormat.Date(off)}"
            : "is deprecated with no shutdown date on record";
        var reason = $"{answer.Reason} But {picked.Tool.Name} {when}";
        return other.Panel.Verdict == Verdict.Skip
            ? Answer(UseCases.Overall, Pick.Neither, left.Tool, right.Tool, $"{reason}, and the panel skips {other.Tool.Name}, so start on neither.")
            : Answer(UseCases.Overall, answer.Pick == Pick.Left ? Pick.Right : Pick.Left, left.Tool, right.Tool, $"{reason}, so {other.Tool.Name} is the one to start on.");
    }

    private static string PanelText(PanelSummary panel) => panel.Verdict is { } verdict
        ? $"the panel says {verdict.Label().ToLowerInvariant()}, {Standing(panel)}"
        : "no panel verdict yet";

    private static string Standing(PanelSummary panel)
    {
        var text = $"{panel.Ships} ship / {panel.Skips} skip, {panel.ShipPercent}% ship";
        return panel.MeanScore is { } mean ? $"{text}, mean score {Score(mean)}" : text;
    }

    private static string Score(double score) => score.ToString("0.#", CultureInfo.InvariantCulture);

    private static UseCaseAnswer Answer(string useCase, Pick pick, Tool left, Tool right, string reason)
    {
        var picked = pick switch
        {
            Pick.Left => left,
            Pick.Right => right,
            _ => null,
        };
        // "(HIPAA-ready [BAA available]; third-party)": a name or value with its own parentheses set inside a flag.
        return new UseCaseAnswer(useCase, UseCases.Question(useCase), pick, picked?.Slug, picked?.Name, Panel.Scoring.Phrasing.NestedBrackets(reason));
    }

    private static Pick Side(bool left) => left ? Pick.Left : Pick.Right;

    /// <summary>"Mistral Medium 3's", "Ollama's", "Transformers'".</summary>
    private static string Possessive(string name) => Panel.Scoring.Phrasing.Possessive(name);

    private static string Flag<T>(SourcedFact<T> fact) => FactFormat.Flag(fact.Status);

    /// <summary>The flag for a statement about both sides: " (vendor claim)" when both are, " (vendor claim for X)" when one is.</summary>
    private static string BothFlag<T>(Tool left, SourcedFact<T> l, Tool right, SourcedFact<T> r)
    {
        if (l.Status == r.Status)
        {
            return FactFormat.Flag(l.Status);
        }

        var notes = new List<string>();
        if (l.Status != FactStatus.Verified)
        {
            notes.Add($"{FactFormat.Status(l.Status)} for {left.Name}");
        }

        if (r.Status != FactStatus.Verified)
        {
            notes.Add($"{FactFormat.Status(r.Status)} for {right.Name}");
        }

        return $" ({string.Join("; ", notes)})";
    }

    /// <summary>"2.2B parameters", or "3B active parameters (24B in total)" for a mixture of experts.</summary>
    private static string ParametersText(Parameters p) =>
        p.ActiveBillions is { } active && active != p.TotalBillions
            ? $"{FactFormat.Number(active)}B active parameters ({FactFormat.Number(p.TotalBillions)}B in total)"
            : $"{FactFormat.Number(p.TotalBillions)}B parameters";

    private static bool Has(IReadOnlyList<string>? items, string item) =>
        items is not null && items.Contains(item, StringComparer.OrdinalIgnoreCase);

    /// <summary>The items of <paramref name="wanted"/> found in the list, in the order of <paramref name="wanted"/>; null when the list is unknown.</summary>
    private static List<string>? Among(SourcedFact<IReadOnlyList<string>>? fact, IReadOnlyList<string> wanted) =>
        fact is null ? null : [.. wanted.Where(w => Has(fact.Value, w))];
}
