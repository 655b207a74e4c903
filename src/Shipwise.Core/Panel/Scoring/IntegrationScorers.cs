using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>How much glue code an API needs: OpenAI compatibility, schema-constrained output, tool calls, streaming, SDKs.</summary>
public sealed class ApiIntegrationScorer : CriterionScorer
{
    public override string Key => "api-integration";
    public override IReadOnlyList<FactName> Reads { get; } =
        [FactName.OpenaiCompatible, FactName.StructuredOutput, FactName.ToolCalling, FactName.Streaming, FactName.Sdks];

    public override bool AppliesTo(ReviewInputs inputs) => inputs.IsText || inputs.Kind == "provider";

    // An embedding or reranking API returns vectors or scores: JSON-schema output, tool calling and
    // streaming are chat features it never needs, so it is judged on the endpoint and the SDKs alone.
    private static bool ReturnsVectors(ReviewInputs inputs) => inputs.Category == "embedding-models";

    private static readonly IReadOnlyList<FactName> _vectorReads = [FactName.OpenaiCompatible, FactName.Sdks];
    private static readonly IReadOnlyList<FactName> _rerankReads = [FactName.Sdks];

    public override IReadOnlyList<FactName> ReadsFor(ReviewInputs inputs) =>
        Taxonomy.IsReranker(inputs.Facts) == true ? _rerankReads : ReturnsVectors(inputs) ? _vectorReads : Reads;

    public override string Description =>
        "Points for each confirmed feature: OpenAI-compatible endpoint 30, JSON-schema output 25, tool calling 25, streaming 10, two or more official SDKs 10 (embedding APIs: endpoint 70, SDKs 30; rerankers, which OpenAI's API has no endpoint for: SDKs alone). A feature not on record earns half.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var f = inputs.Facts;
        var vectors = ReturnsVectors(inputs);
        // OpenAI's API has no rerank endpoint: a reranker is judged on its SDKs alone.
        var reranker = Taxonomy.IsReranker(f) == true;
        (string Name, SourcedFact<bool>? Fact, double Points)[] features = reranker
            ? []
            : vectors
            ? [("an OpenAI-compatible endpoint", f.OpenaiCompatible, 70)]
            :
            [
                ("an OpenAI-compatible endpoint", f.OpenaiCompatible, 30),
                ("JSON-schema output", f.StructuredOutput, 25),
                ("tool calling", f.ToolCalling, 25),
                ("streaming", f.Streaming, 10),
            ];
        if (features.All(x => x.Fact is null) && f.Sdks is null)
        {
            return null;
        }

        var score = features.Sum(x => x.Fact is null ? x.Points / 2 : x.Fact.Value ? x.Points : 0);
        var sdks = f.Sdks?.Value ?? [];
        var sdkPoints = reranker ? 100 : vectors ? 30 : 10;
        score += f.Sdks is null ? sdkPoints / 2.0 : sdks.Count >= 2 ? sdkPoints : sdks.Count * sdkPoints / 2.0;
        var has = features.Where(x => x.Fact?.Value == true).Select(x => x.Name).ToList();
        var lacks = features.Where(x => x.Fact?.Value == false).Select(x => x.Name).ToList();
        var unknown = features.Where(x => x.Fact is null).Select(x => x.Name).ToList();
        var parts = new List<string>();
        if (has.Count == 4 && !inputs.Vendor.StartsWith("OpenAI", StringComparison.Ordinal))
        {
            // Everything an OpenAI client sends works: said as what it means, swapping a base URL.
            parts.Add(Phrasing.Choose(inputs.Seed, "api-all", 2) switch
            {
                0 => $"{inputs.Name} takes OpenAI client code unchanged, JSON schemas, tools and streaming included",
                _ => $"OpenAI client code runs on {inputs.Name} as it is, JSON schemas, tool calls and streaming too",
            });
        }
        else if (has.Count > 0)
        {
            parts.Add((Phrasing.Choose(inputs.Seed, "api-has", 3) switch
            {
                0 => $"{inputs.Name} offers {Phrasing.List(has)}",
                1 => $"{Phrasing.Capital(Phrasing.VendorsName(inputs.Vendor, inputs.Name))} API gives {Phrasing.List(has)}",
                _ => $"{Phrasing.Capital(Phrasing.List(has))}: {inputs.Name} has {(has.Count == 1 ? "it" : "them")}",
            }));
        }

