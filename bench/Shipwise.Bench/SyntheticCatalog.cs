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

    public static Tool Create(int index, int total, DateOnly asOf)
    {
        var random = new Random(index * 7919 + 17);
        var slug = $"synthetic-tool-{index:D6}";
        var kind = Taxonomy.Kinds[random.Next(Taxonomy.Kinds.Count)];
        var license = Licenses[random.Next(Licenses.Length)];
        var open = license != "proprietary";
        var pricingModel = open ? (license.StartsWith("LicenseRef", StringComparison.Ordinal) ? "free" : "open-source") : Pricing[2 + random.Next(3)];
        var status = (FactStatus)random.Next(3);
        var source = $"https://example.org/synthetic/{slug}";
        SourcedFact<T> Fact<T>(T value) => new() { Value = value, Source = source, AsOf = asOf.AddDays(-random.Next(400)), Status = status };
        IReadOnlyList<string> Pick(IReadOnlyList<string> from, int max) =>
            from.OrderBy(_ => random.Next()).Take(1 + random.Next(max)).OrderBy(x => x, StringComparer.Ordinal).ToList();

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
                OpenWeights = Fact(open),
                Parameters = Fact(new Parameters { TotalBillions = total_, ActiveBillions = random.Next(3) == 0 ? Math.Round(total_ / 4, 1) : null }),
                InputModalities = Fact(Pick(Taxonomy.Modalities, 3)),
                OutputModalities = Fact<IReadOnlyList<string>>(["text"]),
                ContextWindow = Fact(4096 << random.Next(8)),
                Pricing = Fact(pricingModel switch
                {
                    "usage-based" => new Pricing { Model = pricingModel, InputPerMillionTokensUsd = random.Next(1, 500) / 100m, OutputPerMillionTokensUsd = random.Next(1, 2000) / 100m },
                    "subscription" => new Pricing { Model = pricingModel, MonthlyUsd = random.Next(5, 200) },
                    _ => new Pricing { Model = pricingModel },
                }),
                DeploymentTargets = Fact(Pick(Taxonomy.DeploymentTargets, 4)),
                Runtimes = Fact(Pick(Runtimes, 4)),
                Quantizations = Fact(Pick(Quantizations, 3)),
                Evaluations =
                [
                    random.Next(2) == 0
                        ? new Evaluation { Benchmark = "mmlu", Score = random.Next(300, 900) / 10m, Unit = "percent", Evaluator = $"Vendor {index % 97}", Relation = EvaluatorRelation.Vendor, Source = source, AsOf = asOf, Status = status }
                        : new Evaluation { Benchmark = "mmlu", Score = random.Next(300, 900) / 10m, Unit = "percent", Evaluator = "Artificial Analysis", Relation = EvaluatorRelation.Independent, Source = source, AsOf = asOf, Status = status },
                ],
                Competitors = Fact<IReadOnlyList<string>>([$"synthetic-tool-{(index + 1) % total:D6}", $"synthetic-tool-{(index + 2) % total:D6}"]),
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
