namespace Shipwise.Core.Compare;

/// <summary>The use cases a comparison answers, in the order a page lists them.</summary>
public static class UseCases
{
    public const string OnDevice = "on-device";
    public const string LongDocuments = "long-documents";
    public const string LowestCostAtVolume = "lowest-cost-at-volume";
    public const string CommercialLicence = "commercial-licence";
    public const string SelfHosting = "self-hosting";
    public const string Vision = "vision";
    public const string Compliance = "compliance";
    public const string Overall = "overall";

    public static IReadOnlyList<string> All { get; } =
        [OnDevice, LongDocuments, LowestCostAtVolume, CommercialLicence, SelfHosting, Vision, Compliance, Overall];

    /// <summary>The question a reader would ask, e.g. "Running on a phone or laptop?".</summary>
    public static string Question(string useCase) => useCase switch
    {
        OnDevice => "Running on a phone or laptop?",
        LongDocuments => "Working with long documents?",
        LowestCostAtVolume => "Lowest cost at high volume?",
        CommercialLicence => "Shipping it in a commercial product?",
        SelfHosting => "Hosting it on your own hardware?",
        Vision => "Working with images or video?",
        Compliance => "Need compliance paperwork?",
        Overall => "Overall, which one should you ship with?",
        _ => throw new ArgumentOutOfRangeException(nameof(useCase), useCase, "Not a use case"),
    };
}
