using Shipwise.Core.Catalog;

namespace Shipwise.Core.Compare;

/// <summary>Whether the two compete for the same job at all, said first when they do not.</summary>
internal static partial class UseCaseAnswers
{
    /// <summary>At or below this many billion total parameters a text model is in the on-device class (about 2 GB at 4-bit).</summary>
    public const decimal OnDeviceClassBillions = 4;

    /// <summary>A text model this many times larger in total parameters than an on-device one is another class of tool.</summary>
    public const decimal SizeClassRatio = 20;

    /// <summary>Why the two are not substitutes; null when they are.</summary>
    /// <param name="DifferentJobs">They do different jobs, so no other question applies; otherwise the same job at a different size class.</param>
    private sealed record Fit(string? Reason, bool DifferentJobs, Tool? Small, Tool? Large)
    {
        public static Fit Substitutes { get; } = new(null, false, null, null);

        public bool AreSubstitutes => Reason is null;
    }

    /// <summary>The job a tool does, as a reader would name it: text generation, transcription, serving models...</summary>
    private static string JobOf(Tool tool) => tool.Kind == "hardware" ? "accelerator" : tool.Category switch
    {
        "language-models" or "vision-language-models" or "coding-models" => "text",
        "embedding-models" => IsReranker(tool) ? "reranking" : "embeddings",
        // A desktop app that runs models is used instead of a runtime as often as on top of one.
        "inference-runtimes" or "on-device-runtimes" or "local-ai-apps" => "runtime",
        "inference-providers" or "ai-gateways" => "hosted-access",
        "ai-hardware" => "accelerator",
        var category => category,
    };

    // A reranker outputs relevance scores, an embedding model vectors; a record without output
    // modalities falls back to the catalog's own identifier (its slug), never vendor text.
    private static bool IsReranker(Tool tool) => Taxonomy.IsReranker(tool.Facts) ?? tool.Slug.Contains("rerank", StringComparison.Ordinal);

    private static Fit FitOf(Tool left, Tool right)
    {
        var (lj, rj) = (JobOf(left), JobOf(right));
        if (lj == "runtime" && lj == rj && (Runs(left, right) || Runs(right, left)))
        {
            // Two serving runtimes, one running the other (NVIDIA Dynamo over vLLM): the same noun twice says nothing.
            return new Fit($"No, one runs on the other. {Together(left, right) ?? Together(right, left)}", true, null, null);
        }

        if (lj != rj)
        {
            var together = Together(left, right) ?? Together(right, left);
            var reason = $"No, they do different jobs. {What(left)}; {What(right)}. "
                + (together ?? "Neither replaces the other, so pick each for its own job.");
            return new Fit(reason, true, null, null);
        }

        if (lj != "text")
        {
            return Fit.Substitutes;
        }

        return SizeClass(left, right) ?? SizeClass(right, left) ?? Fit.Substitutes;
    }

    /// <summary>A model small enough for a phone or laptop against one far larger, or against a cloud API.</summary>
    private static Fit? SizeClass(Tool small, Tool large)
    {
        if (small.Facts.Parameters is not { } sp || sp.Value.TotalBillions > OnDeviceClassBillions)
        {
            return null;
        }

        string other;
        if (large.Facts.Parameters is { } lp)
        {
            var ratio = lp.Value.TotalBillions / sp.Value.TotalBillions;
            if (ratio < SizeClassRatio)
            {
                return null;
            }

            other = $"{large.Name} has {ParametersText(lp.Value)}{Flag(lp)}, {FactFormat.Number(decimal.Round(ratio, 0))} times as many, "
                + $"and its weights alone take {FactFormat.Gigabytes(lp.Value.TotalBillions)} at FP8: a server model";
        }
        else if (IsCloudOnly(large))
        {
            other = $"{large.Name} is a cloud API from {large.Vendor.Name} whose parameter count is not on record";
        }
        else
        {
            return null;
        }

        var devices = Among(small.Facts.DeploymentTargets, _devices) is { Count: > 0 } d
            ? $"runs on {FactFormat.List(d)}{Flag(small.Facts.DeploymentTargets!)}"
            : $"needs {FactFormat.Gigabytes(MemoryNeeds.SmallestGigabytes(sp.Value))} at 4-bit, small enough for a laptop or phone";
        var reason = $"Not really: {small.Name} has {ParametersText(sp.Value)}{Flag(sp)} and {devices}, while {other}. "
            + "One runs inside your app without a network call, the other on servers, so decide by where it must run; the answers below compare them anyway.";
        return new Fit(reason, false, small, large);
    }

    /// <summary>A closed model reached only through its vendor's API: nothing to put on a device.</summary>
    private static bool IsCloudOnly(Tool tool) =>
        (tool.Kind == "api" || tool.Facts.OpenWeights?.Value == false)
        && Among(tool.Facts.DeploymentTargets, [.. _devices, .. _ownHardware]) is not { Count: > 0 };

