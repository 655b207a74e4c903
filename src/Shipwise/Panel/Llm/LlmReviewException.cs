namespace Shipwise.Panel.Llm;

/// <summary>The LLM reviewer gave up on a review: the model or the server never produced a valid answer.</summary>
public sealed class LlmReviewException(string message) : Exception(message);
