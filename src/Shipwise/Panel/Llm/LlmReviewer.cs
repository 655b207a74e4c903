using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Scoring;
using ChatCompletionOptions = OpenAI.Chat.ChatCompletionOptions;

namespace Shipwise.Panel.Llm;

/// <summary>
/// Asks an OpenAI-compatible chat model (through <see cref="IChatClient"/>) to write a critic's
/// review, then holds the answer to the same rules as every stored review (<see cref="ReviewValidator"/>).
/// A rejected answer is retried with the problems fed back; model and protocol failures end in a
/// recorded failure, never an exception. Transport retries, timeouts and the concurrency limit
/// live below, in the HTTP client's <see cref="LlmResilience"/> pipeline.
/// </summary>
public sealed partial class LlmReviewer(
    [FromKeyedServices(LlmReviewer.ChatClientKey)] IChatClient chat, IOptions<LlmOptions> options, TimeProvider time, Telemetry.ShipwiseMetrics metrics, ILogger<LlmReviewer> logger)
    : IReviewer
{
    public const string HttpClientName = "Shipwise.Llm";
    public const string ChatClientKey = "Shipwise.Llm";

    /// <summary>A runaway answer is not worth echoing back in full; the feedback says what was wrong.</summary>
    private const int MaxEchoedAnswerLength = 4000;

    private readonly LlmOptions _options = options.Value;

    public string Name => "llm";

    /// <summary>False when Llm:BaseUrl is unset: the panel then uses the evidence reviewer only.</summary>
    public bool IsConfigured => _options.IsConfigured;

    public string ModelFor(string criticSlug) => _options.ModelFor(criticSlug);

    public async Task<PanelReview> ReviewAsync(Tool tool, Critic critic, DateOnly asOf, Core.Panel.Peers.PeerSnapshot peers, CancellationToken cancellationToken)
    {
        var outcome = await ReviewWithDetailsAsync(tool, critic, asOf, peers, cancellationToken);
        return outcome.Review ?? throw new LlmReviewException(outcome.Failure ?? "the LLM reviewer gave up");
    }

    /// <summary>
    /// Never throws for what the server or the model does wrong: the outcome's Failure says what happened.
    /// Throws <see cref="OperationCanceledException"/> when cancelled, and <see cref="InvalidOperationException"/>
    /// when Llm:BaseUrl is unset.
    /// </summary>
    public async Task<LlmReviewOutcome> ReviewWithDetailsAsync(Tool tool, Critic critic, DateOnly asOf, Core.Panel.Peers.PeerSnapshot peers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(critic);
        if (!IsConfigured)
        {
            throw new InvalidOperationException("The LLM reviewer is off: set Llm:BaseUrl and Llm:Model to use it.");
        }

        var started = time.GetTimestamp();
        var requested = ModelFor(critic.Slug);
        var answeredBy = requested;
        var (promptTokens, completionTokens) = (0, 0);
        var evidence = EvidenceReviewer.Explain(tool, critic, asOf, peers);
        var request = Request(requested, FactPaths.All(tool));
        List<ChatMessage> messages = [new(ChatRole.System, LlmPrompt.System(critic, tool.Kind)), new(ChatRole.User, LlmPrompt.User(tool, critic, asOf, evidence))];

        LlmReviewOutcome Outcome(PanelReview? review, int attempts, string? failure)
        {
            var elapsed = time.GetElapsedTime(started);
            metrics.LlmReview(answeredBy, promptTokens, completionTokens, elapsed, review is not null);
            return new(review, answeredBy, LlmPrompt.Version, promptTokens, completionTokens, elapsed, attempts, failure);
        }

        IReadOnlyList<string> problems = [];
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var (answer, failure) = await AskAsync(messages, request, cancellationToken);
            if (answer is null)
            {
                LogFailed(logger, critic.Slug, tool.Slug, requested, failure!);
                return Outcome(null, attempt, failure);
            }

            promptTokens += (int)(answer.Usage?.InputTokenCount ?? 0);
            completionTokens += (int)(answer.Usage?.OutputTokenCount ?? 0);
            answeredBy = string.IsNullOrWhiteSpace(answer.ModelId) ? requested : answer.ModelId;

            (var candidate, problems) = Check(answer, tool, critic);
            if (candidate is not null)
            {
                return Outcome(Accept(candidate, tool, critic), attempt, null);
            }

            LogRejected(logger, critic.Slug, tool.Slug, attempt, string.Join("; ", problems));
            var echoed = answer.Text is { Length: > 0 } content ? content : "(no content)";
            messages.Add(new(ChatRole.Assistant, echoed.Length <= MaxEchoedAnswerLength ? echoed : echoed[..MaxEchoedAnswerLength]));
            messages.Add(new(ChatRole.User, LlmPrompt.Feedback(problems)));
        }

        var last = $"no valid answer from {answeredBy} after {_options.MaxAttempts} attempts (Llm:MaxAttempts); last problems: {string.Join("; ", problems)}";
        LogFailed(logger, critic.Slug, tool.Slug, requested, last);
        return Outcome(null, _options.MaxAttempts, last);
    }

    /// <summary>
    /// What every request asks for: the model, temperature 0, the answer's JSON schema and the token
    /// limit under the name the endpoint reads (MaxOutputTokens goes out as max_completion_tokens).
    /// </summary>
    private ChatOptions Request(string model, IReadOnlyList<string> citableFacts)
    {
        var request = new ChatOptions
        {
            ModelId = model,
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(LlmAnswer.Schema(citableFacts), LlmAnswer.SchemaName, "A critic's review of one AI tool."),
            // Strict: OpenAI then constrains decoding to the schema; other servers constrain it anyway.
            AdditionalProperties = new() { ["strict"] = true },
        };
        if (_options.TokenLimitField() == LlmOptions.MaxCompletionTokens)
        {
            request.MaxOutputTokens = _options.MaxOutputTokens;
        }
        else
        {
            var limit = _options.MaxOutputTokens;
#pragma warning disable SCME0001 // JsonPatch is the OpenAI library's way to send a field it has no property for.
            request.RawRepresentationFactory = _ =>
            {
                var raw = new ChatCompletionOptions();
                raw.Patch.Set("$.max_tokens"u8, limit);
                return raw;
            };
#pragma warning restore SCME0001
        }

        return request;
    }

    /// <summary>One answer, or why there is none once the resilience pipeline has given up.</summary>
    private async Task<(ChatResponse? Answer, string? Failure)> AskAsync(List<ChatMessage> messages, ChatOptions request, CancellationToken cancellationToken)
    {
        try
        {
            return (await chat.GetResponseAsync(messages, request, cancellationToken), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException)
        {
            return (null, GaveUp($"no answer within {_options.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s (Llm:TimeoutSeconds)"));
        }
        catch (LlmResponseTooLargeException e)
        {
            return (null, e.Message);
        }
        catch (ClientResultException e) when (e.GetRawResponse() is { } response)
        {
            var failure = $"HTTP {response.Status} {response.ReasonPhrase}: {ErrorMessage(response.Content.ToString())}";
            return (null, LlmResilience.IsTransient((System.Net.HttpStatusCode)response.Status) ? GaveUp(failure) : failure);
        }
        catch (Exception e) when (e is ClientResultException or HttpRequestException or IOException)
        {
            var cause = e.InnerException is HttpRequestException inner ? inner.Message : e.Message;
            return (null, GaveUp($"the request to {Endpoint} failed: {cause}"));
        }
        catch (JsonException e)
        {
            // A proxy's HTML page, say: not retried, since the same address would send it again.
            return (null, $"the server answered, but the body is not a chat completion ({e.Message})");
        }
    }

    private string Endpoint => (_options.BaseUrl ?? "").TrimEnd('/') + "/chat/completions";

    private string GaveUp(string failure) => $"{failure} (gave up after {_options.MaxTransportRetries + 1} requests)";

    private static (ReviewCandidate? Candidate, IReadOnlyList<string> Problems) Check(ChatResponse answer, Tool tool, Critic critic)
    {
        // A cut-off answer can still parse (say, a review ending mid-sentence), so it is rejected before parsing.
        if (answer.FinishReason == ChatFinishReason.Length)
        {
            return (null, [$"the answer was cut off at the output token limit (finish_reason \"length\"); send the whole JSON object, with a review under {ReviewLimits.MaxBodyLength} characters"]);
        }

        var (candidate, problems) = LlmAnswer.Parse(answer.Text);
        if (candidate is null)
        {
            return (null, problems);
        }

        var errors = ReviewValidator.Validate(candidate, critic, tool);
        return errors.Count == 0
            ? (candidate, [])
            : (null, [.. errors.Select(e => $"{(e.Path == "body" ? "review" : e.Path)}: {e.Message}")]);
    }

    /// <summary>The validator has checked every cited path exists, so each resolves to its sourced fact.</summary>
    private static PanelReview Accept(ReviewCandidate candidate, Tool tool, Critic critic)
    {
        var facts = FactNames.All.SelectMany(n => FactUse.All(tool, n)).ToDictionary(f => f.Cited.Path, f => f.Cited, StringComparer.Ordinal);
        var cited = candidate.CitedFactPaths.Select(path => facts[path]).ToList();
        return new PanelReview(critic.Slug, critic.Version, candidate.Score, candidate.Verdict, candidate.Summary, candidate.Body, cited, []);
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM review by {Critic} of {Tool}: answer {Attempt} rejected: {Problems}")]
    private static partial void LogRejected(ILogger logger, string critic, string tool, int attempt, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM review by {Critic} of {Tool} with {Model} failed: {Failure}")]
    private static partial void LogFailed(ILogger logger, string critic, string tool, string model, string failure);
}
