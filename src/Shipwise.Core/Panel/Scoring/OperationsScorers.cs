using Shipwise.Core.Catalog;
namespace Shipwise.Core.Panel.Scoring;

/// <summary>Counts the nines of the uptime commitment: 99% scores 30, 99.9% 65, 99.99% 100.</summary>
public sealed class UptimeSlaScorer : CriterionScorer
{
    public override string Key => "uptime-sla";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.UptimeSla];
    public override string Description => "Each extra nine of published uptime adds 35 points: 99% scores 30, 99.9% 65, 99.99% 100.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        if (facts.Facts.UptimeSla is not { } sla)
        {
            return null;
        }

        var percent = (double)sla.Value;
        var score = percent >= 100 ? 100 : 30 + ((-Math.Log10(1 - (percent / 100)) - 2) * 35);
        return Outcome(score, Read(facts, FactName.UptimeSla));
    }
}

/// <summary>The deepest support channel on offer, plus a little for each extra channel.</summary>
public sealed class SupportDepthScorer : CriterionScorer
{
    private static readonly (string Channel, double Score)[] _channels =
    [
        ("docs", 20), ("community", 30), ("forum", 30), ("github", 30), ("discord", 30),
        ("email", 55), ("ticket", 55), ("chat", 60), ("phone", 70), ("paid", 70),
        ("priority", 80), ("dedicated", 85), ("sla", 85), ("24x7", 85), ("enterprise", 90),
    ];

    public override string Key => "support-depth";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Support];
    public override string Description => "Community 30, email 55, phone 70, enterprise 90 (unknown channels 40), plus 5 per extra channel; none listed scores 5.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        if (facts.Facts.Support is not { } support)
        {
            return null;
        }

        var channels = support.Value.Distinct().ToList();
        var score = channels.Count == 0
            ? 5
            : Math.Min(100, channels.Max(ChannelScore) + (5 * (channels.Count - 1)));
        return Outcome(score, Read(facts, FactName.Support));
    }

    private static double ChannelScore(string channel) =>
        _channels.FirstOrDefault(c => c.Channel == channel) is { Channel: not null } known ? known.Score : 40;
}
