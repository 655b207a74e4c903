using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Shipwise.Core.Catalog;

namespace Shipwise.Panel.Llm;

/// <summary>
/// The OpenAI-compatible chat endpoint the LLM reviewer talks to (Ollama, vLLM, llama.cpp,
/// LM Studio, OpenAI, Mistral…). Leaving <see cref="BaseUrl"/> unset turns the LLM reviewer off.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";
    public const string MaxTokens = "max_tokens";
    public const string MaxCompletionTokens = "max_completion_tokens";

    /// <summary>e.g. "http://127.0.0.1:11434/v1"; requests go to {BaseUrl}/chat/completions.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The model every critic uses unless <see cref="Models"/> names another for it.</summary>
    public string? Model { get; set; }

    /// <summary>Sent as a Bearer token when set; local servers usually need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Per-critic model by critic slug (Llm:Models:skeptic), so a panel can mix model families.</summary>
    public Dictionary<string, string> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Requests in flight at once across every review of this reviewer.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How long one HTTP request may take, from sending it to the last byte of the answer.</summary>
    public double TimeoutSeconds { get; set; } = 60;

    /// <summary>Answers requested per review: a rejected answer is retried with the problems fed back.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Retries of one request after a timeout, 429, 5xx or connection error.</summary>
    public int MaxTransportRetries { get; set; } = 4;

    /// <summary>The first backoff delay; each retry doubles it, with jitter.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>The longest wait between retries, whatever a server's Retry-After asks for.</summary>
    public double MaxRetryDelaySeconds { get; set; } = 60;

    /// <summary>
    /// The largest response body read, error bodies included. A longer one fails the review as soon
    /// as its Content-Length says so, or as the byte after the limit arrives; it is never buffered whole.
    /// </summary>
    public int MaxResponseBytes { get; set; } = 256 * 1024;

    /// <summary>The token limit sent with every request, so that a runaway model stops generating at the server.</summary>
    public int MaxOutputTokens { get; set; } = 4096;

    /// <summary>
    /// How the token limit is named on the wire: "max_tokens" (Ollama, vLLM, llama.cpp, LM Studio, Mistral),
    /// "max_completion_tokens" (OpenAI, whose reasoning models reject max_tokens) or "auto": the latter for
    /// OpenAI's and Azure OpenAI's hosts, the former for any other.
    /// </summary>
    public string TokenLimitParameter { get; set; } = "auto";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsConfigured)
        {
            if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                yield return Error(nameof(BaseUrl), $"Llm:BaseUrl '{BaseUrl}' is not an absolute http(s) URL; use e.g. 'http://127.0.0.1:11434/v1'.");
            }

            if (string.IsNullOrWhiteSpace(Model))
            {
                yield return Error(nameof(Model), "Llm:Model is required when Llm:BaseUrl is set; name the model the server should run, e.g. 'qwen2.5:7b'.");
            }
        }

        foreach (var (slug, model) in Models)
        {
            if (!Slug.IsValid(slug))
            {
                yield return Error(nameof(Models), $"Llm:Models:{slug} is not keyed by a critic slug (lower-case letters, digits and single dashes).");
            }
            else if (string.IsNullOrWhiteSpace(model))
            {
                yield return Error(nameof(Models), $"Llm:Models:{slug} is empty; name a model or remove the setting to use Llm:Model.");
            }
        }

        if (MaxConcurrency is < 1 or > 256)
        {
            yield return Error(nameof(MaxConcurrency), $"Llm:MaxConcurrency is {MaxConcurrency}; it must be 1–256.");
        }

        // 10 ms is the shortest timeout Polly's timeout strategy takes.
        if (!(TimeoutSeconds is >= 0.01 and <= 3600))
        {
            yield return Error(nameof(TimeoutSeconds), $"Llm:TimeoutSeconds is {Text(TimeoutSeconds)}; it must be 0.01–3600.");
        }

        if (MaxAttempts is < 1 or > 10)
        {
            yield return Error(nameof(MaxAttempts), $"Llm:MaxAttempts is {MaxAttempts}; it must be 1–10.");
        }

        if (MaxTransportRetries is < 0 or > 20)
        {
            yield return Error(nameof(MaxTransportRetries), $"Llm:MaxTransportRetries is {MaxTransportRetries}; it must be 0–20.");
        }

        if (!(RetryBaseDelaySeconds is >= 0 and <= 60))
        {
            yield return Error(nameof(RetryBaseDelaySeconds), $"Llm:RetryBaseDelaySeconds is {Text(RetryBaseDelaySeconds)}; it must be 0–60.");
        }

        if (!(MaxRetryDelaySeconds is >= 0 and <= 3600))
        {
            yield return Error(nameof(MaxRetryDelaySeconds), $"Llm:MaxRetryDelaySeconds is {Text(MaxRetryDelaySeconds)}; it must be 0–3600.");
        }

        if (MaxResponseBytes is < 4096 or > 64 * 1024 * 1024)
        {
            yield return Error(nameof(MaxResponseBytes), $"Llm:MaxResponseBytes is {MaxResponseBytes}; it must be 4096–67108864 (4 KiB to 64 MiB).");
        }

        if (MaxOutputTokens is < 256 or > 131072)
        {
            yield return Error(nameof(MaxOutputTokens), $"Llm:MaxOutputTokens is {MaxOutputTokens}; it must be 256–131072.");
        }

        if (TokenLimitParameter is not ("auto" or MaxTokens or MaxCompletionTokens))
        {
            yield return Error(nameof(TokenLimitParameter), $"Llm:TokenLimitParameter is '{TokenLimitParameter}'; use 'auto', '{MaxTokens}' or '{MaxCompletionTokens}'.");
        }
    }

    /// <summary>The request field that carries <see cref="MaxOutputTokens"/>, with "auto" resolved by Llm:BaseUrl's host.</summary>
    public string TokenLimitField()
    {
        if (TokenLimitParameter != "auto")
        {
            return TokenLimitParameter;
        }

        var host = Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) ? url.Host : "";
        return host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".openai.azure.com", StringComparison.OrdinalIgnoreCase)
            ? MaxCompletionTokens
            : MaxTokens;
    }

    /// <summary>The model configured for a critic: its own entry in Llm:Models, else Llm:Model.</summary>
    public string ModelFor(string criticSlug) =>
        Models.TryGetValue(criticSlug, out var model) && !string.IsNullOrWhiteSpace(model) ? model : Model ?? "";

    private static ValidationResult Error(string member, string message) => new(message, [member]);

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
