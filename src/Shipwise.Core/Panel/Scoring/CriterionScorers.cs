namespace Shipwise.Core.Panel.Scoring;

/// <summary>The fixed set of scorers a critic file can use, in the order docs list them.</summary>
public static class CriterionScorers
{
    public static IReadOnlyList<CriterionScorer> All { get; } =
    [
        new QualityVsPeersScorer(),
        new EvidenceIndependenceScorer(),
        new FactVerificationScorer(),
        new PriceAtVolumeScorer(),
        new UnitPriceScorer(),
        new FirstTryCostScorer(),
        new SelfHostCostScorer(),
        new FitsHardwareScorer(),
        new RuntimeSupportScorer(),
        new OfferingsChoiceScorer(),
        new ApiIntegrationScorer(),
        new ServingFeaturesScorer(),
        new PlatformReachScorer(),
        new ContextLengthScorer(),
        new ModalityBreadthScorer(),
        new SpeedScorer(),
        new RecencyScorer(),
        new LimitsAndSlaScorer(),
        new DataHandlingScorer(),
        new ResidencyComplianceScorer(),
        new LicenceTermsScorer(),
    ];

    public static CriterionScorer? Find(string key) => All.FirstOrDefault(s => s.Key == key);
}
