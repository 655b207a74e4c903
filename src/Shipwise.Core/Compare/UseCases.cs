namespace Shipwise.Core.Compare;

/// <summary>The use cases a comparison answers, in the order a page lists them.</summary>
public static class UseCases
{
    public const string Alternatives = "alternatives";
    public const string Quality = "quality";
    public const string CostAtVolume = "cost-at-volume";
    public const string Speed = "speed";
    public const string Hardware = "hardware";
    public const string Lifecycle = "lifecycle";
    public const string ApiFeatures = "api-features";
    public const string DataHandling = "data-handling";
    public const string CommercialLicence = "commercial-licence";
    public const string Customisation = "customisation";
    public const string LongDocuments = "long-documents";
    public const string Vision = "vision";
    public const string OnDevice = "on-device";
    public const string Overall = "overall";

    /// <summary>"Overall" is too close to call when the two panels' ship % are fewer points apart than this...</summary>
    public const int CloseShipPercentGap = 15;

    /// <summary>...and their mean scores fewer points apart than this (docs/panel.md, "Comparing two tools").</summary>
    public const double CloseMeanScoreGap = 5;

    /// <summary>
    /// A gap in ship % is no lead when the mean score points the other way by at least this much:
    /// one critic's flip moves ship % by 14 to 20 points, so the two figures must agree.
    /// </summary>
    public const double ContradictingMeanScoreGap = 2;

    // Lifecycle comes straight after "alternatives": a tool that is going away rules itself out before any other question.
    public static IReadOnlyList<string> All { get; } =
    [
        Alternatives, Lifecycle, Quality, CostAtVolume, Speed, Hardware, ApiFeatures, DataHandling,
        CommercialLicence, Customisation, LongDocuments, Vision, OnDevice, Overall,
    ];

    /// <summary>A short name for a grid cell or a list in a sentence: "quality", "cost at volume".</summary>
    public static string Label(string useCase) => useCase switch
    {
        Alternatives => "alternatives",
        Quality => "quality",
        CostAtVolume => "cost at volume",
        Speed => "speed",
        Hardware => "hardware",
        Lifecycle => "lifecycle",
        ApiFeatures => "API features",
        DataHandling => "data handling",
        CommercialLicence => "the licence",
        Customisation => "fine-tuning",
        LongDocuments => "long documents",
        Vision => "vision",
        OnDevice => "on-device use",
        Overall => "overall",
        _ => throw new ArgumentOutOfRangeException(nameof(useCase), useCase, "Not a use case"),
    };

    /// <summary>The question a reader would ask, e.g. "Running on a phone or laptop?".</summary>
    public static string Question(string useCase) => useCase switch
    {
        Alternatives => "Are these alternatives at all?",
        Quality => "Which does the job better on tests both took?",
        CostAtVolume => "What does it cost at volume?",
        Speed => "Which one answers faster?",
        Hardware => "What hardware does each need to run yourself?",
        Lifecycle => "Will it still be there next year?",
        ApiFeatures => "Which is easier to build on?",
        DataHandling => "What happens to your data?",
        CommercialLicence => "Shipping it in a commercial product?",
        Customisation => "Can you fine-tune it?",
        LongDocuments => "Working with long documents?",
        Vision => "Working with images or video?",
        OnDevice => "Running on a phone or laptop?",
        Overall => "Overall, which one should you ship with?",
        _ => throw new ArgumentOutOfRangeException(nameof(useCase), useCase, "Not a use case"),
    };
}
