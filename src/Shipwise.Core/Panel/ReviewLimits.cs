namespace Shipwise.Core.Panel;

/// <summary>Length limits every review meets, whoever wrote it.</summary>
public static class ReviewLimits
{
    public const int MaxSummaryLength = 300;
    /// <summary>
    /// A body says at least one thing beyond the summary. A thin record makes a short review rather
    /// than one padded with the summary said again or a list of what was on file.
    /// </summary>
    public const int MinBodyLength = 100;
    public const int MaxBodyLength = 2500;
}
