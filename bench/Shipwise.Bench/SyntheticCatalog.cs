using System.Text.Json;
using Shipwise.Core.Catalog;

namespace Shipwise.Bench;

/// <summary>
/// A deterministic synthetic catalog: realistic-sized tools with every kind of fact, valid
/// against the catalog rules, so import and panel benchmarks measure real work.
/// </summary>
public static class SyntheticCatalog
{
    private static readonly string[] Categories = Taxonomy.Categories.Select(c => c.Slug).ToArray();
    private static readonly string[] Licenses = ["Apache-2.0", "MIT", "proprietary", "LicenseRef-Custom-Community", "CC-BY-NC-4.0"];
    private static readonly string[] Runtimes = ["transformers", "gguf", "llama-cpp", "ollama", "vllm", "mlx", "onnx", "sglang"];
    private static readonly string[] Quantizations = ["bf16", "fp8", "int8", "int4", "q4_k_m", "awq", "gptq"];
    private static readonly string[] Pricing = ["open-source", "free", "freemium", "subscription", "usage-based"];

    private static readonly string[] Benchmarks = ["mmlu-pro", "gpqa-diamond", "lmarena-text", "swe-bench-verified", "mmmu", "aa-intelligence-index"];
    private static readonly string[] Lifecycles = [LifecycleStatus.Active, LifecycleStatus.Active, LifecycleStatus.Active, LifecycleStatus.Active, LifecycleStatus.Preview, LifecycleStatus.Deprecated, LifecycleStatus.Retired, LifecycleStatus.MaintenanceOnly];

