namespace Shipwise.Core.Catalog;

public sealed record Category(string Slug, string Name, string Description);

/// <summary>
/// The single taxonomy. Every tool sits in exactly one category and has exactly one kind;
/// the reference site's "Models" vs "AI/ML Models" split is what this prevents.
/// </summary>
public static class Taxonomy
{
    public static readonly IReadOnlyList<Category> Categories =
    [
        new("language-models", "Language models", "General-purpose text models, open-weight or behind an API."),
        new("vision-language-models", "Vision-language models", "Models whose main job is understanding images (and often video) together with text."),
        new("coding-models", "Coding models", "Models made for writing, editing and reviewing code."),
        new("embedding-models", "Embeddings and rerankers", "Models that turn text (or images) into vectors for search, and rerank results."),
        new("speech-recognition", "Speech recognition", "Speech to text: transcription and captioning."),
        new("speech-synthesis", "Speech synthesis", "Text to speech: voices for apps, agents and media."),
        new("image-generation", "Image generation", "Text (and image) to image."),
        new("video-generation", "Video generation", "Text or image to video."),
        new("inference-runtimes", "Serving runtimes", "Engines and servers that run models on your own servers."),
        new("on-device-runtimes", "On-device runtimes", "Engines that run models on laptops, phones and in browsers."),
        new("inference-providers", "Inference providers", "Hosted inference of many vendors' models, priced per token."),
        new("ai-gateways", "AI gateways", "One endpoint in front of many model providers: routing, keys, spend and fallbacks."),
        new("fine-tuning-tools", "Fine-tuning tools", "Libraries and services for training and fine-tuning models."),
        new("local-ai-apps", "Local AI apps", "Desktop and mobile apps for running and chatting with models locally."),
        new("developer-tools", "Developer tools", "Libraries and SDKs for building with models."),
        new("ai-hardware", "AI hardware", "Accelerators for running and training models."),
    ];

    /// <summary>model: open weights; api: closed, behind an API; provider: hosts or routes to others' models.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["model", "api", "runtime", "app", "library", "provider", "hardware"];

    public static readonly IReadOnlyList<string> PricingModels = ["free", "open-source", "freemium", "subscription", "usage-based"];

    public static readonly IReadOnlyList<string> DeploymentTargets = ["phone", "browser", "laptop", "single-gpu", "multi-gpu", "server", "cloud-api"];

    public static readonly IReadOnlyList<string> Platforms = ["macos", "windows", "linux", "ios", "android", "web"];

    /// <summary>"scores" is a reranker's output: a relevance score per candidate, not a vector.</summary>
    public static readonly IReadOnlyList<string> Modalities = ["text", "image", "video", "audio", "code", "embedding", "scores"];

    /// <summary>A reranker: its output on record is relevance scores. Null when no output is on record.</summary>
    public static bool? IsReranker(ToolFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.OutputModalities?.Value is { } outputs ? outputs.Contains("scores") : null;
    }

    public static readonly IReadOnlyList<string> PriceUnits =
        ["image", "megapixel", "video-second", "audio-second", "audio-minute", "audio-hour", "million-characters", "thousand-requests", "request", "gpu-hour", "seat-month"];

    /// <summary>wer is a word error rate in percent: lower is better.</summary>
    public static readonly IReadOnlyList<string> EvaluationUnits = ["percent", "elo", "points", "wer"];

    public static readonly IReadOnlyList<string> GroupKinds = ["family", "disambiguation"];

    public static Category? FindCategory(string slug) => Categories.FirstOrDefault(c => c.Slug == slug);

    /// <summary>How a category's tools are named in a sentence: "3rd of 14 vision-language models".</summary>
    public static string PeerNoun(string category) => category switch
    {
        "embedding-models" => "embedding and reranking models",
        "speech-recognition" => "speech-recognition systems",
        "speech-synthesis" => "speech-synthesis systems",
        "image-generation" => "image generators",
        "video-generation" => "video generators",
        "inference-runtimes" => "serving runtimes",
        "on-device-runtimes" => "on-device runtimes",
        "inference-providers" => "inference providers",
        "ai-gateways" => "AI gateways",
        "fine-tuning-tools" => "fine-tuning tools",
        "local-ai-apps" => "local AI apps",
        "developer-tools" => "developer libraries",
        "ai-hardware" => "accelerators",
        _ => FindCategory(category)?.Name.ToLowerInvariant() ?? "tools in its category",
    };

    /// <summary>Categories whose tools read and write text, so a context window applies.</summary>
    public static bool IsTextCategory(string category) => category is "language-models" or "vision-language-models" or "coding-models";
}
