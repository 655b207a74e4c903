namespace Shipwise.Core.Panel;

/// <summary>How individual critics' verdicts combine into the panel's verdict, ship % and badge.</summary>
public static class PanelArithmetic
{
    public static PanelSummary Summarize(IEnumerable<(Verdict verdict, int? score)> takes)
    {
        ArgumentNullException.ThrowIfNull(takes);
        int ships = 0, skips = 0, noTakes = 0, scored = 0;
        decimal scoreTotal = 0;
        foreach (var (take, score) in takes)
        {
            switch (take)
            {
                case Verdict.Ship: ships++; break;
                case Verdict.Skip: skips++; break;
                default: noTakes++; continue;
            }

            if (score is { } value)
            {
                scoreTotal += value;
                scored++;
            }
        }

        var sides = ships + skips;
        if (sides == 0)
        {
            return new PanelSummary(ships, skips, noTakes, null, null, null, null);
        }

        // Away from zero, not .NET's default banker's rounding: 2.5 % must show as 3 %, as a reader expects.
        var percent = (int)Math.Round(100m * ships / sides, MidpointRounding.AwayFromZero);
        var verdict = ships > skips ? Verdict.Ship : Verdict.Skip;
        double? mean = scored == 0 ? null : (double)Math.Round(scoreTotal / scored, 1, MidpointRounding.AwayFromZero);
        return new PanelSummary(ships, skips, noTakes, percent, verdict, mean, percent / 10m);
    }

    public static PanelSummary SummarizeReviews(IEnumerable<PanelReview> reviews) =>
        Summarize(reviews.Select(r => (r.Verdict, r.Score)));
}
