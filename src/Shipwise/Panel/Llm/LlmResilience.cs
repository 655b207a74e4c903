using System.Buffers;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Shipwise.Panel.Llm;

/// <summary>
/// The one resilience pipeline of the LLM reviewer, built once per process from Llm:* and shared by
/// every request: retries outside (429, 408, 5xx, timeouts and connection errors, honouring
/// Retry-After), then the concurrency limit, then the per-request timeout, which starts once a slot
/// is free. Waits and timeouts run on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class LlmResilience : IDisposable
{
    private readonly ConcurrencyLimiter _slots;

    public LlmResilience(IOptions<LlmOptions> options, TimeProvider time, ILogger<LlmResilience> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        MaxResponseBytes = settings.MaxResponseBytes;
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrency,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (settings.MaxTransportRetries > 0)
        {
            var maxDelay = TimeSpan.FromSeconds(settings.MaxRetryDelaySeconds);
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxTransportRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(settings.RetryBaseDelaySeconds),
                MaxDelay = maxDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                // Polly caps its own backoff at MaxDelay but takes a generated delay as it is, so the cap is applied here too.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? RetryAfter.From(response, time.GetUtcNow(), maxDelay) : null),
                OnRetry = args =>
                {
                    LogRetry(logger, Describe(args.Outcome), args.RetryDelay.TotalSeconds, args.AttemptNumber + 1, settings.MaxTransportRetries);
                    return ValueTask.CompletedTask;
                },
            });
        }

        Pipeline = builder
            .AddRateLimiter(_slots)
            .AddTimeout(TimeSpan.FromSeconds(settings.TimeoutSeconds))
            .Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    public int MaxResponseBytes { get; }

    /// <summary>What is worth another request: the server was busy or broken, or the answer did not arrive in time or in full.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => IsTransient(response.StatusCode),
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        _ => false,
    };

    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : outcome.Exception?.Message ?? "unknown";

    public void Dispose() => _slots.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM request failed ({Failure}); retrying in {DelaySeconds:0.##} s ({Retry}/{MaxRetries})")]
    private static partial void LogRetry(ILogger logger, string failure, double delaySeconds, int retry, int maxRetries);
}

/// <summary>
/// Runs each request of the LLM client through <see cref="LlmResilience"/>, and reads the body
/// inside it, so that the timeout and the concurrency slot cover the last byte and no body larger
/// than Llm:MaxResponseBytes is ever held.
/// </summary>
internal sealed class LlmHttpHandler(LlmResilience resilience) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        resilience.Pipeline.ExecuteAsync(
            static (state, token) => new ValueTask<HttpResponseMessage>(state.Handler.SendAndReadAsync(state.Request, token)),
            (Handler: this, Request: request),
            cancellationToken).AsTask();

    private async Task<HttpResponseMessage> SendAndReadAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            response.Content = await ReadCappedAsync(response.Content, resilience.MaxResponseBytes, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<HttpContent> ReadCappedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > limit)
        {
            throw new LlmResponseTooLargeException(limit, declared);
        }

        using var body = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > limit)
                {
                    throw new LlmResponseTooLargeException(limit, null);
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var buffered = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
        foreach (var (name, values) in content.Headers.NonValidated)
        {
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(name, values);
            }
        }

        content.Dispose();
        return buffered;
    }
}

/// <summary>A response body over Llm:MaxResponseBytes. Not transient: the same request would only bring the same flood.</summary>
internal sealed class LlmResponseTooLargeException(int limit, long? declared) : Exception(
    declared is { } length
        ? string.Create(CultureInfo.InvariantCulture, $"the server announced a {length}-byte answer, over Llm:MaxResponseBytes ({limit}); it was not read")
        : string.Create(CultureInfo.InvariantCulture, $"the answer passed Llm:MaxResponseBytes ({limit} bytes); reading stopped there"));
