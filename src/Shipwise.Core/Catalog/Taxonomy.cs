namespace Shipwise.Core.Catalog;

public sealed record Category(string Slug, string Name, string Description);

/// <summary>
/// The single taxonomy. Every tool sits in exactly one category; the reference site's
/// "Models" vs "AI/ML Models" split is what this prevents.
/// </summary>
public static class Taxonomy
{
    public static readonly IReadOnlyList<Category> Categories =
    [
        new("language-models", "Language models", "General-purpose text models, open-weight or behind an API."),
        new("vision-language-models", "Vision-language models", "Models whose main job is understanding images (and often video) together with text."),
        new("inference-runtimes", "Inference runtimes", "Engines and servers that run models on your own hardware."),
        new("local-ai-apps", "Local AI apps", "Desktop and mobile apps for running and chatting with models locally."),
        new("developer-tools", "Developer tools", "Libraries, SDKs and services for building with models."),
        new("ai-hardware", "AI hardware", "Accelerators and devices for running models."),
    ];

    public static readonly IReadOnlyList<string> Kinds = ["model", "api", "runtime", "app", "library", "service", "hardware"];

    public static readonly IReadOnlyList<string> PricingModels = ["free", "open-source", "freemium", "subscription", "usage-based"];

    public static readonly IReadOnlyList<string> DeploymentTargets = ["phone", "laptop", "single-gpu", "server", "cloud-api"];

    public static readonly IReadOnlyList<string> Modalities = ["text", "image", "video", "audio", "code"];

    public static readonly IReadOnlyList<string> BenchmarkAuthors = ["vendor", "third-party"];

    public static Category? FindCategory(string slug) => Categories.FirstOrDefault(c => c.Slug == slug);
}
