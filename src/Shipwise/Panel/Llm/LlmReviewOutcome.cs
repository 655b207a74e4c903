using Shipwise.Core.Panel;

namespace Shipwise.Panel.Llm;

/// <summary>
/// What one LLM review cost and produced. <paramref name="Review"/> is null and
/// <paramref name="Failure"/> says why when the reviewer gave up.
/// </summary>
/// <param name="Model">The model that answered last (as the server names it), else the model requested.</param>
/// <param name="PromptTokens">Summed over every answer received, from each response's usage.</param>
/// <param name="Latency">Wall time of the whole review: queueing for a slot, every request and every wait between retries.</param>
/// <param name="Attempts">Answers requested from the model (1 to Llm:MaxAttempts); transport retries of one request count once.</param>
public sealed record LlmReviewOutcome(
    PanelReview? Review,
    string Model,
    string PromptVersion,
    int PromptTokens,
    int CompletionTokens,
    TimeSpan Latency,
    int Attempts,
    string? Failure);
