using Microsoft.Extensions.Options;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Panel.Llm;

/// <summary>
/// Asks an OpenAI-compatible chat model to write a critic's review, then holds the answer to the
/// same rules as every stored review (<see cref="ReviewValidator"/>). A rejected answer is retried
/// with the problems fed back; model and protocol failures end in a recorded failure, never an exception.
/// </summary>
public sealed partial class LlmReviewer : IReviewer, IDisposable
{
    public const string HttpClientName = "Shipwise.Llm";

    /// <summary>A runaway answer is not worth echoing back in full; the feedback says what was wrong.</summary>
    private const int MaxEchoedAnswerLength = 4000;

    private readonly LlmOptions _options;
    private readonly ChatCompletionsClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<LlmReviewer> _logger;

    public LlmReviewer(IHttpClientFactory httpClients, IOptions<LlmOptions> options, TimeProvider timeProvider, ILogger<LlmReviewer> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
        _client = new ChatCompletionsClient(() => httpClients.CreateClient(HttpClientName), _options, timeProvider, logger);
    }

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

        var started = _time.GetTimestamp();
        var requested = ModelFor(critic.Slug);
        var answeredBy = requested;
        var (promptTokens, completionTokens) = (0, 0);
        var evidence = EvidenceReviewer.Explain(tool, critic, asOf, peers);
        List<ChatMessage> messages = [ChatMessage.System(LlmPrompt.System(critic, tool.Kind)), ChatMessage.User(LlmPrompt.User(tool, critic, asOf, evidence))];

        LlmReviewOutcome Outcome(PanelReview? review, int attempts, string? failure) =>
            new(review, answeredBy, LlmPrompt.Version, promptTokens, completionTokens, _time.GetElapsedTime(started), attempts, failure);

        IReadOnlyList<string> problems = [];
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            var result = await _client.CompleteAsync(requested, messages, cancellationToken);
            if (result.Completion is not { } answer)
            {
                LogFailed(_logger, critic.Slug, tool.Slug, requested, result.Failure!);
                return Outcome(null, attempt, result.Failure);
            }

            promptTokens += answer.PromptTokens;
            completionTokens += answer.CompletionTokens;
            answeredBy = string.IsNullOrWhiteSpace(answer.Model) ? requested : answer.Model;

            (var candidate, problems) = Check(answer, tool, critic);
            if (candidate is not null)
            {
                return Outcome(Accept(candidate, tool, critic), attempt, null);
            }

            LogRejected(_logger, critic.Slug, tool.Slug, attempt, string.Join("; ", problems));
            var echoed = answer.Content is { Length: > 0 } content ? content : "(no content)";
            messages.Add(ChatMessage.Assistant(echoed.Length <= MaxEchoedAnswerLength ? echoed : echoed[..MaxEchoedAnswerLength]));
            messages.Add(ChatMessage.User(LlmPrompt.Feedback(problems)));
        }

        var failure = $"no valid answer from {answeredBy} after {_options.MaxAttempts} attempts (Llm:MaxAttempts); last problems: {string.Join("; ", problems)}";
        LogFailed(_logger, critic.Slug, tool.Slug, requested, failure);
        return Outcome(null, _options.MaxAttempts, failure);
    }

    private static (ReviewCandidate? Candidate, IReadOnlyList<string> Problems) Check(ChatCompletion answer, Tool tool, Critic critic)
    {
        // A cut-off answer can still parse (say, a review ending mid-sentence), so it is rejected before parsing.
        if (answer.FinishReason == "length")
        {
            return (null, [$"the answer was cut off at the output token limit (finish_reason \"length\"); send the whole JSON object, with a review under {ReviewLimits.MaxBodyLength} characters"]);
        }

        var (candidate, problems) = LlmAnswer.Parse(answer.Content);
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

    public void Dispose() => _client.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM review by {Critic} of {Tool}: answer {Attempt} rejected: {Problems}")]
    private static partial void LogRejected(ILogger logger, string critic, string tool, int attempt, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM review by {Critic} of {Tool} with {Model} failed: {Failure}")]
    private static partial void LogFailed(ILogger logger, string critic, string tool, string model, string failure);
}
