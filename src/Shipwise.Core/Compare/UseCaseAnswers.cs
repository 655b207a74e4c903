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
    public static IReadOnlyList<UseCaseAnswer> For(CompareSide left, CompareSide right)
    {
        var l = left.Tool;
        var r = right.Tool;
        UseCaseAnswer?[] answers =
        [
            OnDevice(l, r),
            LongDocuments(l, r),
            LowestCost(l, r),
            CommercialLicence(l, r),
            SelfHosting(l, r),
            Vision(l, r),
            Compliance(l, r),
            Overall(left, right),
        ];
        return [.. answers.OfType<UseCaseAnswer>().Select(a => NeverRetired(a, l, r))];
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

        var why = $"{picked.Name} would win on this, but {Gone(picked)}";
        return LifecycleNotice.CanBePicked(other!.Facts.Lifecycle?.Value)
            ? Answer(answer.UseCase, answer.Pick == Pick.Left ? Pick.Right : Pick.Left, left, right, $"{why}, so {other.Name} is the one you can still ship.")
            : Answer(answer.UseCase, Pick.Neither, left, right, $"{why}, and {Gone(other)}.");
    }

    private static string Gone(Tool tool) => tool.Facts.Lifecycle?.Value is { Status: LifecycleStatus.Unconfirmed }
        ? "no public source confirms it exists"
        : tool.Facts.Lifecycle?.Value.ShutdownDate is { } off ? $"it was retired on {FactFormat.Date(off)}" : "it has been retired";

    private static UseCaseAnswer? Overall(CompareSide left, CompareSide right)
    {
        var l = left.Panel;
        var r = right.Panel;
        var (ln, rn) = (left.Tool.Name, right.Tool.Name);
        if (l.Verdict is null && r.Verdict is null)
        {
            return null;
        }

        if (l.Verdict is null || r.Verdict is null)
        {
            var leftKnown = l.Verdict is not null;
            var (known, knownName, otherName) = leftKnown ? (l, ln, rn) : (r, rn, ln);
            var ships = known.Verdict == Verdict.Ship;
            var reason = $"The panel {(ships ? "ships" : "skips")} {knownName} ({Standing(known)}); {otherName} has no panel verdict yet.";
            return Answer(UseCases.Overall, ships ? Side(leftKnown) : Pick.Neither, left.Tool, right.Tool, reason);
        }

        if (l.Verdict != r.Verdict)
        {
            var leftShips = l.Verdict == Verdict.Ship;
            var (w, wn, o, on) = leftShips ? (l, ln, r, rn) : (r, rn, l, ln);
            return Answer(UseCases.Overall, Side(leftShips), left.Tool, right.Tool,
                $"The panel ships {wn} ({Standing(w)}) and skips {on} ({Standing(o)}).");
        }

        if (l.Verdict == Verdict.Skip)
        {
            return Answer(UseCases.Overall, Pick.Neither, left.Tool, right.Tool,
                $"The panel skips both: {ln} ({Standing(l)}) and {rn} ({Standing(r)}).");
        }

        if (l.ShipPercent != r.ShipPercent)
        {
            var leftFirmer = l.ShipPercent > r.ShipPercent;
            var (w, wn, o, on) = leftFirmer ? (l, ln, r, rn) : (r, rn, l, ln);
            return Answer(UseCases.Overall, Side(leftFirmer), left.Tool, right.Tool,
                $"The panel ships both, {wn} more firmly: {Standing(w)} against {Possessive(on)} {Standing(o)}.");
        }

        if (l.MeanScore is { } lm && r.MeanScore is { } rm && lm != rm)
        {
            var leftHigher = lm > rm;
            var (wn, wm, on, om) = leftHigher ? (ln, lm, rn, rm) : (rn, rm, ln, lm);
            return Answer(UseCases.Overall, Side(leftHigher), left.Tool, right.Tool,
                $"The panel ships both at {l.ShipPercent}% ship; {wn} has the higher mean score, {Score(wm)} against {Possessive(on)} {Score(om)}.");
        }

        return Answer(UseCases.Overall, Pick.Depends, left.Tool, right.Tool,
            $"The panel ships both at {l.ShipPercent}% ship with the same mean score, so it depends on which of the questions above matters most to you.");
    }

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
        return new UseCaseAnswer(useCase, UseCases.Question(useCase), pick, picked?.Slug, picked?.Name, reason);
    }

    private static Pick Side(bool left) => left ? Pick.Left : Pick.Right;

    /// <summary>"Mistral Medium 3's", "Ollama's", "Transformers'".</summary>
    private static string Possessive(string name) => name.EndsWith('s') ? name + "'" : name + "'s";

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