        if (lacks.Count > 0)
        {
            // "no OpenAI-compatible endpoint": a feature named after "no" loses its article.
            var missing = Phrasing.Either(lacks.Select(l => l.StartsWith("an ", StringComparison.Ordinal) ? l[3..] : l));
            parts.Add(has.Count > 0 ? $"but no {missing}" : $"{inputs.Name} has no {missing}");
        }

        // A long list is the first two and a count; the tool page lists them all.
        var sdkList = sdks.Count <= 3
            ? Phrasing.List(sdks.Select(FactFormat.Token))
            : $"{string.Join(", ", sdks.Take(2).Select(FactFormat.Token))} and {sdks.Count - 2} more languages";
        if (sdks.Count > 0)
        {
            parts.Add($"{(has.Count == 0 && lacks.Count > 0 ? "only" : "with")} official SDKs for {sdkList}");
        }

        var text = string.Join(", ", parts) + ".";
        if (reranker)
        {
            text = sdks.Count switch
            {
                0 => $"{inputs.Name} lists no official SDK; calls go over plain HTTP.",
                1 => $"{inputs.Name} has an official SDK for {FactFormat.Token(sdks[0])} only.",
                _ => $"{inputs.Name} has official SDKs for {sdkList}.",
            };
        }
        else if (unknown.Count > 0 && has.Count + lacks.Count > 0)
        {
            text += $" Unconfirmed for {inputs.Name}: {Phrasing.List(unknown)}.";
        }
        else if (has.Count + lacks.Count == 0)
        {
            text = $"Only {Phrasing.Possessive(inputs.Name)} SDKs are on record ({Phrasing.List(sdks.Select(FactFormat.Token))}); unconfirmed: {Phrasing.List(unknown)}.";
        }

        return Outcome(score, inputs.Uses([.. ReadsFor(inputs)]),
            new Finding("integration", lacks.Count > 0 && has.Count == 0 ? -1 : Polarity(score), Phrasing.Capital(text), 0.9));
    }

}

/// <summary>Which engines run the weights, and in which compressed forms: the first local run, and the road to production.</summary>
public sealed class RuntimeSupportScorer : CriterionScorer
{
    // Image and speech models have their own mainstream engines: Diffusers and ComfyUI, whisper.cpp and faster-whisper.
    private static readonly string[] _serving = ["vllm", "sglang", "tensorrt-llm", "lmdeploy", "tgi", "diffusers", "faster-whisper", "nemo", "triton", "text-generation-inference", "text-embeddings-inference", "sentence-transformers", "vllm-omni"];
    private static readonly string[] _local = ["llama.cpp", "llama-cpp", "ollama", "mlx", "mlx-lm", "lm-studio", "comfyui", "whisper.cpp", "whisper-cpp", "draw-things", "stable-diffusion.cpp", "onnx-runtime", "litert-lm", "transformers.js", "sherpa-onnx"];

    public override string Key => "runtime-support";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Runtimes, FactName.Quantizations];
    public override string Description =>
        "A production server (vLLM, SGLang, TensorRT-LLM) 35, a local runtime (llama.cpp, Ollama, MLX) 30, Transformers 10, each published quantization 5 (up to 25).";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var runtimes = inputs.Facts.Runtimes?.Value ?? [];
        var quants = inputs.Facts.Quantizations?.Value ?? [];
        if (inputs.Facts.Runtimes is null && inputs.Facts.Quantizations is null)
        {
            return null;
        }

        var serving = runtimes.Where(r => _serving.Contains(r)).ToList();
        var local = runtimes.Where(r => _local.Contains(r)).ToList();
        var score = (serving.Count > 0 ? 35 : 0) + (local.Count > 0 ? 30 : 0) + (runtimes.Contains("transformers") ? 10 : 0) + Math.Min(25, quants.Count * 5);
        string text;
        if (runtimes.Count == 0)
        {
            text = $"No runtime is on record for {inputs.Name}, only {Phrasing.List(quants.Select(FactFormat.Token))} builds.";
        }
        else
        {
            var names = Phrasing.List(runtimes.Take(5).Select(FactFormat.Token));
            var quantText = quants.Count > 0 ? $", with {Phrasing.List(quants.Take(4).Select(FactFormat.Token))} builds" : "";
            text = (serving.Count, local.Count) switch
            {
                ( > 0, > 0) => (Phrasing.Choose(inputs.Seed, "rt-both", 3) switch
                {
                    0 => $"{inputs.Name} runs in {names}{quantText}: laptop and server alike.",
                    1 => $"{names} all load {inputs.Name}{quantText}.",
                    _ => $"Runtimes for {inputs.Name}: {names}{quantText}.",
                }),
                ( > 0, 0) => $"{inputs.Name} runs in {names}{quantText}; no local engine for {inputs.Name}.",
                (0, > 0) when inputs.Kind == "app" => $"{inputs.Name} runs models through {names}{quantText}.",
                (0, > 0) => $"{inputs.Name} runs in {names}{quantText}; no {inputs.Name} serving engine.",
                _ => $"{inputs.Name} runs in {names}{quantText}, none a mainstream serving or local engine.",
            };
        }

        return Outcome(score, inputs.Uses(FactName.Runtimes, FactName.Quantizations), new Finding("runtimes", Polarity(score), text, 0.9));
    }
}

