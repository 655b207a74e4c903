namespace Shipwise.Core.Panel;

/// <summary>
/// How criterion results become a critic's score. Public so a page can show the working and
/// arrive at the same number the reviewer did.
/// </summary>
public static class ReviewScore
{
    /// <summary>The score the sub-scores give (see <see cref="EvidenceReviewer.Combine"/>), before lifecycle rules; null when none has evidence.</summary>
    public static int? Overall(IEnumerable<CriterionResult> criteria)
    {
        var list = criteria.ToList();
        return list.Any(c => c.Score is not null) ? EvidenceReviewer.Combine(list) : null;
    }

    /// <summary>The share (0–1) of the critic's criterion weight that has evidence, discounted by trust.</summary>
    public static double Coverage(IEnumerable<CriterionResult> criteria)
    {
        double covered = 0, total = 0;
        foreach (var c in criteria)
        {
            covered += c.Score is null ? 0 : c.Weight * c.EvidenceWeight;
            total += c.Weight;
        }

        // Rounded so that 2.8 of 7 is exactly 0.4 and meets a 0.4 threshold despite binary fractions.
        return total > 0 ? Math.Round(covered / total, 6, MidpointRounding.AwayFromZero) : 0;
    }

    public static Verdict VerdictFor(int score, int shipBar) => score >= shipBar ? Verdict.Ship : Verdict.Skip;
}