    /// <summary>How two tools of different jobs work together, when the facts say so.</summary>
    private static string? Together(Tool a, Tool b)
    {
        if (JobOf(a) == "reranking" && JobOf(b) == "embeddings")
        {
            return "In one search pipeline you would use both, the embedding model to find candidates and the reranker to order them, not choose between them.";
        }

        if (JobOf(a) == "runtime" && Runs(b, a))
        {
            // A serving layer over engines (NVIDIA Dynamo over vLLM) runs on them, as a model runs in them.
            return JobOf(b) == "runtime"
                ? $"{b.Name} runs {a.Name} as one of its engines{Flag(b.Facts.Runtimes!)}, so you would use them together, not choose between them."
                : $"{b.Name} lists {a.Name} among the runtimes that run it{Flag(b.Facts.Runtimes!)}, so you would use them together, not choose between them.";
        }

        if (JobOf(a) == "hosted-access" && b.Facts.Offerings.FirstOrDefault(o => o.ProviderSlug == a.Slug && !CostModel.IsBatch(o)) is { } offering)
        {
            var price = PricingRead.Describe(offering.Pricing);
            return $"{a.Name} hosts {b.Name} ({Lower(price)}{FactFormat.Flag(offering.Status)}), so you would use them together, not choose between them.";
        }

        if (JobOf(a) == "accelerator" && JobOf(b) == "runtime" && BackendOf(a) is { } backend
            && b.Facts.HardwareBackends is { } backends && Has(backends.Value, backend))
        {
            return $"{b.Name} lists {FactFormat.Token(backend)} among its hardware backends{Flag(backends)}, {Possessive(a.Vendor.Name)} platform for the {a.Name}: you would run {b.Name} on it, not choose between them.";
        }

        if (JobOf(a) == "accelerator" && CostModel.GpuOf(a) is { } gpu && b.Facts.Parameters is { } p && b.Facts.OpenWeights?.Value == true)
        {
            var plan = CostModel.SelfHost(p.Value, [gpu]);
            return plan is null
                ? $"{Possessive(b.Name)} weights need {FactFormat.Gigabytes(decimal.Round(p.Value.TotalBillions * CostModel.ServingHeadroom, 1))} at FP8 with cache, more than {CostModel.MaxGpus} of {Possessive(a.Name)} {FactFormat.Gigabytes(gpu.MemoryGb)} hold, so one would not run the other."
                : $"{b.Name} at FP8 with cache needs {FactFormat.Gigabytes(plan.NeedGb)}, {(plan.Count == 1 ? "one" : plan.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} {a.Name}{(plan.Count == 1 ? "" : "s")}: you would run one on the other, not choose between them.";
        }

        return null;
    }

    /// <summary>The software backend an accelerator is programmed through, read from its maker: CUDA for NVIDIA, ROCm for AMD.</summary>
    private static string? BackendOf(Tool accelerator) => accelerator.Vendor.Name.Trim().ToUpperInvariant() switch
    {
        "NVIDIA" => "cuda",
        "AMD" => "rocm",
        _ => null,
    };

    /// <summary>Whether one tool lists the other among the runtimes it runs on (an app built on llama.cpp).</summary>
    private static bool Runs(Tool user, Tool runtime) =>
        user.Facts.Runtimes?.Value is { } runtimes && runtimes.Any(r => SameName(r, runtime.Slug) || SameName(r, runtime.Name));

    private static bool SameName(string token, string name) => Squash(token) == Squash(name);

    private static string Squash(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    /// <summary>"SmolVLM2 is a vision-language model that takes text, image and video and writes text".</summary>
    private static string What(Tool tool)
    {
        var noun = Noun(tool);

        // A noun that already says what the tool does ("a reranker, which ...") takes no second clause.
        var io = (tool.Facts.InputModalities?.Value, tool.Facts.OutputModalities?.Value) switch
        {
            ({ Count: > 0 } i, { Count: > 0 } o) when !noun.Contains(',', StringComparison.Ordinal) => $" that takes {FactFormat.List(i)} and returns {FactFormat.List(o)}",
            _ => "",
        };
        if (JobOf(tool) == "accelerator" && tool.Facts.AcceleratorMemoryGb is { } gb)
        {
            io = $" with {FactFormat.Gigabytes(gb.Value)} of memory{Flag(gb)}";
        }

        return $"{tool.Name} is {noun}{io}";
    }

    private static string Noun(Tool tool) => JobOf(tool) switch
    {
        "reranking" => "a reranker, which reorders search results",
        "embeddings" => "an embedding model, which turns content into vectors for search",
        "accelerator" => "an accelerator",
        _ => tool.Category switch
        {
            "language-models" => "a language model",
            "vision-language-models" => "a vision-language model",
            "coding-models" => "a coding model",
            "speech-recognition" => "a speech-recognition model",
            "speech-synthesis" => "a speech-synthesis model",
            "image-generation" => "an image generator",
            "video-generation" => "a video generator",
            "inference-runtimes" => "a serving runtime, which runs models on your servers",
            "on-device-runtimes" => "an on-device runtime, which runs models on laptops and phones",
            "inference-providers" => "an inference provider, which hosts other vendors' models",
            "ai-gateways" => "an AI gateway, one endpoint in front of many providers",
            "fine-tuning-tools" => "a fine-tuning tool",
            "local-ai-apps" => "an app for running models on your own computer",
            "developer-tools" => "a developer library",
            var other => $"a tool in {Taxonomy.FindCategory(other)?.Name.ToLowerInvariant() ?? other}",
        },
    };

    private static UseCaseAnswer Alternatives(Fit fit, Tool left, Tool right) =>
        Answer(UseCases.Alternatives, Pick.Neither, left, right, fit.Reason!);
}
