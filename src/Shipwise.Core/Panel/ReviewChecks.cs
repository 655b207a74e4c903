using System.Text.RegularExpressions;
using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel;

/// <summary>
/// Things a review must never say, checked against the tool's facts and the review's own verdict:
/// two claims that cannot both be true, a claim the record contradicts, or the panel's internal
/// scoring vocabulary. The evidence reviewer's output is held to them in the tests; an LLM's
/// answer is held to them before it is published.
/// </summary>
public static partial class ReviewChecks
{
    public static IReadOnlyList<string> Problems(Tool tool, Verdict verdict, string summary, string body)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var text = $"{summary} {body}";
        var problems = new List<string>();
        void Fail(string problem) => problems.Add(problem);
        var f = tool.Facts;

        if (verdict == Verdict.Ship && summary.StartsWith("Skip", StringComparison.OrdinalIgnoreCase))
        {
            Fail("a ship review's summary opens with \"Skip\"");
        }

        if (verdict == Verdict.Skip && summary.StartsWith("Ship", StringComparison.OrdinalIgnoreCase))
        {
            Fail("a skip review's summary opens with \"Ship\"");
        }

        if (verdict == Verdict.Ship && SkipClaim().Match(text) is { Success: true } skip)
        {
            Fail($"a ship review says \"{skip.Value}\"");
        }

        if (verdict == Verdict.Skip && ShipClaim().Match(text) is { Success: true } ship)
        {
            Fail($"a skip review says \"{ship.Value}\"");
        }

        var independent = f.Evaluations.Any(e => e.Relation == EvaluatorRelation.Independent);
        if (independent && NoIndependentClaim().Match(text) is { Success: true } none)
        {
            Fail($"it says \"{none.Value}\", but an independent evaluation is on record");
        }

        if (!independent && IndependentClaim().Match(text) is { Success: true } some)
        {
            Fail($"it says \"{some.Value}\", but no independent evaluation is on record");
        }

        var pricing = f.Pricing?.Value;
        var paid = pricing is { Model: "usage-based" or "subscription", FreeTier: false };
        if (paid && FreeClaim().Match(text) is { Success: true } free)
        {
            Fail($"it says \"{free.Value}\", but the tool is paid with no free tier");
        }

        if (CheapClaim().Match(text) is { Success: true } cheap && SalesClaim().Match(text) is { Success: true } sales)
        {
            Fail($"it says both \"{cheap.Value}\" and \"{sales.Value}\"");
        }

        if (CostModel.CheapestBlended(tool) is { PerMillion: > 1 } && CentsClaim().Match(text) is { Success: true } cents)
        {
            Fail($"it says \"{cents.Value}\", but a million tokens costs more than a dollar");
        }

        if (f.OpenWeights is { Value: false } && OpenWeightsClaim().Match(text) is { Success: true } open)
        {
            Fail($"it says \"{open.Value}\", but the weights are closed");
        }

        var lifecycle = f.Lifecycle?.Value;
        if (verdict != Verdict.NoTake && lifecycle is { Status: LifecycleStatus.Deprecated, ShutdownDate: { } off }
            && !text.Contains(FactFormat.Date(off), StringComparison.Ordinal))
        {
            Fail($"a deprecated tool's review does not say it shuts down on {FactFormat.Date(off)}");
        }

        if ((lifecycle is null || lifecycle.Status == LifecycleStatus.Active) && EndOfLifeClaim().Match(text) is { Success: true } end)
        {
            Fail($"it says \"{end.Value}\" of a tool that is active");
        }

        if (f.LicenseTerms?.Value is { CommercialUse: true } && NoCommercialClaim().Match(text) is { Success: true } noCommercial)
        {
            Fail($"it says \"{noCommercial.Value}\", but the licence allows commercial use");
        }

        if (f.LicenseTerms?.Value is { CommercialUse: false } && CommercialClaim().Match(text) is { Success: true } commercial)
        {
            Fail($"it says \"{commercial.Value}\", but the licence forbids commercial use");
        }

