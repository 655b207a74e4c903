using Shipwise.Core.Catalog;

namespace Shipwise.Tests.Panel;

/// <summary>Tools built in code, so panel tests never depend on the demo catalog's contents.</summary>
public static class SyntheticTools
{
    public static readonly DateOnly Today = new(2025, 6, 1);

    private static readonly string[] _licenses = ["MIT", "Apache-2.0", "GPL-3.0-only", "AGPL-3.0-only", "MPL-2.0", "LicenseRef-community", "CC-BY-NC-4.0", "proprietary"];
    private static readonly string[] _runtimes = ["llama-cpp", "ollama", "vllm", "mlx", "transformers", "tensorrt-llm", "onnx"];
    private static readonly string[] _quantizations = ["q4_k_m", "q5_k_m", "q8_0", "awq", "gptq"];
    private static readonly string[] _regions = ["eu", "us", "uk", "self-hosted", "apac"];
    private static readonly string[] _certifications = ["SOC 2 Type II", "ISO 27001", "HIPAA", "GDPR", "ISO 42001"];
    private static readonly string[] _support = ["community", "email", "chat", "enterprise", "dedicated", "docs"];
    private static readonly string[] _benchmarks = ["MMLU", "GPQA", "HumanEval", "MMMU", "DocVQA"];

    public static SourcedFact<T> Fact<T>(T value, FactStatus status = FactStatus.Verified) => new()
    {
        Value = value,
        Source = "https://example.org/source",
        AsOf = new DateOnly(2025, 3, 1),
        Status = status,
    };

    public static Tool Bare(string slug = "synthetic-tool", string kind = "model", ToolFacts? facts = null) => new()
    {
        Slug = slug,
        Name = "Synthetic Tool",
        Vendor = new Vendor { Name = "Example Labs", Url = "https://example.org" },
        Kind = kind,
        Category = "language-models",
        Tagline = "A tool that exists only in tests",
        Description = "Built in code for panel tests.",
        Facts = facts ?? new ToolFacts(),
    };

    /// <summary>An open, small, well-documented model with every fact verified.</summary>
    public static Tool OpenModel() => Bare("open-model", facts: new ToolFacts
    {
        License = Fact("Apache-2.0"),
        OpenWeights = Fact(true),
        Parameters = Fact(new Parameters { TotalBillions = 3, ActiveBillions = 3 }),
        InputModalities = Fact<IReadOnlyList<string>>(["text", "image"]),
        OutputModalities = Fact<IReadOnlyList<string>>(["text"]),
        ContextWindow = Fact(131_072),
        Pricing = Fact(new Pricing { Model = "open-source" }),
        DeploymentTargets = Fact<IReadOnlyList<string>>(["phone", "laptop", "server"]),
        Runtimes = Fact<IReadOnlyList<string>>(["llama-cpp", "mlx", "vllm"]),
        Quantizations = Fact<IReadOnlyList<string>>(["q4_k_m", "q8_0"]),
        Evaluations = [Benchmark("MMLU", 61.2m, "third-party"), Benchmark("DocVQA", 80.5m, "vendor")],
        Competitors = Fact<IReadOnlyList<string>>(["rival-a", "rival-b"]),
        DataResidency = Fact<IReadOnlyList<string>>(["self-hosted"]),
    }) with
    { ReleaseDate = new DateOnly(2025, 2, 20) };

    /// <summary>An inference server with text in and text out: nothing for a creator to weigh.</summary>
    public static Tool TextOnlyRuntime() => Bare("text-runtime", "runtime", new ToolFacts
    {
        License = Fact("Apache-2.0"),
        InputModalities = Fact<IReadOnlyList<string>>(["text"]),
        OutputModalities = Fact<IReadOnlyList<string>>(["text"]),
        Pricing = Fact(new Pricing { Model = "open-source" }),
        DeploymentTargets = Fact<IReadOnlyList<string>>(["server", "single-gpu"]),
        Runtimes = Fact<IReadOnlyList<string>>(["vllm"]),
        Quantizations = Fact<IReadOnlyList<string>>(["awq", "gptq"]),
    }) with
    { Category = "inference-runtimes" };

