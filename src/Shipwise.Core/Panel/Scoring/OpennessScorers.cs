using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>How few strings the licence attaches. Proprietary scores lowest of all, so opening a licence never costs points.</summary>
public sealed class LicenceOpennessScorer : CriterionScorer
{
    public override string Key => "licence-openness";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.License];
    public override string Description => "Permissive licences score highest, then weak and strong copyleft, custom and non-commercial terms; proprietary lowest.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf) =>
        facts.Facts.License is { } license ? Outcome(LicenceClass.Score(license.Value), Read(facts, FactName.License)) : null;
}

public sealed class OpenWeightsScorer : CriterionScorer
{
    public override string Key => "open-weights";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.OpenWeights];
    public override string Description => "Downloadable weights score 100, closed weights 0.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf) =>
        facts.Facts.OpenWeights is { } open ? Outcome(open.Value ? 100 : 0, Read(facts, FactName.OpenWeights)) : null;
}

/// <summary>Whether you can run it yourself: open weights, a non-cloud target and at least one runtime each count.</summary>
public sealed class SelfHostableScorer : CriterionScorer
{
    public override string Key => "self-hostable";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.OpenWeights, FactName.DeploymentTargets, FactName.Runtimes];
    public override string Description => "Open weights, a deployment target other than a cloud API, and a runtime to run it on; the mean of whichever are known.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        var f = facts.Facts;
        var score = Curve.MeanOfKnown(
            f.OpenWeights is { } open ? (open.Value ? 100 : 0) : null,
            f.DeploymentTargets is { } targets ? (targets.Value.Any(t => t != "cloud-api") ? 100 : 0) : null,
            f.Runtimes is { } runtimes ? (runtimes.Value.Count > 0 ? 100 : 0) : null);
        return Outcome(score, Read(facts, FactName.OpenWeights, FactName.DeploymentTargets, FactName.Runtimes));
    }
}

public sealed class RuntimeBreadthScorer : CriterionScorer
{
    public override string Key => "runtime-breadth";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Runtimes, FactName.Quantizations];
    public override string Description => "More runtimes and more quantizations mean more ways to get a first run; each list saturates at four or three entries.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        var f = facts.Facts;
        var score = Curve.MeanOfKnown(
            f.Runtimes is { } runtimes ? Curve.AtMost(runtimes.Value.Count, (0, 10), (1, 45), (2, 65), (3, 80), (4, 90), (double.MaxValue, 100)) : null,
            f.Quantizations is { } quants ? Curve.AtMost(quants.Value.Count, (0, 20), (1, 55), (2, 75), (double.MaxValue, 90)) : null);
        return Outcome(score, Read(facts, FactName.Runtimes, FactName.Quantizations));
    }
}

/// <summary>Whether it fits on a phone or laptop: total size (all weights must sit in memory), the smallest target, quantizations.</summary>
public sealed class OnDeviceFitScorer : CriterionScorer
{
    public override string Key => "on-device-fit";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Parameters, FactName.DeploymentTargets, FactName.Quantizations];
    public override string Description => "Smaller total parameter counts, a phone or laptop target and published quantizations score higher.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        var f = facts.Facts;
        var score = Curve.MeanOfKnown(
            f.Parameters is { } p ? Curve.AtMost((double)p.Value.TotalBillions, (1, 100), (2, 95), (4, 85), (8, 70), (14, 55), (32, 35), (70, 20), (double.MaxValue, 5)) : null,
            f.DeploymentTargets is { } targets ? targets.Value.Select(TargetFit).DefaultIfEmpty(0).Max() : null,
            f.Quantizations is { } quants ? (quants.Value.Count > 0 ? 85 : 30) : null);
        return Outcome(score, Read(facts, FactName.Parameters, FactName.DeploymentTargets, FactName.Quantizations));
    }

    private static double TargetFit(string target) => target switch
    {
        "phone" => 100,
        "laptop" => 85,
        "single-gpu" => 55,
        "server" => 25,
        _ => 0,
    };
}

public sealed class DeploymentBreadthScorer : CriterionScorer
{
    public override string Key => "deployment-breadth";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.DeploymentTargets];
    public override string Description => "20 points for each deployment target it supports (phone, laptop, single GPU, server, cloud API).";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf) =>
        facts.Facts.DeploymentTargets is { } targets
            ? Outcome(20 * targets.Value.Where(Taxonomy.DeploymentTargets.Contains).Distinct().Count(), Read(facts, FactName.DeploymentTargets))
            : null;
}