/// <summary>What a serving runtime brings to production: batching, KV-cache management, caching, speculation, an OpenAI server, and the hardware it drives.</summary>
public sealed class ServingFeaturesScorer : CriterionScorer
{
    private static readonly (string Token, double Points)[] _features =
    [
        ("continuous-batching", 20), ("paged-kv-cache", 15), ("prefix-caching", 15), ("openai-compatible-server", 15),
        ("speculative-decoding", 10), ("structured-output", 10), ("multi-lora", 5), ("tensor-parallel", 5), ("quantized-kv-cache", 5),
    ];

    public override string Key => "serving-features";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.ServingFeatures, FactName.HardwareBackends];
    public override string Description =>
        "Continuous batching 20, paged KV cache 15, prefix caching 15, an OpenAI-compatible server 15, speculative decoding 10, structured output 10, multi-LoRA, tensor parallelism and a quantized KV cache 5 each; a third backend beyond CUDA adds 5. An on-device runtime is not asked for server techniques: 40, plus 5 per hardware backend (up to 20), plus half of each documented feature's points.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        if (inputs.Facts.ServingFeatures is null && inputs.Facts.HardwareBackends is null)
        {
            return null;
        }

        var features = inputs.Facts.ServingFeatures?.Value ?? [];
        var backends = inputs.Facts.HardwareBackends?.Value ?? [];
        if (inputs.Category == "on-device-runtimes")
        {
            return OnDevice(inputs, features, backends);
        }

        var score = _features.Where(x => features.Contains(x.Token)).Sum(x => x.Points) + (backends.Count >= 3 ? 5 : 0);
        if (inputs.Facts.ServingFeatures is null)
        {
            score = 40 + Math.Min(20, backends.Count * 5);
        }

        // The four core techniques are said as a set when all are there, so the sentence names what sets the engine apart.
        var core = _features.Take(4).Select(x => x.Token).ToList();
        var missing = core.Where(t => !features.Contains(t)).Select(FactFormat.Token).ToList();
        var extras = features.Where(t => _features.Skip(4).Any(x => x.Token == t)).Select(FactFormat.Token).ToList();
        var has = features.Where(core.Contains).Select(FactFormat.Token).ToList();
        var text = (has.Count, missing.Count) switch
        {
            (0, _) => $"{inputs.Name} documents none of the four core serving techniques{(extras.Count > 0 ? $", only {Phrasing.List(extras)}" : "")}.",
            (_, 0) => extras.Count == 0
                ? $"{inputs.Name} documents the four core serving techniques (continuous batching, paged KV and prefix caching, an OpenAI-compatible server) and nothing beyond them."
                : $"{inputs.Name} adds {Phrasing.List(extras.Take(4))} to the four core serving techniques (continuous batching, paged KV and prefix caching, an OpenAI-compatible server).",
            _ => $"{inputs.Name} documents {Phrasing.List([.. has, .. extras.Take(3)])}, not {Phrasing.Either(missing)}.",
        };
        return Outcome(score, inputs.Uses(FactName.ServingFeatures, FactName.HardwareBackends), new Finding("serving", Polarity(score), text, 1.0));
    }

    /// <summary>
    /// A runtime for phones and laptops serves one user: batching and paged KV cache are server
    /// throughput techniques it is not asked for. It starts from the hardware it drives, and each
    /// documented feature adds half its server points to that.
    /// </summary>
    private ScorerOutcome? OnDevice(ReviewInputs inputs, IReadOnlyList<string> features, IReadOnlyList<string> backends)
    {
        var score = Math.Min(100, 40 + Math.Min(20, backends.Count * 5) + (_features.Where(x => features.Contains(x.Token)).Sum(x => x.Points) / 2));
        var listed = features.Where(t => _features.Any(x => x.Token == t)).Select(FactFormat.Token).ToList();
        var text = listed.Count == 0
            ? $"{inputs.Name} documents no serving features; what it offers is the {backends.Count} hardware backends it drives."
            : $"For local use {inputs.Name} documents {Phrasing.List(listed.Take(5))}{(listed.Count > 5 ? $" and {listed.Count - 5} more" : "")}.";
        return Outcome(score, inputs.Uses(FactName.ServingFeatures, FactName.HardwareBackends), new Finding("serving", Polarity(score), text, 1.0));
    }
}

