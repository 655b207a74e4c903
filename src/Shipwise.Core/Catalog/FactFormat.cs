using System.Globalization;

namespace Shipwise.Core.Catalog;

/// <summary>
/// The one way every page, review, history line and API field spells a fact: "128K tokens",
/// "$0.40", "2.2B", "31 Aug 2026". Always the invariant culture, so a page reads the same on
/// every server.
/// </summary>
public static class FactFormat
{
    private const int Kibi = 1024;
    private const int Mebi = 1024 * 1024;

    /// <summary>"128K tokens", "1M tokens", "512 tokens".</summary>
    /// <remarks>
    /// Vendors quote windows both ways (128,000 and 131,072 are both "128K"), so a binary
    /// round number reads in binary units and everything else in decimal ones.
    /// </remarks>
    public static string Tokens(int tokens)
    {
        if (tokens >= 1_000_000)
        {
            var millions = tokens % Mebi == 0 && tokens % 1_000_000 != 0 ? (decimal)tokens / Mebi : tokens / 1_000_000m;
            return Invariant($"{millions:0.##}M tokens");
        }

        if (tokens >= 1_000)
        {
            var thousands = tokens % Kibi == 0 && tokens % 1_000 != 0 ? (decimal)tokens / Kibi : tokens / 1_000m;
            return Invariant($"{thousands:0.#}K tokens");
        }

        return Invariant($"{tokens} tokens");
    }

    /// <summary>"$0.40", "$2.00", "$0.075": cents always shown, as prices are read.</summary>
    public static string Usd(decimal amount) => Invariant($"${amount:0.00##}");

    /// <summary>"2.2", "99.95", "70": no trailing zeros.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"2.2B parameters", or "24B total, 3B active" for a mixture of experts.</summary>
    public static string Parameters(Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.ActiveBillions is { } active && active != parameters.TotalBillions
            ? $"{Number(parameters.TotalBillions)}B total, {Number(active)}B active"
            : $"{Number(parameters.TotalBillions)}B";
    }

    /// <summary>The parameters that work on each token: what memory and speed depend on.</summary>
    public static decimal ActiveBillions(Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.ActiveBillions ?? parameters.TotalBillions;
    }

    /// <summary>"single GPU" for "single-gpu": the catalog's identifiers as words.</summary>
    public static string Target(string target) => target switch
    {
        "single-gpu" => "single GPU",
        "multi-gpu" => "multi-GPU",
        "cloud-api" => "cloud API",
        _ => target,
    };

