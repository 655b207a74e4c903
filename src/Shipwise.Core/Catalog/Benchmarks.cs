namespace Shipwise.Core.Catalog;

/// <summary>A benchmark or leaderboard that tools are compared on.</summary>
/// <param name="LowerIsBetter">True for error rates (WER).</param>
/// <param name="Short">What a sentence calls it when the full name is long ("AA Index").</param>
public sealed record BenchmarkInfo(string Key, string Name, string Unit, bool LowerIsBetter = false, string? Short = null);

/// <summary>
/// The benchmarks the catalog knows by key, so two tools' results are compared only when they
/// ran the same test. An evaluation with another key keeps its own display name.
/// </summary>
public static class Benchmarks
{
    public static readonly IReadOnlyList<BenchmarkInfo> All =
    [
        new("lmarena-text", "LMArena text", "elo"),
        new("lmarena-vision", "LMArena vision", "elo"),
        new("lmarena-webdev", "LMArena WebDev", "elo"),
        new("lmarena-text-to-image", "LMArena text-to-image", "elo"),
        new("lmarena-text-to-video", "LMArena text-to-video", "elo"),
        new("aa-intelligence-index", "Artificial Analysis Intelligence Index", "points", Short: "AA Index"),
        new("aa-coding-index", "Artificial Analysis Coding Index", "points", Short: "AA Coding Index"),
        new("aa-image-arena", "Artificial Analysis image arena", "elo", Short: "the AA image arena"),
        new("aa-video-arena", "Artificial Analysis video arena", "elo", Short: "the AA video arena"),
        new("aa-speech-arena", "Artificial Analysis speech arena", "elo", Short: "the AA speech arena"),
        new("mmlu", "MMLU", "percent"),
        new("mmlu-pro", "MMLU-Pro", "percent"),
        new("gpqa-diamond", "GPQA Diamond", "percent"),
        new("hle", "Humanity's Last Exam", "percent"),
        new("aime-2025", "AIME 2025", "percent"),
        new("math-500", "MATH-500", "percent"),
        new("ifeval", "IFEval", "percent"),
        new("simpleqa", "SimpleQA", "percent"),
        new("livecodebench", "LiveCodeBench", "percent"),
        new("humaneval", "HumanEval", "percent"),
        new("swe-bench-verified", "SWE-bench Verified", "percent"),
        new("terminal-bench", "Terminal-Bench", "percent"),
        new("mmmu", "MMMU", "percent"),
        new("mathvista", "MathVista", "percent"),
        new("docvqa", "DocVQA", "percent"),
        new("chartqa", "ChartQA", "percent"),
        new("ocrbench", "OCRBench", "percent"),
        new("textvqa", "TextVQA", "percent"),
        new("ai2d", "AI2D", "percent"),
        new("mmbench", "MMBench", "percent"),
        new("video-mme", "Video-MME", "percent"),
        new("opencompass-vlm", "OpenCompass multimodal average", "points", Short: "OpenCompass"),
        new("mteb-eng-v2", "MTEB English v2", "points"),
        new("mmteb", "MMTEB (multilingual)", "points"),
        new("open-asr-wer", "Open ASR Leaderboard WER", "wer", LowerIsBetter: true, Short: "Open ASR WER"),
        new("librispeech-clean-wer", "LibriSpeech test-clean WER", "wer", LowerIsBetter: true),
        new("tts-arena", "TTS Arena", "elo"),
    ];

    private static readonly Dictionary<string, BenchmarkInfo> _byKey = All.ToDictionary(b => b.Key, StringComparer.Ordinal);

    public static BenchmarkInfo? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The name a page shows for an evaluation.</summary>
    public static string DisplayName(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return evaluation.Name ?? Find(evaluation.Benchmark)?.Name ?? evaluation.Benchmark;
    }

    /// <summary>
    /// What two results must share to be compared: the benchmark and, when the evaluation names
    /// one, the benchmark's version ("aa-intelligence-index@v4.0").
    /// </summary>
    public static string ComparableKey(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return evaluation.Version is { Length: > 0 } version ? $"{evaluation.Benchmark}@{version}" : evaluation.Benchmark;
    }

    /// <summary>The benchmark as a review sentence names it: its short name when it has one, with its version.</summary>
    public static string ProseName(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var name = evaluation.Name ?? Find(evaluation.Benchmark)?.Short ?? DisplayName(evaluation);
        return evaluation.Version is { Length: > 0 } version ? $"{name} {version}" : name;
    }

    /// <summary>Whether a lower score is the better one (error rates).</summary>
    public static bool LowerIsBetter(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return Find(evaluation.Benchmark)?.LowerIsBetter ?? evaluation.Unit == "wer";
    }

    /// <summary>
    /// The key a free-text benchmark name (format 1) stands for: "MMMU" → mmmu, "DocVQA (val)" →
    /// docvqa. Names that match no known benchmark become their own slug-form key.
    /// </summary>
    public static string KeyFor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var slug = Slug.From(name);
        // Exact names first, then the longest known key the name starts with ("mmlu-pro-5-shot" → mmlu-pro, not mmlu).
        var match = All.FirstOrDefault(b => slug == b.Key || Slug.From(b.Name) == slug)
            ?? All.Where(b => slug.StartsWith(b.Key + "-", StringComparison.Ordinal)).MaxBy(b => b.Key.Length);
        if (match is not null)
        {
            return match.Key;
        }

        return slug.Length == 0 ? "benchmark" : slug;
    }
}
