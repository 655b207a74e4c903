namespace Shipwise.Core.Panel.Scoring;

/// <summary>The fixed set of scorers a critic file can use, in the order docs list them.</summary>
public static class CriterionScorers
{
    public static IReadOnlyList<CriterionScorer> All { get; } =
    [
        new LicenceOpennessScorer(),
        new OpenWeightsScorer(),
        new SelfHostableScorer(),
        new RuntimeBreadthScorer(),
        new OnDeviceFitScorer(),
        new DeploymentBreadthScorer(),
        new PricePerTokenScorer(),
        new FreeEntryScorer(),
        new ContextLengthScorer(),
        new MultimodalityScorer(),
        new CreativeModalitiesScorer(),
        new LatencyScorer(),
        new BenchmarkEvidenceScorer(),
        new ThirdPartyEvidenceScorer(),
        new CompetitionPressureScorer(),
        new RecencyScorer(),
        new UptimeSlaScorer(),
        new SupportDepthScorer(),
        new DataResidencyScorer(),
        new CertificationsScorer(),
    ];

    public static CriterionScorer? Find(string key) => All.FirstOrDefault(s => s.Key == key);
}