    /// <summary>A hosted API with vendor-claimed facts.</summary>
    public static Tool HostedApi() => Bare("hosted-api", "api", new ToolFacts
    {
        License = Fact("proprietary", FactStatus.VendorClaim),
        OpenWeights = Fact(false),
        InputModalities = Fact<IReadOnlyList<string>>(["text", "image", "audio"], FactStatus.VendorClaim),
        OutputModalities = Fact<IReadOnlyList<string>>(["text", "audio"], FactStatus.VendorClaim),
        ContextWindow = Fact(128_000, FactStatus.VendorClaim),
        Pricing = Fact(new Pricing { Model = "usage-based", InputPerMillionTokensUsd = 0.15m, OutputPerMillionTokensUsd = 0.60m }, FactStatus.VendorClaim),
        DeploymentTargets = Fact<IReadOnlyList<string>>(["cloud-api"]),
        Evaluations = [Benchmark("MMLU", 82m, "vendor", FactStatus.VendorClaim)],
        Competitors = Fact<IReadOnlyList<string>>(["rival-a", "rival-b", "rival-c", "rival-d"]),
        DataResidency = Fact<IReadOnlyList<string>>(["us", "eu"], FactStatus.VendorClaim),
        Certifications = Fact<IReadOnlyList<string>>(["SOC 2 Type II", "ISO 27001"], FactStatus.VendorClaim),
        UptimeSla = Fact(99.9m, FactStatus.VendorClaim),
        Support = Fact<IReadOnlyList<string>>(["email", "enterprise"], FactStatus.VendorClaim),
    }) with
    { ReleaseDate = new DateOnly(2024, 7, 18) };

    /// <summary>An image-generation API priced per image, with an independent arena figure.</summary>
    public static Tool ImageApi() => Bare("image-api", "api", new ToolFacts
    {
        License = Fact("proprietary"),
        OpenWeights = Fact(false),
        InputModalities = Fact<IReadOnlyList<string>>(["text", "image"]),
        OutputModalities = Fact<IReadOnlyList<string>>(["image"]),
        Pricing = Fact(new Pricing { Model = "usage-based", Units = [new UnitPrice { Unit = "image", Usd = 0.04m }] }),
        DeploymentTargets = Fact<IReadOnlyList<string>>(["cloud-api"]),
        Evaluations = [Benchmark("aa-image-arena", 1150, "third-party") with { Unit = "elo" }],
        Sdks = Fact<IReadOnlyList<string>>(["python", "typescript"]),
    }) with
    { Category = "image-generation", ReleaseDate = new DateOnly(2025, 4, 1) };

