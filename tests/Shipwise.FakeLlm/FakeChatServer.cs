using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shipwise.FakeLlm;

/// <summary>
/// An OpenAI-compatible chat-completions server on a real loopback socket (Kestrel), scripted
/// per request: queued replies are used first, then <see cref="Respond"/>. It counts requests
/// and records the most it ever had in flight at once.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeReply> _queue = new();
    private readonly ConcurrentQueue<FakeChatRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _inFlight;
    private int _maxInFlight;
    private int _requestCount;
    private int _oversizedBodiesCompleted;

    private FakeChatServer()
    {
    }

    /// <summary>e.g. "http://127.0.0.1:41234/v1": what Llm:BaseUrl is set to.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The reply when the queue is empty; a valid 100/ship answer unless set.</summary>
    public Func<FakeChatRequest, FakeReply> Respond { get; set; } = _ => FakeReply.Valid();

    /// <summary>Added before every reply, as a model's generation time would be.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>When set, requests without "Authorization: Bearer {key}" get 401.</summary>
    public string? RequiredApiKey { get; set; }

    public int RequestCount => Volatile.Read(ref _requestCount);

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests this server was handling at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Oversized replies written to their last byte: a client that caps what it reads leaves this at zero.</summary>
    public int OversizedBodiesCompleted => Volatile.Read(ref _oversizedBodiesCompleted);

    /// <summary>Every well-formed request, in order of arrival.</summary>
    public IReadOnlyList<FakeChatRequest> Requests => [.. _requests];

    public static async Task<FakeChatServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new FakeChatServer();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeChatServer).Assembly.GetName().Name,
            EnvironmentName = "Production",
        });
        // Only the loopback listener below: no appsettings.json or ASPNETCORE_* variable may add endpoints.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        var app = builder.Build();
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        app.MapGet("/v1/models", () => Results.Json(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject { ["id"] = "fake-model", ["object"] = "model", ["owned_by"] = "shipwise-tests" }),
        }));
        app.MapFallback(context => WriteErrorAsync(context.Response, 404, "invalid_request_error", $"Unknown request URL: {context.Request.Method} {context.Request.Path}.", null));
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server._app = app;
        server.BaseUrl = address.TrimEnd('/') + "/v1";
        return server;
    }

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _queue.Enqueue(reply);
        }
    }

    /// <summary>Forgets requests and counters (not the queue or the script), e.g. between benchmark runs.</summary>
    public void ResetCounters()
    {
        _requests.Clear();
        Interlocked.Exchange(ref _requestCount, 0);
        Interlocked.Exchange(ref _maxInFlight, Volatile.Read(ref _inFlight));
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _requestCount);
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, now, max) == max)
            {
                break;
            }
        }

        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await ReplyAsync(context, number, aborted.Token);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up (its timeout) or the server is stopping: nothing left to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task ReplyAsync(HttpContext context, int number, CancellationToken aborted)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(aborted);
        var authorization = context.Request.Headers.Authorization.ToString();
        var request = FakeChatRequest.Parse(number, body, authorization.Length > 0 ? authorization : null, out var problem);
        if (request is null)
        {
            await WriteErrorAsync(context.Response, 400, "invalid_request_error", problem!, null);
            return;
        }

        _requests.Enqueue(request);
        if (RequiredApiKey is { } key && authorization != "Bearer " + key)
        {
            await WriteErrorAsync(context.Response, 401, "invalid_request_error", "Incorrect API key provided.", null);
            return;
        }

        var reply = _queue.TryDequeue(out var queued) ? queued : Respond(request);
        while (reply is ChoiceReply choice)
        {
            reply = choice.Choose(request);
        }

        var delay = Latency + reply.Delay;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, aborted);
        }

        switch (reply)
        {
            case HangReply:
                await Task.Delay(Timeout.InfiniteTimeSpan, aborted);
                break;
            case DisconnectReply:
                context.Abort();
                break;
            case ErrorReply error:
                if (error.RetryAfterMs is { } milliseconds)
                {
                    context.Response.Headers["retry-after-ms"] = milliseconds;
                }

                await WriteErrorAsync(context.Response, error.Status, error.Type, error.Message, error.RetryAfter);
                break;
            case RawReply raw:
                context.Response.StatusCode = raw.Status;
                context.Response.ContentType = raw.ContentType;
                await context.Response.WriteAsync(raw.Body, aborted);
                break;
            case OversizedReply oversized:
                await WriteOversizedAsync(context.Response, request, oversized, aborted);
                break;
            case CompletionReply completion:
                await WriteCompletionAsync(context.Response, request, completion.ContentFor(request), completion.FinishReason, aborted);
                break;
            default:
                throw new InvalidOperationException($"Unknown fake reply {reply.GetType().Name}.");
        }
    }

    private static Task WriteCompletionAsync(HttpResponse response, FakeChatRequest request, string? content, string finishReason, CancellationToken aborted)
    {
        // Roughly four characters per token, which is what real tokenizers average on English.
        var promptTokens = request.Messages.Sum(m => m.Content.Length) / 4 + 1;
        var completionTokens = (content?.Length ?? 0) / 4 + 1;
        var json = new JsonObject
        {
            ["id"] = $"chatcmpl-fake-{request.Number}",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = request.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        };
        response.ContentType = "application/json";
        return response.WriteAsync(json.ToJsonString(), aborted);
    }

    private async Task WriteOversizedAsync(HttpResponse response, FakeChatRequest request, OversizedReply reply, CancellationToken aborted)
    {
        var head = Encoding.UTF8.GetBytes(
            $"{{\"id\":\"chatcmpl-fake-{request.Number}\",\"object\":\"chat.completion\",\"model\":\"{request.Model}\",\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":\"");
        var tail = Encoding.UTF8.GetBytes("\"},\"finish_reason\":\"stop\"}]}");
        var filler = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("All work and no play. ", 3000)));
        response.StatusCode = 200;
        response.ContentType = "application/json";
        if (reply.AnnounceLength)
        {
            response.ContentLength = reply.Bytes;
        }

        await response.Body.WriteAsync(head, aborted);
        for (var left = reply.Bytes - head.Length - tail.Length; left > 0; left -= filler.Length)
        {
            await response.Body.WriteAsync(filler.AsMemory(0, (int)Math.Min(left, filler.Length)), aborted);
        }

        await response.Body.WriteAsync(tail, aborted);
        await response.Body.FlushAsync(aborted);

        // Kestrel drops writes to a closed connection without an error and signals the abort a moment
        // later, so a body counts as delivered only if no abort follows within a grace period.
        await Task.Delay(TimeSpan.FromSeconds(1), aborted);
        Interlocked.Increment(ref _oversizedBodiesCompleted);
    }

    private static Task WriteErrorAsync(HttpResponse response, int status, string type, string message, string? retryAfter)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (retryAfter is not null)
        {
            response.Headers.RetryAfter = retryAfter;
        }

        var json = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = status == 429 ? "rate_limit_exceeded" : null },
        };
        return response.WriteAsync(json.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        // Hanging requests end first, so stopping does not wait out Kestrel's shutdown timeout.
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }
}
