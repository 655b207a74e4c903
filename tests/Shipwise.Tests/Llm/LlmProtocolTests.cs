using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.FakeLlm;
using Shipwise.Panel.Llm;
using Shipwise.Tests.Panel;

namespace Shipwise.Tests.Llm;

/// <summary>Every way the server or the model can misbehave ends in a valid review or a recorded failure, never an exception.</summary>
public class LlmProtocolTests
{
    private static readonly Tool _tool = LlmTestData.Tool("mistral-small-3");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeReply Failure(string kind) => kind switch
    {
        "malformed JSON" => FakeReply.Malformed(),
        "truncated output" => FakeReply.Truncated(),
        "empty content" => FakeReply.Content(null),
        "429 with Retry-After" => FakeReply.RateLimited("1"),
        "429 without Retry-After" => FakeReply.RateLimited(null),
        "500" => FakeReply.ServerError(),
        "503" => FakeReply.ServerError(503),
        "timeout" => FakeReply.Hang(),
        "dropped connection" => FakeReply.Disconnect(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static bool IsModelFailure(string kind) => kind is "malformed JSON" or "truncated output" or "empty content";

    public static TheoryData<string> Kinds => new(
        "malformed JSON", "truncated output", "empty content", "429 with Retry-After", "429 without Retry-After",
        "500", "503", "timeout", "dropped connection");

    private static Dictionary<string, string?> FastTimeout => new() { ["Llm:TimeoutSeconds"] = "1" };

    [Fact]
    public async Task A_valid_answer_becomes_a_review_with_sourced_citations_and_usage()
    {
        await using var llm = await LlmTestHost.StartAsync();
        var critic = PanelCritics.Get("builder");
        llm.Server.Enqueue(FakeReply.Valid(80, "ship", "Ship: easy to build on.", citedFacts: ["facts.license", "facts.evaluations[0]"]));

        var outcome = await llm.Reviewer.ReviewWithDetailsAsync(_tool, critic, LlmTestData.Today, LlmTestData.Peers(_tool), Ct);

        Assert.Null(outcome.Failure);
        var review = Assert.IsType<PanelReview>(outcome.Review);
        Assert.Equal((critic.Slug, critic.Version, 80, Verdict.Ship), (review.CriticSlug, review.CriticVersion, review.Score, review.Verdict));
        Assert.Equal("Ship: easy to build on.", review.Summary);
        Assert.Equal(FakeReply.DefaultReview, review.Body);
        Assert.Empty(review.Criteria);
        Assert.Equal(["facts.license", "facts.evaluations[0]"], review.CitedFacts.Select(f => f.Path));
        var licence = review.CitedFacts[0];
        Assert.Equal((_tool.Facts.License!.Source, _tool.Facts.License.AsOf, _tool.Facts.License.Status), (licence.Source, licence.AsOf, licence.Status));
        Assert.Contains(_tool.Facts.License.Value, licence.Value, StringComparison.Ordinal);
        var benchmark = review.CitedFacts[1];
        Assert.Equal((_tool.Facts.Evaluations[0].Source, _tool.Facts.Evaluations[0].Status), (benchmark.Source, benchmark.Status));
        Assert.Empty(ReviewValidator.Validate(review, critic, _tool));

        Assert.Equal(("test-model", LlmPrompt.Version, 1), (outcome.Model, outcome.PromptVersion, outcome.Attempts));
        Assert.True(outcome.PromptTokens > 100, $"prompt tokens {outcome.PromptTokens}");
        Assert.True(outcome.CompletionTokens > 10, $"completion tokens {outcome.CompletionTokens}");
        Assert.True(outcome.Latency > TimeSpan.Zero);
        Assert.Equal(1, llm.Server.RequestCount);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task One_failure_then_a_valid_answer_ends_in_a_valid_review(string kind)
    {
        await using var llm = await LlmTestHost.StartAsync(FastTimeout);
        llm.Server.Enqueue(Failure(kind), FakeReply.Valid());

        var outcome = await llm.Reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct);

        Assert.True(outcome.Review is not null, outcome.Failure);
        Assert.Equal(Verdict.Ship, outcome.Review.Verdict);
        Assert.Equal(2, llm.Server.RequestCount);
        // A bad answer costs an attempt and is fed back; a transport failure is retried as the same attempt.
        Assert.Equal(IsModelFailure(kind) ? 2 : 1, outcome.Attempts);
        Assert.Equal(IsModelFailure(kind) ? 4 : 2, llm.Server.Requests[^1].Messages.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_failure_that_never_stops_is_recorded_not_thrown(string kind)
    {
        await using var llm = await LlmTestHost.StartAsync(FastTimeout);
        llm.Server.Respond = _ => Failure(kind);

        var outcome = await llm.Reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct);

        Assert.Null(outcome.Review);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Failure));
        Assert.Equal(LlmPrompt.Version, outcome.PromptVersion);
        if (IsModelFailure(kind))
        {
            Assert.Equal((3, 3), (outcome.Attempts, llm.Server.RequestCount));
            Assert.Contains("after 3 attempts (Llm:MaxAttempts)", outcome.Failure, StringComparison.Ordinal);
        }
        else
        {
            // One request plus Llm:MaxTransportRetries (2) retries.
            Assert.Equal((1, 3), (outcome.Attempts, llm.Server.RequestCount));
            Assert.Contains("gave up after 3 requests", outcome.Failure, StringComparison.Ordinal);
        }

        var expected = kind switch
        {
            "malformed JSON" => "not valid JSON",
            "truncated output" => "finish_reason \"length\"",
            "empty content" => "the answer was empty",
            "429 with Retry-After" or "429 without Retry-After" => "HTTP 429",
            "500" => "HTTP 500",
            "503" => "HTTP 503",
            "timeout" => "no answer within 1 s (Llm:TimeoutSeconds)",
            "dropped connection" => "failed: ",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        Assert.Contains(expected, outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limit_waits_the_seconds_retry_after_asks_for_on_the_injected_clock()
    {
        var time = new RecordingTimeProvider();
        await using var llm = await LlmTestHost.StartAsync(new Dictionary<string, string?> { ["Llm:MaxRetryDelaySeconds"] = "5" }, time);
        llm.Server.Enqueue(FakeReply.RateLimited("2"), FakeReply.Valid());

        var review = llm.Reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct);
        // No real wait: the retry is held until the fake clock passes the two seconds the server asked for.
        var wait = await time.AdvancePastWaitAsync(0, TimeSpan.FromSeconds(5), Ct);
        var outcome = await review;

        Assert.Equal(TimeSpan.FromSeconds(2), wait);
        Assert.True(outcome.Review is not null, outcome.Failure);
        Assert.Equal((2, 1), (llm.Server.RequestCount, outcome.Attempts));
    }

    [Fact]
    public async Task A_retry_after_in_milliseconds_is_honoured_too()
    {
        var time = new RecordingTimeProvider();
        await using var llm = await LlmTestHost.StartAsync(new Dictionary<string, string?> { ["Llm:MaxRetryDelaySeconds"] = "5" }, time);
        llm.Server.Enqueue(new ErrorReply(429, "rate_limit_exceeded", "Slow down.", null) { RetryAfterMs = "1500" }, FakeReply.Valid());

        var review = llm.Reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct);
        var wait = await time.AdvancePastWaitAsync(0, TimeSpan.FromSeconds(5), Ct);

        Assert.NotNull((await review).Review);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), wait);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_cap_is_cut_to_the_cap()
    {
        var time = new RecordingTimeProvider();
        await using var llm = await LlmTestHost.StartAsync(new Dictionary<string, string?> { ["Llm:MaxRetryDelaySeconds"] = "0.3" }, time);
        llm.Server.Enqueue(FakeReply.RateLimited("3600"), FakeReply.Valid());

        var review = llm.Reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct);
        var wait = await time.AdvancePastWaitAsync(0, TimeSpan.FromSeconds(5), Ct);

        Assert.NotNull((await review).Review);
        Assert.Equal(TimeSpan.FromSeconds(0.3), wait);
    }

