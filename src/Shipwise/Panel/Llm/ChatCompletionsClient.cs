using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipwise.Panel.Llm;

internal sealed record ChatMessage(string Role, string Content)
{
    public static ChatMessage System(string content) => new("system", content);
    public static ChatMessage User(string content) => new("user", content);
    public static ChatMessage Assistant(string content) => new("assistant", content);
}

/// <summary>One answer from the model, as the server reported it.</summary>
internal sealed record ChatCompletion(string? Content, string? FinishReason, string? Model, int PromptTokens, int CompletionTokens);

/// <summary>The answer, or why none came after every transport retry.</summary>
internal sealed record ChatResult(ChatCompletion? Completion, string? Failure);

/// <summary>
/// POSTs to {BaseUrl}/chat/completions with plain HttpClient. Timeouts, 429, 5xx and connection
/// errors are retried with exponential backoff and jitter (or the server's Retry-After); other
/// 4xx fail at once. At most MaxConcurrency requests of one client are in flight at any moment.
/// </summary>
internal sealed partial class ChatCompletionsClient : IDisposable
{
    private static readonly JsonSerializerOptions _wire = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Func<HttpClient> _http;
    private readonly Uri _endpoint;
    private readonly LlmOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;

    public ChatCompletionsClient(Func<HttpClient> http, LlmOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _endpoint = new Uri((options.BaseUrl ?? "").TrimEnd('/') + "/chat/completions");
        _slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
    }

    public Uri Endpoint => _endpoint;

    public async Task<ChatResult> CompleteAsync(string model, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new ChatRequest(model, messages, Temperature: 0, new ResponseFormat("json_object"), Stream: false), _wire);
        for (var retry = 0; ; retry++)
        {
            var attempt = await SendOnceAsync(body, cancellationToken);
            if (attempt.Completion is not null)
            {
                return new ChatResult(attempt.Completion, null);
            }

            if (!attempt.Transient || retry >= _options.MaxTransportRetries)
            {
                var failure = attempt.Transient ? $"{attempt.Failure} (gave up after {retry + 1} requests)" : attempt.Failure;
                return new ChatResult(null, failure);
            }

            var delay = attempt.RetryAfter ?? Backoff(retry);
            LogRetry(_logger, attempt.Failure!, delay.TotalSeconds, retry + 1, _options.MaxTransportRetries);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    /// <summary>base × 2^retry, between half and all of it at random so that clients that failed together do not retry together.</summary>
    private TimeSpan Backoff(int retry)
    {
        var full = _options.RetryBaseDelaySeconds * Math.Pow(2, retry);
        var jittered = full * (0.5 + (Random.Shared.NextDouble() * 0.5));
        return TimeSpan.FromSeconds(Math.Min(jittered, _options.MaxRetryDelaySeconds));
    }

    private async Task<Attempt> SendOnceAsync(byte[] body, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            // The timeout starts once a slot is free: waiting for a slot is not the server's fault.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.TimeoutSeconds), _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (!string.IsNullOrWhiteSpace(_options.ApiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
            }

            try
            {
                using var response = await _http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                var text = await response.Content.ReadAsStringAsync(linked.Token);
                return Interpret(response, text);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Attempt.Retry($"no answer within {_options.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s (Llm:TimeoutSeconds)");
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return Attempt.Retry($"the request to {_endpoint} failed: {e.Message}");
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    private Attempt Interpret(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return ParseCompletion(body) is { } completion
                ? new Attempt(completion, null, false, null)
                : Attempt.Retry($"HTTP {status} but the body is not a chat completion: {Excerpt(body)}");
        }

        var failure = $"HTTP {status} {response.ReasonPhrase}: {ErrorMessage(body)}";
        var transient = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500;
        return transient
            ? Attempt.Retry(failure, RetryAfter.From(response, _time.GetUtcNow(), TimeSpan.FromSeconds(_options.MaxRetryDelaySeconds)))
            : new Attempt(null, failure, false, null);
    }

    private static ChatCompletion? ParseCompletion(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                return null;
            }

            var choice = choices[0];
            string? content = null;
            if (choice.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                && message.TryGetProperty("content", out var contentElement) && contentElement.ValueKind == JsonValueKind.String)
            {
                content = contentElement.GetString();
            }

            var finish = choice.TryGetProperty("finish_reason", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var (prompt, completion) = (0, 0);
            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                prompt = Tokens(usage, "prompt_tokens");
                completion = Tokens(usage, "completion_tokens");
            }

            return new ChatCompletion(content, finish, model, prompt, completion);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int Tokens(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) ? count : 0;

    /// <summary>OpenAI-style servers send {"error": {"message": …}}; Ollama and some proxies {"error": "…"}.</summary>
    private static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return Excerpt(error.GetString()!);
                }

                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return Excerpt(message.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy, say): the excerpt below says enough.
        }

        return Excerpt(body);
    }

    private static string Excerpt(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length == 0 ? "(empty body)" : flat.Length <= 300 ? flat : flat[..300] + "…";
    }

    public void Dispose() => _slots.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM request failed ({Failure}); retrying in {DelaySeconds:0.##} s ({Retry}/{MaxRetries})")]
    private static partial void LogRetry(ILogger logger, string failure, double delaySeconds, int retry, int maxRetries);

    private sealed record ChatRequest(string Model, IReadOnlyList<ChatMessage> Messages, double Temperature, ResponseFormat ResponseFormat, bool Stream);

    private sealed record ResponseFormat(string Type);

    private sealed record Attempt(ChatCompletion? Completion, string? Failure, bool Transient, TimeSpan? RetryAfter)
    {
        public static Attempt Retry(string failure, TimeSpan? retryAfter = null) => new(null, failure, true, retryAfter);
    }
}

/// <summary>How long a server asked us to wait: Retry-After in seconds or as an HTTP date, or OpenAI's retry-after-ms.</summary>
internal static class RetryAfter
{
    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now, TimeSpan cap)
    {
        ArgumentNullException.ThrowIfNull(response);
        TimeSpan? wait = null;
        if (response.Headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            wait = TimeSpan.FromMilliseconds(milliseconds);
        }
        else if (response.Headers.RetryAfter is { } header)
        {
            wait = header.Delta ?? (header.Date is { } date ? date - now : null);
        }

        if (wait is not { } value)
        {
            return null;
        }

        // A date already past means "now"; a server asking for an hour is not waited on for an hour.
        return value < TimeSpan.Zero ? TimeSpan.Zero : value > cap ? cap : value;
    }
}