/// <summary>Where it runs: operating systems and devices for apps and on-device engines, hardware backends for libraries.</summary>
public sealed class PlatformReachScorer : CriterionScorer
{
    public override string Key => "platform-reach";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Platforms, FactName.DeploymentTargets, FactName.HardwareBackends];
    public override string Description => "Each platform (macOS, Windows, Linux, iOS, Android, web) and each hardware backend beyond the first adds reach: one platform scores 30, five or more 95.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var f = inputs.Facts;
        if (f.Platforms is null && f.DeploymentTargets is null && f.HardwareBackends is null)
        {
            return null;
        }

        var platforms = f.Platforms?.Value ?? [];
        var targets = f.DeploymentTargets?.Value ?? [];
        var backends = f.HardwareBackends?.Value ?? [];
        var reach = platforms.Count + Math.Max(0, backends.Count - 1) + targets.Count(t => t is "phone" or "browser" or "laptop");
        var score = Curve.Between(reach, 1, 30, 6, 95);
        var parts = new List<string>();
        if (platforms.Count > 0)
        {
            parts.Add($"on {Phrasing.List(platforms.Select(FactFormat.Token))}");
        }

        if (backends.Count > 0)
        {
            parts.Add($"on {Phrasing.List(backends.Select(FactFormat.Token))} hardware");
        }

        if (targets.Count > 0 && platforms.Count == 0)
        {
            parts.Add($"on {Phrasing.List(targets.Select(FactFormat.Target))}");
        }

        var text = (Phrasing.Choose(inputs.Seed, "reach", 2) switch
        {
            0 => $"{inputs.Name} runs {string.Join(", and ", parts)}.",
            _ => $"{inputs.Name} works {string.Join(" and ", parts)}.",
        });
        return Outcome(score, inputs.Uses(FactName.Platforms, FactName.DeploymentTargets, FactName.HardwareBackends), new Finding("reach", Polarity(score), text, 0.8));
    }
}

