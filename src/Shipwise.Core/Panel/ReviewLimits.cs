namespace Shipwise.Core.Panel;

/// <summary>Length limits every review meets, whoever wrote it.</summary>
public static class ReviewLimits
{
    public const int MaxSummaryLength = 300;
    public const int MinBodyLength = 200;
    public const int MaxBodyLength = 2500;
}
