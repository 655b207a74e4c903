namespace Shipwise.Core.Panel;

/// <summary>
/// The panel's combined verdict on one tool, as a tool page headlines it ("Ship · 3-1"): the one
/// source of panel figures. Every page, feed, badge, share image, mail and API response reads its
/// ship %, verdict and badge from here, whether the counts came from reviews or from a tool's
/// stored panel columns, so no two of them can round differently.
/// </summary>
/// <param name="MeanScore">Mean score of the critics that took a side, to one decimal (PanelArithmetic computes it from the scores).</param>
public sealed record PanelSummary(int Ships, int Skips, int NoTakes, double? MeanScore)
{
    /// <summary>No critic has reviewed the tool.</summary>
    public static PanelSummary None { get; } = new(0, 0, 0, null);

    /// <summary>Ships as a share of critics that took a side, rounded half away from zero; null when none did.</summary>
    public int? ShipPercent => PanelArithmetic.SharePercent(Ships, Skips);

    /// <summary>Majority of the side-takers, a tie being a skip; null when nobody took a side.</summary>
    public Verdict? Verdict => Ships + Skips == 0 ? null : Ships > Skips ? Core.Panel.Verdict.Ship : Core.Panel.Verdict.Skip;

    /// <summary>ShipPercent / 10, e.g. 75 % shows as 7.5.</summary>
    public decimal? BadgeScore => ShipPercent / 10m;

    /// <summary>How the verdict sorts and is stored (tools.panel_rank): ship 2, skip 1, none 0.</summary>
    public int Rank => PanelArithmetic.Rank(Verdict);
}