/// <summary>How many places sell it by the token: choice of host, price pressure, and a way out if one host fails.</summary>
public sealed class OfferingsChoiceScorer : CriterionScorer
{
    public override string Key => "offerings-choice";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Offerings, FactName.Pricing];
    public override string Description => "Hosts selling it besides the vendor: none scores 30, one 55, two 70, three or more 85; a spread in their prices is named.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var offerings = inputs.Facts.Offerings;
        if (offerings.Count == 0)
        {
            return inputs.Kind == "model" && inputs.Facts.Pricing is not null
                ? Outcome(30, inputs.Uses(FactName.Pricing), new Finding("hosting", -1,
                    $"Nobody sells {inputs.Name} per token: testing {inputs.Name} means renting GPUs.", 0.7))
                : null;
        }

        var hosts = offerings.Select(o => o.Provider).Distinct().ToList();
        var score = hosts.Count switch { 1 => 55.0, 2 => 70.0, _ => 85.0 };
        var prices = offerings.Select(o => o.Pricing.InputPerMillionTokensUsd is { } i ? CostModel.Blend(i, o.Pricing.OutputPerMillionTokensUsd ?? i) : (decimal?)null)
            .OfType<decimal>().ToList();
        var spread = prices.Count >= 2 && prices.Min() > 0 && prices.Max() / prices.Min() >= 1.5m
            ? $", from {FactFormat.Usd(decimal.Round(prices.Min(), 2))} to {FactFormat.Usd(decimal.Round(prices.Max(), 2))} per million"
            : "";
        var text = (Phrasing.Choose(inputs.Seed, "hosts", 3) switch
        {
            0 => $"{Phrasing.List(hosts.Take(4))} {(hosts.Count == 1 ? "sells" : "sell")} {inputs.Name} by the token{spread}.",
            1 => $"Hosted {inputs.Name} is on {Phrasing.List(hosts.Take(4))}{spread}.",
            _ => $"Hosts for {inputs.Name}: {Phrasing.List(hosts.Take(4))}{spread}.",
        });
        return Outcome(score, inputs.Uses(FactName.Offerings), new Finding("hosting", Polarity(score), text, 0.7));
    }
}

/// <summary>What hardware the weights need, by total parameters: a laptop, one GPU, a node, or a cluster.</summary>
public sealed class FitsHardwareScorer : CriterionScorer
{
    public override string Key => "fits-hardware";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Parameters];
    public override string Description =>
        "Memory for the weights by total parameters: fits a 16 GB laptop at 4-bit 95, a 24 GB GPU 85, an 80 GB GPU at FP8 70, one 8 × 80 GB node 45, more 15.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        if (inputs.Facts.Parameters is not { } parameters)
        {
            return null;
        }

        var p = parameters.Value;
        var bf16 = p.TotalBillions * 2;
        var fp8 = p.TotalBillions * CostModel.ServingHeadroom;
        var q4 = MemoryNeeds.SmallestGigabytes(p);
        var (score, where) = (q4, fp8) switch
        {
            ( <= 12, _) => (95.0, "laptop class"),
            ( <= 20, _) => (85.0, "one 24 GB card"),
            (_, <= 80) => (70.0, "one 80 GB GPU at FP8"),
            (_, <= 640) => (45.0, $"{Math.Ceiling(fp8 / 80)} × 80 GB GPUs at FP8"),
            _ => (15.0, $"{Math.Ceiling(fp8 / 640)} eight-GPU servers"),
        };
        var total = FactFormat.Number(p.TotalBillions);
        var active = p.ActiveBillions is { } a && a < p.TotalBillions
            ? (Phrasing.Choose(inputs.Seed, "moe", 3) switch
            {
                0 => $" {inputs.Name} computes with {FactFormat.Number(a)}B per token yet holds all {total}B in memory.",
                1 => $" {FactFormat.Number(a)}B active speeds {inputs.Name} up; memory still pays for {total}B.",
                _ => $" Mixture of experts: {FactFormat.Number(a)}B of {total}B fire per token, all {total}B stay loaded.",
            })
            : "";
        var size = inputs.Peers.Standing(inputs.Slug, p.TotalBillions, x => x.TotalBillions, lowerIsBetter: true);
        var near = size?.NextWorse is { } bigger ? $", lighter than {Phrasing.Sized(bigger.Name, bigger.Value)}" : size?.NextBetter is { } smaller ? $", heavier than {Phrasing.Sized(smaller.Name, smaller.Value)}" : "";
        var text = (Phrasing.Choose(inputs.Seed, "fits", 3) switch
        {
            0 => $"{Phrasing.Possessive(inputs.Name)} {total}B parameters weigh {FactFormat.Gigabytes(bf16)} at BF16, {FactFormat.Gigabytes(q4)} at 4-bit{near}: {where}.{active}",
            1 => $"{inputs.Name} needs {FactFormat.Gigabytes(q4)} at 4-bit, {FactFormat.Gigabytes(bf16)} at BF16 for its {total}B parameters{near}: {where}.{active}",
            _ => $"At {total}B{near}, {inputs.Name} takes {FactFormat.Gigabytes(q4)} quantised to 4-bit; {where}.{active}",
        });
        return Outcome(score, inputs.Uses(FactName.Parameters), new Finding("hardware", Polarity(score), text, 1.0));
    }
}
