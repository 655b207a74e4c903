using Shipwise.Core.Catalog;
namespace Shipwise.Core.Panel.Scoring;

public sealed class ContextLengthScorer : CriterionScorer
{
    public override string Key => "context-length";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.ContextWindow];
    public override string Description => "Log scale: 4k tokens scores 20, 128k about 67, 1M tokens 95.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf) =>
        facts.Facts.ContextWindow is { } window
            ? Outcome(Curve.Between(Math.Log2(Math.Max(1, window.Value)), 12, 20, 20, 95), Read(facts, FactName.ContextWindow))
            : null;
}

public sealed class MultimodalityScorer : CriterionScorer
{
    public override string Key => "multimodality";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.InputModalities, FactName.OutputModalities];
    public override string Description => "Distinct modalities across input and output: one scores 20, all five 100.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        var f = facts.Facts;
        if (f.InputModalities is null && f.OutputModalities is null)
        {
            return null;
        }

        var distinct = (f.InputModalities?.Value ?? []).Concat(f.OutputModalities?.Value ?? []).Distinct().Count();
        return Outcome(distinct == 0 ? 0 : Curve.Between(distinct, 1, 20, 5, 100), Read(facts, FactName.InputModalities, FactName.OutputModalities));
    }
}

/// <summary>What a creative can make with it: producing images, video or audio counts for more than reading them.</summary>
public sealed class CreativeModalitiesScorer : CriterionScorer
{
    public override string Key => "creative-modalities";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.InputModalities, FactName.OutputModalities];
    public override string Description => "Points for image, video and audio output (35/35/30) and input (15/10/10), on a base of 10.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        var f = facts.Facts;
        if (f.InputModalities is null && f.OutputModalities is null)
        {
            return null;
        }

        var outputs = f.OutputModalities?.Value ?? [];
        var inputs = f.InputModalities?.Value ?? [];
        var points = 10
            + (outputs.Contains("image") ? 35 : 0) + (outputs.Contains("video") ? 35 : 0) + (outputs.Contains("audio") ? 30 : 0)
            + (inputs.Contains("image") ? 15 : 0) + (inputs.Contains("video") ? 10 : 0) + (inputs.Contains("audio") ? 10 : 0);
        return Outcome(points, Read(facts, FactName.InputModalities, FactName.OutputModalities));
    }
}

/// <summary>Active parameters per token stand in for latency and serving cost: fewer is faster.</summary>
public sealed class LatencyScorer : CriterionScorer
{
    public override string Key => "latency";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Parameters];
    public override string Description => "Fewer active parameters per token score higher: 1B about 86, 8B about 56, 70B about 14.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf) =>
        facts.Facts.Parameters is { Value: var p }
            ? Outcome(100 - (14 * Math.Log2(1 + (double)(p.ActiveBillions ?? p.TotalBillions))), Read(facts, FactName.Parameters))
            : null;
}
