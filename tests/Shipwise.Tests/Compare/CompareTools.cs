using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using Shipwise.Core.Panel;

namespace Shipwise.Tests.Compare;

/// <summary>Tools shaped like real catalog entries, built in code so compare tests never depend on the demo catalog.</summary>
public static class CompareTools
{
    public const string Source = "https://example.org/source";
    public static readonly DateOnly AsOf = new(2025, 5, 7);

    public static SourcedFact<T> Fact<T>(T value, FactStatus status = FactStatus.Verified) => new()
    {
        Value = value,
        Source = Source,
        AsOf = AsOf,
        Status = status,
    };

    public static SourcedFact<IReadOnlyList<string>> List(FactStatus status, params string[] items) => Fact<IReadOnlyList<string>>(items, status);

    public static SourcedFact<IReadOnlyList<string>> List(params string[] items) => Fact<IReadOnlyList<string>>(items);

    public static Tool Tool(string slug, string name, ToolFacts facts, string category = "language-models") => new()
    {
        Slug = slug,
        Name = name,
        Vendor = new Vendor { Name = name.Split(' ')[0] + " Labs" },
        Kind = "model",
        Category = category,
        Tagline = $"The tagline of {name}, which never stands in for facts",
        Facts = facts,
    };

    /// <summary>Small, open, Apache-2.0, on phones and laptops; its targets are the vendor's claim.</summary>
    public static Tool SmolVlm2() => Tool("smolvlm2", "SmolVLM2", new ToolFacts
    {
        License = Fact("Apache-2.0"),
        OpenWeights = Fact(true),
        Parameters = Fact(new Parameters { TotalBillions = 2.2m }),
        InputModalities = List("text", "image", "video"),
        OutputModalities = List("text"),
        DeploymentTargets = List(FactStatus.VendorClaim, "phone", "laptop", "single-gpu"),
        Runtimes = List("transformers", "mlx"),
        Pricing = Fact(new Pricing { Model = "open-source" }),
    }, "vision-language-models") with
    {
        BestFor = ["Captioning video clips on a laptop", "Reading documents in images offline"],
        Vendor = new Vendor { Name = "Hugging Face" },
    };

    /// <summary>A proprietary cloud API with a 128K window, per-token prices and enterprise paperwork.</summary>
    public static Tool MistralMedium3() => Tool("mistral-medium-3", "Mistral Medium 3", new ToolFacts
    {
        License = Fact("proprietary"),
        OpenWeights = Fact(false),
        ContextWindow = Fact(128_000),
        InputModalities = List("text", "image"),
        OutputModalities = List("text"),
        DeploymentTargets = List("cloud-api"),
        Pricing = Fact(new Pricing { Model = "usage-based", InputPerMillionTokensUsd = 0.40m, OutputPerMillionTokensUsd = 2.00m }),
        Certifications = List(FactStatus.VendorClaim, "SOC 2 Type II", "ISO 27001"),
        DataResidency = List(FactStatus.VendorClaim, "eu", "us"),
        UptimeSla = Fact(99.9m, FactStatus.VendorClaim),
    }) with
    {
        BestFor = ["High-volume coding tasks"],
        Vendor = new Vendor { Name = "Mistral AI" },
    };

    /// <summary>A bare tool with only the facts given.</summary>
    public static Tool With(string slug, ToolFacts facts) => Tool(slug, Title(slug), facts);

    private static string Title(string slug) => string.Join(' ', slug.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    public static readonly IReadOnlyList<CompareCritic> Critics =
    [
        new("builder", "Builder", 1),
        new("skeptic", "Skeptic", 2),
        new("futurist", "Futurist", 3),
        new("founder", "Founder", 4),
        new("creator", "Creator", 5),
        new("operator", "Operator", 6),
        new("counsel", "Counsel", 7),
    ];

    /// <summary>A side whose panel summary is worked out from the takes, as the site does.</summary>
    public static CompareSide Side(Tool tool, params (string Critic, Verdict Verdict, int? Score)[] takes) =>
        Side(tool, null, takes);

    public static CompareSide Side(Tool tool, CommunityFigure? community, params (string Critic, Verdict Verdict, int? Score)[] takes)
    {
        var list = takes.Select(t =>
        {
            var seat = Critics.FirstOrDefault(c => c.Slug == t.Critic) ?? new CompareCritic(t.Critic, Title(t.Critic), 99);
            return new CriticTake(seat.Slug, seat.Name, seat.Order, t.Verdict, t.Score, $"{seat.Name} on {tool.Name}");
        }).ToList();
        return new CompareSide(tool, PanelArithmetic.Summarize(list.Select(t => (t.Verdict, t.Score))), list, community);
    }

    public static Comparison Pair(Tool left, Tool right) => Comparison.Build(Side(left), Side(right), Critics);

    public static UseCaseAnswer? Answer(Tool left, Tool right, string useCase) =>
        Pair(left, right).Answers.SingleOrDefault(a => a.UseCase == useCase);
}
