using System.Globalization;
using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>How much independent benchmarking backs the tool. It measures evidence, not rank: benchmarks do not share a scale.</summary>
public sealed class BenchmarkEvidenceScorer : CriterionScorer
{
    public override string Key => "benchmark-evidence";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Evaluations];
    public override string Description => "Each third-party benchmark counts 1, each vendor-run one 0.4; the total saturates (one third-party figure ≈ 49, three ≈ 86).";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        var used = FactReader.Evaluations(facts);
        if (used.Count == 0)
        {
            return null;
        }

        var weight = used.Sum(b => b.VendorAuthored ? 0.4 : 1.0);
        return Outcome(100 * (1 - Math.Exp(-weight / 1.5)), used);
    }
}

/// <summary>The share of what is on record that someone other than the vendor has checked.</summary>
public sealed class ThirdPartyEvidenceScorer : CriterionScorer
{
    public override string Key => "third-party-evidence";
    public override IReadOnlyList<FactName> Reads { get; } = FactNames.All;
    public override string Description => "Verified facts count 1, vendor claims 0.35, unverified 0; vendor-run benchmarks at most 0.5. The mean of all facts on record.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        var used = FactReader.All(facts);
        if (used.Count == 0)
        {
            return null;
        }

        var mean = used.Average(Credit);
        var verified = used.Count(u => u.Status == FactStatus.Verified);
        var benchmarks = used.Where(u => u.Name == FactName.Evaluations).ToList();
        var finding = string.Create(CultureInfo.InvariantCulture, $"{verified} of {used.Count} facts on record verified");
        if (benchmarks.Count > 0)
        {
            finding += string.Create(CultureInfo.InvariantCulture, $", {benchmarks.Count(b => !b.VendorAuthored)} of {benchmarks.Count} benchmarks independent");
        }

        // The statuses are the subject here, so they are not discounted a second time.
        return new ScorerOutcome(Curve.Clamp(100 * mean), used, Trust: 1.0, Finding: finding);
    }

    private static double Credit(FactUse use)
    {
        var credit = use.Status switch
        {
            FactStatus.Verified => 1.0,
            FactStatus.VendorClaim => 0.35,
            _ => 0.0,
        };
        return use.VendorAuthored ? Math.Min(credit, 0.5) : credit;
    }
}

/// <summary>Room in its market: the more direct competitors are named, the harder it is to stand out.</summary>
public sealed class CompetitionPressureScorer : CriterionScorer
{
    public override string Key => "competition-pressure";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Competitors];
    public override string Description => "Fewer named direct competitors score higher: none 90, three 52, six or more 30.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf) =>
        facts.Facts.Competitors is { } competitors
            ? Outcome(Curve.AtMost(competitors.Value.Count, (0, 90), (1, 75), (2, 62), (3, 52), (4, 44), (5, 38), (double.MaxValue, 30)), Read(facts, FactName.Competitors))
            : null;
}

/// <summary>How new the tool is on the review date; the reason reviews take an explicit date.</summary>
public sealed class RecencyScorer : CriterionScorer
{
    public override string Key => "recency";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.ReleaseDate];
    public override string Description => "Released on the review date scores 100, a year earlier about 64, two years 27; never below 10.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        if (facts.Release is not { } release)
        {
            return null;
        }

        // A release dated after the review date is treated as brand new rather than rejected.
        var ageDays = Math.Max(0, asOf.DayNumber - release.Value.DayNumber);
        return Outcome(Math.Max(10, Curve.Between(ageDays, 0, 100, 900, 10)), Read(facts, FactName.ReleaseDate));
    }
}
