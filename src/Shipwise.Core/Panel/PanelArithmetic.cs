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

        double? mean = scored == 0 ? null : (double)Math.Round(scoreTotal / scored, 1, MidpointRounding.AwayFromZero);
        return new PanelSummary(ships, skips, noTakes, mean);
    }

    public static PanelSummary SummarizeReviews(IEnumerable<PanelReview> reviews) =>
        Summarize(reviews.Select(r => (r.Verdict, r.Score)));

    /// <summary>
    /// Ships as a whole percentage of ships and skips (the panel's, and readers' votes); null when there are none.
    /// Away from zero, not .NET's default banker's rounding: 2.5 % must show as 3 %, as a reader expects.
    /// </summary>
    public static int? SharePercent(int ships, int skips) => ships + skips <= 0
        ? null
        : (int)Math.Round(100m * ships / (ships + skips), MidpointRounding.AwayFromZero);

    /// <summary>A verdict as it sorts and is stored in tools.panel_rank and panel_previous_rank.</summary>
    public static int Rank(Verdict? verdict) => verdict switch
    {
        Verdict.Ship => 2,
        Verdict.Skip => 1,
        _ => 0,
    };

    /// <summary>The verdict a stored rank stands for; null for 0 or no rank.</summary>
    public static Verdict? VerdictOfRank(int? rank) => rank switch
    {
        2 => Verdict.Ship,
        1 => Verdict.Skip,
        _ => null,
    };
}