    [Fact]
    public async Task Without_retry_after_each_retry_waits_a_jittered_backoff_within_the_cap()
    {
        var time = new RecordingTimeProvider();
        await using var llm = await LlmTestHost.StartAsync(
            new Dictionary<string, string?> { ["Llm:RetryBaseDelaySeconds"] = "0.5", ["Llm:MaxRetryDelaySeconds"] = "0.8", ["Llm:TimeoutSeconds"] = "30" }, time);
        llm.Server.Enqueue(FakeReply.ServerError(), FakeReply.ServerError(502), FakeReply.Valid());

        var review = llm.Reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct);
        // Timeouts are 30 s, so every timer under 10 s is a wait between requests.
        var first = await time.AdvancePastWaitAsync(0, TimeSpan.FromSeconds(10), Ct);
        var second = await time.AdvancePastWaitAsync(1, TimeSpan.FromSeconds(10), Ct);
        var outcome = await review;

        Assert.True(outcome.Review is not null, outcome.Failure);
        Assert.Equal((3, 1), (llm.Server.RequestCount, outcome.Attempts));
        Assert.All(new[] { first, second }, wait => Assert.InRange(wait, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(0.8)));
    }

    [Fact]
    public void Retry_after_is_read_as_seconds_as_an_http_date_or_as_milliseconds()
    {
        var now = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        var cap = TimeSpan.FromSeconds(60);
        TimeSpan? Read(string header, string value)
        {
            using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.TryAddWithoutValidation(header, value);
            return RetryAfter.From(response, now, cap);
        }

        Assert.Equal(TimeSpan.FromSeconds(7), Read("Retry-After", "7"));
        Assert.Equal(TimeSpan.FromSeconds(20), Read("Retry-After", "Sun, 22 Nov 2026 09:00:20 GMT"));
        Assert.Equal(TimeSpan.Zero, Read("Retry-After", "Sun, 22 Nov 2026 08:59:00 GMT"));
        Assert.Equal(cap, Read("Retry-After", "Mon, 23 Nov 2026 09:00:00 GMT"));
        Assert.Equal(cap, Read("Retry-After", "86400"));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Read("retry-after-ms", "1500"));
        Assert.Null(Read("Retry-After", "soon"));
        Assert.Null(Read("X-Other", "7"));
    }

    [Theory]
    [InlineData(400, "Invalid value for 'response_format'")]
    [InlineData(404, "The model 'test-model' does not exist")]
    [InlineData(422, "Unprocessable")]
    public async Task Other_client_errors_fail_at_once_with_the_servers_message(int status, string message)
    {
        await using var llm = await LlmTestHost.StartAsync();
        llm.Server.Respond = _ => FakeReply.Error(status, message);

        var outcome = await llm.Reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct);

        Assert.Null(outcome.Review);
        Assert.Equal(1, llm.Server.RequestCount);
        Assert.StartsWith($"HTTP {status} ", outcome.Failure, StringComparison.Ordinal);
        Assert.Contains(message, outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_api_key_is_a_401_that_is_not_retried()
    {
        await using var llm = await LlmTestHost.StartAsync();
        llm.Server.RequiredApiKey = "sk-test";

        var outcome = await llm.Reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct);

        Assert.Equal(1, llm.Server.RequestCount);
        Assert.Contains("HTTP 401", outcome.Failure, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_recorded_failure()
    {
        // Nothing listens on port 1, so the connection is refused.
        using var host = LlmTestHost.BuildHost(new Dictionary<string, string?>
        {
            ["Llm:BaseUrl"] = "http://127.0.0.1:1/v1",
            ["Llm:Model"] = "test-model",
            ["Llm:MaxTransportRetries"] = "1",
            ["Llm:RetryBaseDelaySeconds"] = "0.01",
        });
        var reviewer = host.Services.GetRequiredService<LlmReviewer>();

        var outcome = await reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct);

        Assert.Null(outcome.Review);
        Assert.Contains("the request to http://127.0.0.1:1/v1/chat/completions failed", outcome.Failure, StringComparison.Ordinal);
        Assert.Contains("gave up after 2 requests", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_a_chat_completion_fails_at_once()
    {
        await using var llm = await LlmTestHost.StartAsync();
        llm.Server.Respond = _ => FakeReply.NotAChatCompletion();

        var outcome = await llm.Reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct);

        // The same address would send the same page again: the job queue retries later, not this request.
        Assert.Null(outcome.Review);
        Assert.Equal((1, 1), (outcome.Attempts, llm.Server.RequestCount));
        Assert.Contains("the body is not a chat completion", outcome.Failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_answer_over_the_byte_cap_fails_fast_without_being_read_to_the_end(bool announceLength)
    {
        await using var llm = await LlmTestHost.StartAsync(new Dictionary<string, string?> { ["Llm:MaxResponseBytes"] = "65536" });
        llm.Server.Respond = _ => FakeReply.Oversized(16 * 1024 * 1024, announceLength);

        var outcome = await llm.Reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct);
        while (llm.Server.InFlight > 0)
        {
            await Task.Delay(10, Ct);
        }

        Assert.Null(outcome.Review);
        Assert.Contains("Llm:MaxResponseBytes (65536", outcome.Failure, StringComparison.Ordinal);
        // Not retried (the same request would bring the same flood), and the client hung up before the last byte.
        Assert.Equal((1, 1), (outcome.Attempts, llm.Server.RequestCount));
        Assert.Equal(0, llm.Server.OversizedBodiesCompleted);
    }

    [Fact]
    public async Task An_answer_under_the_byte_cap_is_read_whole()
    {
        await using var llm = await LlmTestHost.StartAsync(new Dictionary<string, string?> { ["Llm:MaxResponseBytes"] = "65536" });
        llm.Server.Enqueue(FakeReply.Oversized(60_000, announceLength: false), FakeReply.Valid());

        var outcome = await llm.Reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct);

        // The 60 KB answer arrived in full and was judged: its review is far too long, so the model was asked again.
        Assert.True(outcome.Review is not null, outcome.Failure);
        Assert.Equal((2, 1), (outcome.Attempts, llm.Server.OversizedBodiesCompleted));
        Assert.Contains("the answer is not valid JSON", llm.Server.Requests[1].LastUserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewAsync_throws_the_failure_as_an_LlmReviewException()
    {
        await using var llm = await LlmTestHost.StartAsync();
        llm.Server.Respond = _ => FakeReply.Malformed();

        var error = await Assert.ThrowsAsync<LlmReviewException>(() => llm.Reviewer.ReviewAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), Ct));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal("llm", llm.Reviewer.Name);
    }

    [Fact]
    public async Task Cancellation_is_thrown_not_recorded()
    {
        await using var llm = await LlmTestHost.StartAsync(new Dictionary<string, string?> { ["Llm:TimeoutSeconds"] = "30" });
        llm.Server.Respond = _ => FakeReply.Hang();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => llm.Reviewer.ReviewWithDetailsAsync(_tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(_tool), cancel.Token));
        Assert.Equal(1, llm.Server.RequestCount);
    }
}