        if (f.TrainsOnInputs is { Value: true } && NoTrainingClaim().Match(text) is { Success: true } noTraining)
        {
            Fail($"it says \"{noTraining.Value}\", but the vendor trains on inputs by default");
        }

        if (f.TrainsOnInputs is { Value: false } && TrainingClaim().Match(text) is { Success: true } training)
        {
            Fail($"it says \"{training.Value}\", but the vendor does not train on inputs");
        }

        if (InternalVocabulary().Match(body) is { Success: true } vocabulary)
        {
            Fail($"it uses the panel's internal vocabulary (\"{vocabulary.Value}\")");
        }

        return problems;
    }

    [GeneratedRegex(@"\b(I would skip|I'd skip|skip it\b|skip for now|not on my stack|stays off my stack|I cannot clear|not yet for production|no production traffic on|I would not sign off|loses the budget argument|I would keep looking)", RegexOptions.IgnoreCase)]
    private static partial Regex SkipClaim();

    [GeneratedRegex(@"\b(I would ship|I'd ship|ship it\b|earns my ship|gets my ship|I can clear|production-ready|worth wiring in|I would build on|I would put production traffic on|ships on checkable evidence|earns its budget line|clears my bar)", RegexOptions.IgnoreCase)]
    private static partial Regex ShipClaim();

    [GeneratedRegex(@"\b(nobody independent has measured|no independent (leaderboard|evaluator|figure|measurement)|none checked by a neutral|self-reported, every one|every quality claim is unproven)", RegexOptions.IgnoreCase)]
    private static partial Regex NoIndependentClaim();

    [GeneratedRegex(@"\b(measured (it )?independently|independent numbers exist|figures are independent|all independent|from an independent evaluator|independently verified)", RegexOptions.IgnoreCase)]
    private static partial Regex IndependentClaim();

    [GeneratedRegex(@"\b(free to use|costs nothing to use|at no cost|free of charge)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FreeClaim();

    [GeneratedRegex(@"\b(budget[- ]friendly|friendly budget|dirt cheap)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CheapClaim();

    [GeneratedRegex(@"\b(sales (call|conversation)|contact sales)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SalesClaim();

    [GeneratedRegex(@"\bcosts? cents\b", RegexOptions.IgnoreCase)]
    private static partial Regex CentsClaim();

    [GeneratedRegex(@"\b(open[- ]weights? (you|anyone) can|weights are (free|open|downloadable)|download (the|its) weights)", RegexOptions.IgnoreCase)]
    private static partial Regex OpenWeightsClaim();

    [GeneratedRegex(@"\b(is deprecated|was retired|has been retired|shuts down on|gets fixes only|in maintenance since|is a legacy model|been a legacy model)", RegexOptions.IgnoreCase)]
    private static partial Regex EndOfLifeClaim();

    [GeneratedRegex(@"\b(forbids commercial use|no commercial use|research and evaluation only)", RegexOptions.IgnoreCase)]
    private static partial Regex NoCommercialClaim();

    [GeneratedRegex(@"\b(no limit on commercial use|ship \S+ commercially|lets you ship [^.]* commercially|allows commercial|commercial use of [^.]{0,40} is allowed|in any product|build what you like)", RegexOptions.IgnoreCase)]
    private static partial Regex CommercialClaim();

    [GeneratedRegex(@"\b(does not train on|never trains? |not used for training|out of training|no [^.]{0,40} input trains)", RegexOptions.IgnoreCase)]
    private static partial Regex NoTrainingClaim();

    [GeneratedRegex(@"\b(trains on what you send|trains on [^.]{0,40} inputs unless|feed [^.]{0,30} training by default)", RegexOptions.IgnoreCase)]
    private static partial Regex TrainingClaim();

    [GeneratedRegex(@"(\b(criterion|criteria|sub-?scores?|evidence weight|weighted mean|coverage floor|rated (poor|weak|middling|solid|strong|excellent))\b|\b\d{1,3}/100\b)", RegexOptions.IgnoreCase)]
    private static partial Regex InternalVocabulary();
}
