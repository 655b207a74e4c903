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
        Kind = "api",
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

    /// <summary>Four rentable GPUs priced like the demo catalog's: a consumer card, two data-centre cards and a large-memory one.</summary>
    public static readonly IReadOnlyList<GpuOption> Gpus =
    [
        new("rtx-4090", "RTX 4090", 24, 0.34m, null),
        new("l40s", "L40S", 48, 0.79m, null),
        new("mi300x", "MI300X", 192, 2.59m, null),
        new("h100", "H100", 80, 2.69m, null),
    ];

    public static readonly CompareContext Context = new(Gpus, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["mistral-medium-3"] = "Mistral Medium 3",
        ["successor-api"] = "Successor Api",
    }, new DateOnly(2026, 12, 7));

    public static Comparison Pair(Tool left, Tool right) => Comparison.Build(Side(left), Side(right), Critics, Context);

    public static UseCaseAnswer? Answer(Tool left, Tool right, string useCase) =>
        Pair(left, right).Answers.SingleOrDefault(a => a.UseCase == useCase);

    public static UseCaseAnswer Required(Tool left, Tool right, string useCase) =>
        Answer(left, right, useCase) ?? throw new Xunit.Sdk.XunitException($"no {useCase} answer for {left.Slug} vs {right.Slug}");

    public static void AssertPick(UseCaseAnswer answer, Pick pick, Tool? picked = null)
    {
        Assert.True(answer.Pick == pick, $"expected {pick}, got {answer.Pick}: {answer.Reason}");
        Assert.Equal(picked?.Slug, answer.ToolSlug);
        Assert.Equal(picked?.Name, answer.ToolName);
        Assert.Equal(UseCases.Question(answer.UseCase), answer.Question);
    }

    public static Pricing Metered(decimal input, decimal output) =>
        new() { Model = "usage-based", InputPerMillionTokensUsd = input, OutputPerMillionTokensUsd = output };

    public static Evaluation Eval(string benchmark, decimal score, string evaluator, string relation, string unit = "percent", string? version = null, FactStatus status = FactStatus.Verified, string? setting = null) => new()
    {
        Benchmark = benchmark,
        Score = score,
        Unit = unit,
        Version = version,
        Evaluator = evaluator,
        Relation = relation,
        Source = Source,
        AsOf = AsOf,
        Status = status,
        Setting = setting,
    };

    public static SpeedMeasurement Speed(decimal? tokensPerSecond, decimal? firstToken, string measuredBy = "Artificial Analysis", string provider = "Vendor API") => new()
    {
        OutputTokensPerSecond = tokensPerSecond,
        TimeToFirstTokenSeconds = firstToken,
        Provider = provider,
        MeasuredBy = measuredBy,
        Relation = EvaluatorRelation.Independent,
        Source = Source,
        AsOf = AsOf,
        Status = FactStatus.Verified,
    };

    public static Offering Hosted(string provider, Pricing pricing) => new()
    {
        Provider = provider,
        Pricing = pricing,
        Source = Source,
        AsOf = AsOf,
        Status = FactStatus.ThirdParty,
    };

    /// <summary>A 405B dense open model under a community licence, hosted by others at $3 a million tokens.</summary>
    public static Tool DenseLlama() => Tool("llama-3-1-405b", "Llama 3.1 405B", new ToolFacts
    {
        License = Fact("LicenseRef-Llama-3.1-Community-License"),
        LicenseTerms = Fact(new LicenseTerms { CommercialUse = true, UserCap = 700_000_000, UseRestrictions = true, AttributionRequired = true }),
        OpenWeights = Fact(true),
        Parameters = Fact(new Parameters { TotalBillions = 405 }),
        ContextWindow = Fact(131_072),
        InputModalities = List("text"),
        OutputModalities = List("text"),
        Pricing = Fact(new Pricing { Model = "open-source" }),
        Offerings = [Hosted("Fireworks AI", Metered(3m, 3m))],
    }) with
    { Vendor = new Vendor { Name = "Meta" } };

    /// <summary>A 675B mixture of experts with 41B active, under Apache-2.0, with no hosted price.</summary>
    public static Tool MixtureLarge() => Tool("mistral-large-3", "Mistral Large 3", new ToolFacts
    {
        License = Fact("Apache-2.0"),
        OpenWeights = Fact(true),
        Parameters = Fact(new Parameters { TotalBillions = 675, ActiveBillions = 41 }),
        ContextWindow = Fact(262_144),
        InputModalities = List("text", "image"),
        OutputModalities = List("text"),
        Pricing = Fact(new Pricing { Model = "open-source" }),
    }) with
    { Vendor = new Vendor { Name = "Mistral AI" } };
}