    /// <summary>
    /// A current best-case hosted text API: cheap, 1M context, every integration feature, no
    /// training on inputs, EU residency, SOC 2 and ISO 27001, a 99.99 % SLA, and three
    /// independent evaluations at the top of the demo catalog's language models.
    /// </summary>
    public static Tool BestCaseApi(DateOnly released) => Bare("best-case-api", "api", new ToolFacts
    {
        License = Fact("proprietary"),
        OpenWeights = Fact(false),
        Lifecycle = Fact(new Lifecycle { Status = LifecycleStatus.Active }),
        InputModalities = Fact<IReadOnlyList<string>>(["text", "image"]),
        OutputModalities = Fact<IReadOnlyList<string>>(["text"]),
        ContextWindow = Fact(1_000_000),
        MaxOutputTokens = Fact(64_000),
        Pricing = Fact(new Pricing { Model = "usage-based", InputPerMillionTokensUsd = 0.05m, OutputPerMillionTokensUsd = 0.20m, CachedInputPerMillionTokensUsd = 0.01m, FreeTier = true }),
        DeploymentTargets = Fact<IReadOnlyList<string>>(["cloud-api"]),
        Evaluations =
        [
            Benchmark("aa-intelligence-index", 70, "third-party") with { Version = "v5", Evaluator = "Artificial Analysis" },
            Benchmark("lmarena-text", 1500, "third-party") with { Unit = "elo", Evaluator = "LMArena" },
            Benchmark("gpqa-diamond", 90, "third-party") with { Unit = "percent", Evaluator = "Epoch AI" },
        ],
        Speed = [new SpeedMeasurement { OutputTokensPerSecond = 250, TimeToFirstTokenSeconds = 0.3m, Provider = "Example Labs", MeasuredBy = "Artificial Analysis", Relation = EvaluatorRelation.Independent, Source = "https://example.org/speed", AsOf = new DateOnly(2026, 11, 1), Status = FactStatus.Verified }],
        OpenaiCompatible = Fact(true),
        ToolCalling = Fact(true),
        StructuredOutput = Fact(true),
        Streaming = Fact(true),
        PromptCaching = Fact(true),
        BatchDiscountPercent = Fact(50m),
        FineTuning = Fact(true),
        RateLimits = Fact(new RateLimits { Tier = "tier 1", RequestsPerMinute = 10_000, TokensPerMinute = 10_000_000 }),
        Sdks = Fact<IReadOnlyList<string>>(["python", "typescript", "go", "java"]),
        DataRetentionDays = Fact(0),
        TrainsOnInputs = Fact(false),
        ZeroDataRetention = Fact(true),
        DataResidency = Fact<IReadOnlyList<string>>(["eu", "us"]),
        Dpa = Fact(true),
        Certifications = Fact<IReadOnlyList<string>>(["SOC 2 Type II", "ISO 27001"]),
        UptimeSla = Fact(99.99m),
        Support = Fact<IReadOnlyList<string>>(["enterprise", "email", "docs"]),
    }) with
    { ReleaseDate = released };

    /// <summary>An open-weight model with six facts on record and nothing about how good it is.</summary>
    public static Tool SixFactOpenModel() => Bare("six-fact-model", "model", new ToolFacts
    {
        License = Fact("Apache-2.0"),
        OpenWeights = Fact(true),
        Parameters = Fact(new Parameters { TotalBillions = 7 }),
        ContextWindow = Fact(32_768),
        Runtimes = Fact<IReadOnlyList<string>>(["llama-cpp", "ollama", "vllm", "mlx", "transformers"]),
        Quantizations = Fact<IReadOnlyList<string>>(["q4_k_m", "q8_0", "awq"]),
    });

    public static Tool WithLifecycle(Tool tool, string status, DateOnly? shutdown = null, string? successor = null) =>
        tool with { Facts = tool.Facts with { Lifecycle = Fact(new Lifecycle { Status = status, ShutdownDate = shutdown, Successor = successor }) } };

    /// <summary>An evaluation run by the vendor ("vendor") or by an independent evaluator ("third-party").</summary>
    public static Evaluation Benchmark(string name, decimal score, string author, FactStatus status = FactStatus.Verified) => new()
    {
        Benchmark = Benchmarks.KeyFor(name),
        Name = name,
        Score = score,
        Unit = "points",
        Evaluator = author == "vendor" ? "The Vendor" : "An Independent Lab",
        Relation = author == "vendor" ? EvaluatorRelation.Vendor : EvaluatorRelation.Independent,
        Source = "https://example.org/benchmarks",
        AsOf = new DateOnly(2025, 3, 1),
        Status = status,
    };