    /// <summary>"EU" for "eu"; region codes are upper case in prose.</summary>
    public static string Region(string region) =>
        region.Length <= 4 && region.All(char.IsAsciiLetter) ? region.ToUpperInvariant() : region;

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IEnumerable<string> items) => List(items, "and");

    /// <summary>"a", "a or b", "a, b or c" with "or" as the conjunction.</summary>
    public static string List(IEnumerable<string> items, string conjunction)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => $"{string.Join(", ", list.Take(list.Count - 1))} {conjunction} {list[^1]}",
        };
    }

    /// <summary>"vendor claim" for <see cref="FactStatus.VendorClaim"/>.</summary>
    public static string Status(FactStatus status) => status switch
    {
        FactStatus.Verified => "verified",
        FactStatus.VendorClaim => "vendor claim",
        FactStatus.ThirdParty => "third-party",
        _ => "unverified",
    };

    /// <summary>"31 Aug 2026".</summary>
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Apache-2.0", "Proprietary", "Llama 3.1 Community License" for LicenseRef-Llama-3.1-Community-License.</summary>
    public static string License(string license)
    {
        ArgumentNullException.ThrowIfNull(license);
        if (string.Equals(license, "proprietary", StringComparison.OrdinalIgnoreCase))
        {
            return "Proprietary";
        }

        return license.StartsWith("LicenseRef-", StringComparison.Ordinal)
            ? license["LicenseRef-".Length..].Replace('-', ' ')
            : license;
    }

    /// <summary>"700M", "100M", "1.5K": a count of users.</summary>
    public static string Count(long count) => count switch
    {
        >= 1_000_000_000 => Invariant($"{count / 1_000_000_000m:0.##}B"),
        >= 1_000_000 => Invariant($"{count / 1_000_000m:0.##}M"),
        >= 10_000 => Invariant($"{count / 1_000m:0.#}K"),
        _ => count.ToString("N0", CultureInfo.InvariantCulture),
    };

    /// <summary>"80 GB", "2.5 GB".</summary>
    /// <summary>"24 GB", "1.5 GB"; under 1 GB in megabytes ("164 MB"), so an 82M-parameter model never "takes 0 GB".</summary>
    public static string Gigabytes(decimal gigabytes) => gigabytes switch
    {
        >= 1 or <= 0 => Invariant($"{gigabytes:0.#} GB"),
        >= 0.001m => Invariant($"{gigabytes * 1000:0} MB"),
        _ => "under 1 MB",
    };

    /// <summary>"per image", "per second of video", "per GPU hour".</summary>
    public static string Unit(string unit) => unit switch
    {
        "image" => "per image",
        "megapixel" => "per megapixel",
        "video-second" => "per second of video",
        "audio-second" => "per second of audio",
        "audio-minute" => "per minute of audio",
        "audio-hour" => "per hour of audio",
        "million-characters" => "per 1M characters",
        "thousand-requests" => "per 1,000 requests",
        "request" => "per request",
        "gpu-hour" => "per GPU hour",
        "seat-month" => "per seat per month",
        _ => "per " + unit,
    };

    /// <summary>"llama.cpp", "vLLM", "continuous batching": catalog tokens as people write them.</summary>
    public static string Token(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _tokens.TryGetValue(token, out var name) ? name : token.Replace('-', ' ');
    }

    private static readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal)
    {
        ["llama.cpp"] = "llama.cpp",
        ["llama-cpp"] = "llama.cpp",
        ["llamacpp"] = "llama.cpp",
        ["vllm"] = "vLLM",
        ["sglang"] = "SGLang",
        ["ollama"] = "Ollama",
        ["mlx"] = "MLX",
        ["mlx-lm"] = "MLX-LM",
        ["transformers"] = "Transformers",
        ["tensorrt-llm"] = "TensorRT-LLM",
        ["lmdeploy"] = "LMDeploy",
        ["tgi"] = "TGI",
        ["text-generation-inference"] = "TGI",
        ["onnx"] = "ONNX",
        ["onnxruntime"] = "ONNX Runtime",
        ["executorch"] = "ExecuTorch",
        ["mlc-llm"] = "MLC LLM",
        ["diffusers"] = "Diffusers",
        ["comfyui"] = "ComfyUI",
        ["lm-studio"] = "LM Studio",
        ["gguf"] = "GGUF",
        ["awq"] = "AWQ",
        ["gptq"] = "GPTQ",
        ["fp8"] = "FP8",
        ["int8"] = "INT8",
        ["int4"] = "INT4",
        ["nvfp4"] = "NVFP4",
        ["mxfp4"] = "MXFP4",
        ["bf16"] = "BF16",
        ["fp16"] = "FP16",
        ["cuda"] = "CUDA",
        ["rocm"] = "ROCm",
        ["metal"] = "Metal",
        ["cpu"] = "CPU",
        ["vulkan"] = "Vulkan",
        ["intel-gpu"] = "Intel GPU",
        ["tpu"] = "TPU",
        ["neuron"] = "AWS Neuron",
        ["gaudi"] = "Intel Gaudi",
        ["npu"] = "NPU",
        ["webgpu"] = "WebGPU",
        ["sycl"] = "SYCL",
        ["opencl"] = "OpenCL",
        ["openvino"] = "OpenVINO",
        ["coreml"] = "Core ML",
        ["directml"] = "DirectML",
        ["gpu"] = "GPU",
        ["openai-compatible-server"] = "OpenAI-compatible server",
        ["multi-lora"] = "multi-LoRA",
        ["paged-kv-cache"] = "paged KV cache",
        ["quantized-kv-cache"] = "quantized KV cache",
        ["python"] = "Python",
        ["typescript"] = "TypeScript",
        ["javascript"] = "JavaScript",
        ["go"] = "Go",
        ["java"] = "Java",
        ["csharp"] = "C#",
        ["dotnet"] = ".NET",
        ["ruby"] = "Ruby",
        ["rust"] = "Rust",
        ["php"] = "PHP",
        ["swift"] = "Swift",
        ["kotlin"] = "Kotlin",
        ["macos"] = "macOS",
        ["windows"] = "Windows",
        ["linux"] = "Linux",
        ["ios"] = "iOS",
        ["android"] = "Android",
        ["web"] = "web",
        ["discord"] = "Discord",
        ["slack"] = "Slack",
    };

    /// <summary>" (vendor claim)" or " (unverified)" after a fact in a sentence; nothing for a verified one.</summary>
    public static string Flag(FactStatus status) => status == FactStatus.Verified ? "" : $" ({Status(status)})";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
