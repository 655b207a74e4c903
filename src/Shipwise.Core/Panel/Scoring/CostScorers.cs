using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>
/// Cheaper is better, on a log scale so $0.10 vs $1 matters as much as $1 vs $10.
/// Every curve here falls as a price rises, so a lower price can never lower the score.
/// </summary>
public sealed class PricePerTokenScorer : CriterionScorer
{
    public override string Key => "price-per-token";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Pricing];
    public override string Description => "Free and open-source score 100; token prices (blended 3:1 input:output) and monthly fees score lower the higher they are.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        if (facts.Facts.Pricing is not { Value: var p })
        {
            return null;
        }

        var score = p.Model is "free" or "open-source"
            ? 100
            : Curve.MeanOfKnown(TokenScore(p), MonthlyScore(p)) ?? (p.Model == "freemium" ? 70 : null);
        return Outcome(score, Read(facts, FactName.Pricing));
    }

    private static double? TokenScore(Pricing p)
    {
        // Typical workloads read about three tokens for every one they write.
        double? blended = (p.InputPerMillionTokensUsd, p.OutputPerMillionTokensUsd) switch
        {
            ({ } input, { } output) => (double)((3 * input) + output) / 4,
            ({ } input, null) => (double)input,
            (null, { } output) => (double)output,
            _ => null,
        };
        return blended is { } usd ? Curve.Clamp(100 - (30 * Math.Log10(1 + (usd / 0.1)))) : null;
    }

    private static double? MonthlyScore(Pricing p) =>
        p.MonthlyUsd is { } monthly ? Curve.Clamp(100 - (30 * Math.Log10(1 + ((double)monthly / 2)))) : null;
}

public sealed class FreeEntryScorer : CriterionScorer
{
    public override string Key => "free-entry";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Pricing];
    public override string Description => "Free to start scores 100, a free tier 70, paid-only 15.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        double? score = PricingRead.Entry(facts.Facts.Pricing?.Value) switch
        {
            EntryTier.Free => 100,
            EntryTier.FreeTier => 70,
            EntryTier.Paid => 15,
            _ => null,
        };
        return Outcome(score, Read(facts, FactName.Pricing));
    }
}