    /// <summary>A tool with a random subset of facts, random values and random statuses.</summary>
    public static Tool Random(Random rng, int index)
    {
        FactStatus Status() => (FactStatus)rng.Next(3);
        bool Maybe() => rng.NextDouble() < 0.65;
        IReadOnlyList<string> Pick(IReadOnlyList<string> from, int min = 0) =>
            [.. from.OrderBy(_ => rng.Next()).Take(rng.Next(min, from.Count + 1))];

        var total = Math.Round((decimal)Math.Pow(10, (rng.NextDouble() * 3) - 0.5), 1) + 0.1m;
        var facts = new ToolFacts
        {
            License = Maybe() ? Fact(_licenses[rng.Next(_licenses.Length)], Status()) : null,
            OpenWeights = Maybe() ? Fact(rng.Next(2) == 0, Status()) : null,
            Parameters = Maybe() ? Fact(new Parameters { TotalBillions = total, ActiveBillions = rng.Next(2) == 0 ? total : Math.Max(0.1m, Math.Round(total / 4, 1)) }, Status()) : null,
            InputModalities = Maybe() ? Fact(Pick(Taxonomy.Modalities, 1), Status()) : null,
            OutputModalities = Maybe() ? Fact(Pick(Taxonomy.Modalities, 1), Status()) : null,
            ContextWindow = Maybe() ? Fact(1024 << rng.Next(0, 11), Status()) : null,
            Pricing = Maybe() ? Fact(RandomPricing(rng), Status()) : null,
            DeploymentTargets = Maybe() ? Fact(Pick(Taxonomy.DeploymentTargets), Status()) : null,
            Runtimes = Maybe() ? Fact(Pick(_runtimes), Status()) : null,
            Quantizations = Maybe() ? Fact(Pick(_quantizations), Status()) : null,
            Evaluations = Maybe()
                ? [.. Enumerable.Range(0, rng.Next(1, 4)).Select(i => Benchmark(_benchmarks[rng.Next(_benchmarks.Length)], rng.Next(10, 95), rng.Next(2) == 0 ? "vendor" : "third-party", Status()))]
                : [],
            Competitors = Maybe() ? Fact<IReadOnlyList<string>>([.. Enumerable.Range(0, rng.Next(0, 8)).Select(i => $"rival-{i}")], Status()) : null,
            DataResidency = Maybe() ? Fact(Pick(_regions), Status()) : null,
            Certifications = Maybe() ? Fact(Pick(_certifications), Status()) : null,
            UptimeSla = Maybe() ? Fact(new[] { 95m, 99m, 99.5m, 99.9m, 99.95m, 99.99m }[rng.Next(6)], Status()) : null,
            Support = Maybe() ? Fact(Pick(_support), Status()) : null,
        };
        var kind = Taxonomy.Kinds[rng.Next(Taxonomy.Kinds.Count)];
        return Bare($"tool-{index}", kind, facts) with
        {
            ReleaseDate = Maybe() ? Today.AddDays(-rng.Next(0, 1500)) : null,
        };
    }

    public static Pricing RandomPricing(Random rng) => rng.Next(5) switch
    {
        0 => new Pricing { Model = "free" },
        1 => new Pricing { Model = "open-source" },
        2 => new Pricing { Model = "freemium", MonthlyUsd = rng.Next(2) == 0 ? null : rng.Next(5, 60) },
        3 => new Pricing { Model = "subscription", MonthlyUsd = rng.Next(1, 300), FreeTier = rng.Next(2) == 0 },
        _ => new Pricing
        {
            Model = "usage-based",
            InputPerMillionTokensUsd = Math.Round((decimal)(rng.NextDouble() * 20), 2),
            OutputPerMillionTokensUsd = rng.Next(4) == 0 ? null : Math.Round((decimal)(rng.NextDouble() * 60), 2),
            FreeTier = rng.Next(2) == 0,
        },
    };

    public static IReadOnlyList<Tool> Catalog(int seed, int count)
    {
        var rng = new Random(seed);
        return [OpenModel(), TextOnlyRuntime(), HostedApi(), .. Enumerable.Range(0, count).Select(i => Random(rng, i))];
    }
}