    public static Tool Create(int index, int total, DateOnly asOf)
    {
        var random = new Random(index * 7919 + 17);
        var slug = $"synthetic-tool-{index:D6}";
        var kind = Taxonomy.Kinds[random.Next(Taxonomy.Kinds.Count)];
        var license = kind switch
        {
            "api" => "proprietary",
            "model" => Licenses.Where(l => l != "proprietary").ElementAt(random.Next(Licenses.Length - 1)),
            _ => Licenses[random.Next(Licenses.Length)],
        };
        var open = license != "proprietary";
        var pricingModel = open ? (license.StartsWith("LicenseRef", StringComparison.Ordinal) ? "free" : "open-source") : Pricing[2 + random.Next(3)];
        var status = (FactStatus)random.Next(4);
        var source = $"https://example.org/synthetic/{slug}";
        SourcedFact<T> Fact<T>(T value) => new() { Value = value, Source = source, AsOf = asOf.AddDays(-random.Next(400)), Status = status };
        IReadOnlyList<string> Pick(IReadOnlyList<string> from, int max) =>
            from.OrderBy(_ => random.Next()).Take(1 + random.Next(max)).OrderBy(x => x, StringComparer.Ordinal).ToList();
        string Other(int offset) => $"synthetic-tool-{(index + offset) % total:D6}";

        var lifecycleStatus = Lifecycles[random.Next(Lifecycles.Length)];
        var lifecycle = new Lifecycle
        {
            Status = lifecycleStatus,
            DeprecationDate = lifecycleStatus is LifecycleStatus.Deprecated or LifecycleStatus.Retired or LifecycleStatus.MaintenanceOnly ? asOf.AddDays(-random.Next(30, 300)) : null,
            ShutdownDate = lifecycleStatus switch
            {
                LifecycleStatus.Deprecated => asOf.AddDays(random.Next(30, 300)),
                LifecycleStatus.Retired => asOf.AddDays(-random.Next(1, 29)),
                _ => null,
            },
            Successor = lifecycleStatus is LifecycleStatus.Deprecated or LifecycleStatus.Retired ? Other(3) : null,
        };
        var evaluations = Enumerable.Range(0, 1 + random.Next(4)).Select(i =>
        {
            var independent = random.Next(2) == 0;
            var benchmark = Benchmarks[random.Next(Benchmarks.Length)];
            var elo = benchmark == "lmarena-text";
            return new Evaluation
            {
                Benchmark = benchmark,
                Score = elo ? random.Next(1000, 1500) : benchmark == "aa-intelligence-index" ? random.Next(10, 75) : random.Next(200, 950) / 10m,
                Unit = elo ? "elo" : benchmark == "aa-intelligence-index" ? "points" : "percent",
                Evaluator = independent ? "Artificial Analysis" : $"Vendor {index % 997}",
                Relation = independent ? EvaluatorRelation.Independent : EvaluatorRelation.Vendor,
                Source = source,
                AsOf = asOf.AddDays(-random.Next(200)),
                Status = independent ? FactStatus.Verified : FactStatus.VendorClaim,
            };
        }).DistinctBy(e => (e.Benchmark, e.Relation)).ToList();
        var hosted = kind is "api" or "model";

        var total_ = Math.Round((decimal)(0.5 + random.NextDouble() * 400), 1);
        return new Tool
        {
            Slug = slug,
            Name = $"Synthetic Tool {index}",
            Aliases = [$"synthetic-{index}-legacy"],
            Vendor = new Vendor { Name = $"Vendor {index % 997}", Url = $"https://vendor{index % 997}.example.org" },
            Kind = kind,
            Category = Categories[random.Next(Categories.Length)],
            Tagline = $"A synthetic {kind} number {index} for load testing",
            Description = $"Synthetic tool {index} exists to exercise the catalog at scale. It carries a full set of sourced facts so every code path does real work.",
            BestFor = ["Benchmarking imports", "Exercising the panel"],
            Links = new ToolLinks { Homepage = source, Docs = source + "/docs" },
            ReleaseDate = asOf.AddDays(-random.Next(1500)),
            Facts = new ToolFacts
            {
                License = Fact(license),
                LicenseTerms = open ? Fact(new LicenseTerms { CommercialUse = !license.Contains("NC", StringComparison.Ordinal), UserCap = random.Next(4) == 0 ? 700_000_000 : null, UseRestrictions = random.Next(2) == 0 }) : null,
                OpenWeights = kind is "api" or "model" ? Fact(open) : null,
                Lifecycle = Fact(lifecycle),
                Parameters = Fact(new Parameters { TotalBillions = total_, ActiveBillions = random.Next(3) == 0 ? Math.Round(total_ / 4, 1) : null }),
                InputModalities = Fact(Pick(Taxonomy.Modalities, 3)),
                OutputModalities = Fact<IReadOnlyList<string>>(["text"]),
                ContextWindow = Fact(4096 << random.Next(8)),
                MaxOutputTokens = hosted ? Fact(4096 << random.Next(5)) : null,
                Pricing = Fact(pricingModel switch
                {
                    "usage-based" => new Pricing { Model = pricingModel, InputPerMillionTokensUsd = random.Next(1, 500) / 100m, OutputPerMillionTokensUsd = random.Next(1, 2000) / 100m, CachedInputPerMillionTokensUsd = random.Next(1, 50) / 100m },
                    "subscription" => new Pricing { Model = pricingModel, MonthlyUsd = random.Next(5, 200) },
                    _ => new Pricing { Model = pricingModel },
                }),
                Offerings = hosted
                    ? [.. Enumerable.Range(0, 1 + random.Next(3)).Select(i => new Offering
                    {
                        Provider = $"Provider {(index + i) % 23}",
                        ModelId = $"vendor/{slug}",
                        Pricing = new Pricing { Model = "usage-based", InputPerMillionTokensUsd = random.Next(1, 500) / 100m, OutputPerMillionTokensUsd = random.Next(1, 2000) / 100m },
                        Source = source + "/offerings",
                        AsOf = asOf.AddDays(-random.Next(100)),
                        Status = FactStatus.ThirdParty,
                    })]
                    : [],
                DeploymentTargets = Fact(Pick(Taxonomy.DeploymentTargets, 4)),
                Runtimes = Fact(Pick(Runtimes, 4)),
                Quantizations = Fact(Pick(Quantizations, 3)),
                Evaluations = evaluations,
                Speed = hosted && random.Next(2) == 0
                    ? [new SpeedMeasurement { OutputTokensPerSecond = random.Next(20, 400), TimeToFirstTokenSeconds = random.Next(1, 30) / 10m, Provider = "Provider 1", MeasuredBy = "Artificial Analysis", Relation = EvaluatorRelation.Independent, Source = source, AsOf = asOf, Status = FactStatus.Verified }]
                    : [],
                ToolCalling = hosted ? Fact(random.Next(4) != 0) : null,
                StructuredOutput = hosted ? Fact(random.Next(3) != 0) : null,
                PromptCaching = kind == "api" ? Fact(random.Next(2) == 0) : null,
                BatchDiscountPercent = kind == "api" ? Fact(random.Next(2) == 0 ? 50m : 0m) : null,
                TrainsOnInputs = kind is "api" or "provider" ? Fact(random.Next(5) == 0) : null,
                DataRetentionDays = kind is "api" or "provider" ? Fact(random.Next(3) * 30) : null,
                DataResidency = kind is "api" or "provider" ? Fact(Pick(["us", "eu", "jp", "uk"], 3)) : null,
                Certifications = kind is "api" or "provider" ? Fact<IReadOnlyList<string>>(random.Next(2) == 0 ? ["SOC 2 Type II", "ISO 27001"] : ["SOC 2 Type II"]) : null,
                Dpa = kind is "api" or "provider" ? Fact(random.Next(4) != 0) : null,
                Competitors = Fact<IReadOnlyList<string>>([Other(1), Other(2)]),
            },
        };
    }

    public static async Task WriteAsync(string path, int count, DateOnly asOf)
    {
        await using var stream = File.Create(path);
        await using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        writer.WriteNumber("schemaVersion", CatalogDocument.CurrentSchemaVersion);
        writer.WriteStartArray("tools");
        for (var i = 0; i < count; i++)
        {
            JsonSerializer.Serialize(writer, Create(i, count, asOf), CatalogJson.Options);
            if (writer.BytesPending > 1 << 20)
            {
                await writer.FlushAsync();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
