using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;

namespace Shipwise.Core.Compare;

/// <summary>
/// The decision in one line for the top of a compare page: which one to ship with and why, or
/// "too close to call" and on what, or that the two are not alternatives. Read from the same
/// answers the page lists, so the banner can never disagree with them.
/// </summary>
/// <param name="Title">"Ship with Whisper large-v3", "Too close to call", "Not alternatives", "Neither".</param>
/// <param name="Why">One sentence with the reasons.</param>
/// <param name="Pick">The overall pick; <see cref="Pick.Neither"/> for tools that are not alternatives.</param>
/// <param name="ToolSlug">The picked tool, when one is.</param>
public sealed record CompareVerdict(string Title, string Why, Pick Pick, string? ToolSlug);

internal static partial class UseCaseAnswers
{
    /// <summary>The answers that weigh most, listed first when a sentence names what a side leads on.</summary>
    private static int Precedence(string useCase) => useCase switch
    {
        UseCases.Lifecycle => 0,
        UseCases.Quality => 1,
        UseCases.CostAtVolume => 2,
        UseCases.Speed => 3,
        _ => 4,
    };

    public static CompareVerdict VerdictOf(CompareSide left, CompareSide right, IReadOnlyList<UseCaseAnswer> answers, CompareContext context)
    {
        var (lt, rt) = (left.Tool, right.Tool);
        var fit = FitOf(lt, rt);
        if (fit.DifferentJobs)
        {
            var together = Together(lt, rt) ?? Together(rt, lt);
            return new CompareVerdict("Not alternatives", together ?? $"{lt.Name} and {rt.Name} do different jobs, so pick each for its own.", Pick.Neither, null);
        }

        if (!fit.AreSubstitutes)
        {
            return new CompareVerdict(
                "Not alternatives",
                $"{fit.Small!.Name} runs on the device and {fit.Large!.Name} on servers, so decide by where it must run; the answers below compare them anyway.",
                Pick.Neither,
                null);
        }

        var overall = answers.FirstOrDefault(a => a.UseCase == UseCases.Overall);
        var decided = answers.Where(a => a.UseCase is not (UseCases.Overall or UseCases.Alternatives)).ToList();
        var leftWins = decided.Where(a => a.Pick == Pick.Left).ToList();
        var rightWins = decided.Where(a => a.Pick == Pick.Right).ToList();
        string? LeadsOn(Tool tool, List<UseCaseAnswer> won) => won.Count == 0
            ? null
            : $"{tool.Name} leads on {FactFormat.List(won.OrderBy(a => Precedence(a.UseCase)).Take(3).Select(a => UseCases.Label(a.UseCase)))}";
        var leads = new[] { LeadsOn(lt, leftWins), LeadsOn(rt, rightWins) }.OfType<string>().ToList();
        var leadText = leads.Count == 0 ? null : string.Join("; ", leads);
        if (overall is null)
        {
            return new CompareVerdict("No verdict yet", $"Neither has a panel verdict yet{(leadText is null ? "" : $"; on the facts on record, {leadText}")}.", Pick.Unknown, null);
        }

        var blind = decided.Any(a => a.UseCase == UseCases.Quality && a.Pick == Pick.Unknown);
        switch (overall.Pick)
        {
            case Pick.Left or Pick.Right:
                var leftPicked = overall.Pick == Pick.Left;
                var (w, ws, o, os, won) = leftPicked ? (lt, left.Panel, rt, right.Panel, leftWins) : (rt, right.Panel, lt, left.Panel, rightWins);
                var why = new List<string>();
                if (!LifecycleNotice.CanBePicked(o.Facts.Lifecycle?.Value))
                {
                    why.Add(GoneWithSuccessor(o, context));
                }
                else if (o.Facts.Lifecycle?.Value is { Status: LifecycleStatus.Deprecated } dep)
                {
                    why.Add(dep.ShutdownDate is { } off
                        ? off < context.Today ? $"{Possessive(o.Name)} hosted service shut down on {FactFormat.Date(off)}" : $"{o.Name} shuts down on {FactFormat.Date(off)}"
                        : $"{o.Name} is deprecated");
                }

                why.Add(ws.Verdict == Verdict.Ship && os.Verdict != Verdict.Ship
                    ? $"the panel ships {(why.Count > 0 ? w.Name : "it")} ({ws.ShipPercent}% ship){(os.Verdict == Verdict.Skip ? $" and skips {o.Name} ({os.ShipPercent}%)" : "")}"
                    : ws.ShipPercent is { } a && os.ShipPercent is { } b && ws.MeanScore is { } am && os.MeanScore is { } bm
                        ? Math.Abs(a - b) >= UseCases.CloseShipPercentGap || Math.Abs(am - bm) >= UseCases.CloseMeanScoreGap
                            ? a == b
                                ? $"the panel ships both, {w.Name} ahead on mean score ({am:0.#} against {bm:0.#})"
                                : $"the panel ships both, {w.Name} ahead ({a}% ship against {b}%)"
                            : $"the panel ships both at close scores"
                        : $"the panel ships {(why.Count > 0 ? w.Name : "it")} ({ws.ShipPercent}% ship)");
                var others = won.Where(x => x.UseCase != UseCases.Lifecycle).ToList();
                if (others.Count > 0)
                {
                    why.Add($"it leads on {FactFormat.List(others.OrderBy(x => Precedence(x.UseCase)).Take(3).Select(x => UseCases.Label(x.UseCase)))}");
                }

                return new CompareVerdict($"Ship with {w.Name}", Capital(string.Join("; ", why)) + ".", overall.Pick, w.Slug);
            case Pick.Depends:
                var on = blind ? "no test both took says which does the job better" : null;
                var parts = new[] { on, leadText }.OfType<string>().ToList();
                return new CompareVerdict(
                    "Too close to call",
                    parts.Count == 0 ? "The panel rates them alike and nothing on record separates them." : $"{Capital(string.Join("; ", parts))}.",
                    Pick.Depends,
                    null);
            case Pick.Neither:
                var gone = new[] { lt, rt }.Where(t => !LifecycleNotice.CanBePicked(t.Facts.Lifecycle?.Value)).Select(t => GoneWithSuccessor(t, context)).ToList();
                var stays = LifecycleNotice.CanBePicked(lt.Facts.Lifecycle?.Value) ? left : right;
                var neither = gone.Count > 0
                    ? $"{Capital(string.Join("; ", gone))}{(gone.Count == 1 ? $"; the panel skips {stays.Tool.Name} ({stays.Panel.ShipPercent}% ship)" : "")}."
                    : left.Panel.Verdict == Verdict.Skip && right.Panel.Verdict == Verdict.Skip
                        ? $"The panel skips both ({left.Panel.ShipPercent}% and {right.Panel.ShipPercent}% ship){(leadText is null ? "" : $"; if you must choose, {leadText}")}."
                        : overall.Reason;
                return new CompareVerdict("Neither", neither, Pick.Neither, null);
            default:
                return new CompareVerdict("No verdict yet", $"{overall.Reason}", Pick.Unknown, null);
        }
    }
}
