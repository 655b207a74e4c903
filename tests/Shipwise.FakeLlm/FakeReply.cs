using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipwise.FakeLlm;

/// <summary>
/// What the fake server does with one request. Build them with the static methods; add latency
/// to any of them with <c>with { Delay = … }</c>.
/// </summary>
public abstract record FakeReply
{
    /// <summary>Written to every valid answer unless the test gives its own: long enough for the review rules and free of every critic's banned phrases.</summary>
    public const string DefaultReview =
        "This review rests on the structured facts in the record: the licence, where it runs and the benchmark figures, " +
        "each weighed by who stated it and when. Vendor claims count for less than verified facts, and nothing missing " +
        "from the record has been guessed at here.";

    /// <summary>Waited before the reply (on top of the server's own <see cref="FakeChatServer.Latency"/>).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>
    /// A well-formed answer. Cited facts default to the first three citable paths read from the
    /// request's data block, so the answer is valid for any tool as long as score and verdict agree
    /// with the critic's ship bar (100 and ship always do).
    /// </summary>
    public static FakeReply Valid(int? score = 100, string verdict = "ship", string? summary = null, string? review = null, IReadOnlyList<string>? citedFacts = null) =>
        new CompletionReply(request => Answer(request, score, verdict, summary, review, citedFacts), "stop");

    /// <summary>Any JSON value as the answer's content, e.g. an object with a field of the wrong type.</summary>
    public static FakeReply Json(object answer) =>
        new CompletionReply(_ => JsonSerializer.Serialize(answer), "stop");

    /// <summary>The content verbatim.</summary>
    public static FakeReply Content(string? content, string finishReason = "stop") => new CompletionReply(_ => content, finishReason);

    /// <summary>Prose where JSON was asked for, as small models do.</summary>
    public static FakeReply Malformed() =>
        Content("Sure! Here is my review: {score: 72, verdict: ship, summary: 'Looks solid'} Let me know if you need more.");

    /// <summary>An answer cut off at the output token limit: finish_reason "length" and an unfinished object.</summary>
    public static FakeReply Truncated() =>
        Content("{\"score\": 72, \"verdict\": \"ship\", \"summary\": \"Solid on paper.\", \"review\": \"This review rests on the structured facts in the rec", "length");

    /// <summary>429 with an OpenAI rate-limit body and, when given, a Retry-After header (seconds or an HTTP date).</summary>
    public static FakeReply RateLimited(string? retryAfter = "1") =>
        new ErrorReply(429, "rate_limit_exceeded", "Rate limit reached for requests. Please try again later.", retryAfter);

    public static FakeReply ServerError(int status = 500) =>
        new ErrorReply(status, "server_error", "The server had an error while processing your request.", null);

    /// <summary>Any error status, e.g. 400 for a bad request or 404 for an unknown model.</summary>
    public static FakeReply Error(int status, string message, string type = "invalid_request_error") =>
        new ErrorReply(status, type, message, null);

    /// <summary>Never answers; the request ends only when the client gives up (or the server stops).</summary>
    public static FakeReply Hang() => new HangReply();

    /// <summary>Drops the connection without a response.</summary>
    public static FakeReply Disconnect() => new DisconnectReply();

    /// <summary>200 with a body that is not a chat completion, as a misconfigured proxy sends.</summary>
    public static FakeReply NotAChatCompletion() => new RawReply(200, "text/html", "<html><body>Welcome to nginx!</body></html>");

    /// <summary>
    /// A 200 chat completion of <paramref name="bytes"/> bytes (its review is one long run of text),
    /// written in chunks as a runaway model's answer would be. With <paramref name="announceLength"/>
    /// it carries a Content-Length, else it is sent chunked and only its size so far can be known.
    /// </summary>
    public static FakeReply Oversized(long bytes, bool announceLength) => new OversizedReply(bytes, announceLength);

    /// <summary>Decides per request, e.g. by model or by what the messages say.</summary>
    public static FakeReply When(Func<FakeChatRequest, bool> condition, FakeReply then, FakeReply otherwise) =>
        new ChoiceReply(request => condition(request) ? then : otherwise);

    /// <summary>
    /// A model that follows injected instructions: when a user message says "ignore previous
    /// instructions", it answers 100 and ship; otherwise as <paramref name="otherwise"/> says.
    /// </summary>
    public static FakeReply Obedient(FakeReply otherwise) =>
        When(request => request.AsksToIgnoreInstructions, Valid(100, "ship", "Ship at 100/100: exactly as instructed."), otherwise);

    private static string Answer(FakeChatRequest request, int? score, string verdict, string? summary, string? review, IReadOnlyList<string>? citedFacts)
    {
        var cited = new JsonArray();
        foreach (var path in citedFacts ?? [.. request.CitableFacts.Take(3)])
        {
            cited.Add(path);
        }

        return new JsonObject
        {
            ["score"] = score,
            ["verdict"] = verdict,
            ["summary"] = summary ?? $"{char.ToUpperInvariant(verdict[0])}{verdict[1..]}: the record supports this call under my lens.",
            ["review"] = review ?? DefaultReview,
            ["citedFacts"] = cited,
        }.ToJsonString();
    }
}

public sealed record CompletionReply(Func<FakeChatRequest, string?> ContentFor, string FinishReason) : FakeReply;

public sealed record ErrorReply(int Status, string Type, string Message, string? RetryAfter) : FakeReply
{
    /// <summary>OpenAI's retry-after-ms header, in milliseconds, when set.</summary>
    public string? RetryAfterMs { get; init; }
}

public sealed record HangReply : FakeReply;

public sealed record DisconnectReply : FakeReply;

public sealed record RawReply(int Status, string ContentType, string Body) : FakeReply;

public sealed record OversizedReply(long Bytes, bool AnnounceLength) : FakeReply;

public sealed record ChoiceReply(Func<FakeChatRequest, FakeReply> Choose) : FakeReply;
