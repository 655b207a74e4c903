using Shipwise.Core.Catalog;
namespace Shipwise.Core.Panel.Scoring;

/// <summary>Where data may live: keeping it on your own hardware beats any region choice.</summary>
public sealed class DataResidencyScorer : CriterionScorer
{
    private static readonly string[] _selfHosted = ["self-hosted", "on-prem", "on-premises", "on-device", "local"];

    public override string Key => "data-residency";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.DataResidency];
    public override string Description => "Self-hosted or on-device scores 100; otherwise 25 plus 20 per region offered, at most 90; none listed 10.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        if (facts.Facts.DataResidency is not { } residency)
        {
            return null;
        }

        var places = residency.Value.Distinct().ToList();
        var score = places.Any(_selfHosted.Contains) ? 100
            : places.Count == 0 ? 10
            : Math.Min(90, 25 + (20 * places.Count));
        return Outcome(score, Read(facts, FactName.DataResidency));
    }
}

public sealed class CertificationsScorer : CriterionScorer
{
    private static readonly (string Marker, double Points)[] _known =
    [
        ("soc2", 30), ("iso27001", 30), ("fedramp", 25), ("hipaa", 20), ("iso42001", 20),
        ("iso27701", 15), ("pci", 15), ("gdpr", 10), ("csastar", 10),
    ];

    public override string Key => "certifications";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Certifications];
    public override string Description => "10 to start, plus SOC 2 30, ISO 27001 30, FedRAMP 25, HIPAA 20, ISO 42001 20, others 10–15; at most 100.";

    public override ScorerOutcome? Score(FactView facts, DateOnly asOf)
    {
        if (facts.Facts.Certifications is not { } certifications)
        {
            return null;
        }

        var points = 10 + certifications.Value.Sum(Points);
        return Outcome(points, Read(facts, FactName.Certifications));
    }

    private static double Points(string certification)
    {
        // "SOC 2 Type II", "soc2", "SOC-2" all mean the same attestation.
        var compact = new string([.. certification.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return _known.FirstOrDefault(k => compact.Contains(k.Marker, StringComparison.Ordinal)) is { Marker: not null } known ? known.Points : 10;
    }
}
