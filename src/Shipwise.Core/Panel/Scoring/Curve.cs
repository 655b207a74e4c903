namespace Shipwise.Core.Panel.Scoring;

/// <summary>Small shared shapes for mapping a quantity onto 0–100.</summary>
internal static class Curve
{
    public static double Clamp(double score) => Math.Clamp(score, 0, 100);

    /// <summary>Linear between two anchor points, clamped to 0–100 beyond them.</summary>
    public static double Between(double x, double x0, double score0, double x1, double score1) =>
        Clamp(score0 + ((x - x0) * (score1 - score0) / (x1 - x0)));

    /// <summary>A step table read from the top: the first row whose Max is at least x wins.</summary>
    public static double AtMost(double x, params (double Max, double Score)[] steps)
    {
        foreach (var (max, score) in steps)
        {
            if (x <= max)
            {
                return score;
            }
        }

        return steps[^1].Score;
    }

    /// <summary>The mean of whichever parts are known; null when none is.</summary>
    public static double? MeanOfKnown(params double?[] parts)
    {
        var known = parts.Where(p => p.HasValue).Select(p => p!.Value).ToList();
        return known.Count == 0 ? null : known.Average();
    }
}
