namespace Shipwise.Core.Panel;

/// <summary>The panel's combined verdict on one tool, as a tool page headlines it ("Ship · 3-1").</summary>
/// <param name="ShipPercent">Ships as a share of critics that took a side; null when none did.</param>
/// <param name="Verdict">Majority of the side-takers, a tie being a skip; null when nobody took a side.</param>
/// <param name="MeanScore">Mean score of the critics that took a side, to one decimal.</param>
/// <param name="BadgeScore">ShipPercent / 10, e.g. 75 % shows as 7.5.</param>
public sealed record PanelSummary(
    int Ships,
    int Skips,
    int NoTakes,
    int? ShipPercent,
    Verdict? Verdict,
    double? MeanScore,
    decimal? BadgeScore);
