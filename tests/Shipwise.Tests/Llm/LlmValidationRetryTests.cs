using Shipwise.Core.Panel;
using Shipwise.FakeLlm;
using Shipwise.Panel.Llm;
using Shipwise.Tests.Panel;

namespace Shipwise.Tests.Llm;

/// <summary>An answer that breaks a review rule is sent back with the problem, and the next answer is judged afresh.</summary>
public class LlmValidationRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Rules => new("banned phrase", "unknown cited fact", "verdict against the ship bar", "review too short", "score out of range");

    /// <summary>Skeptic ships at 65 and bans "game-changer".</summary>
    private static (FakeReply Reply, string Problem) Breaking(string rule) => rule switch
    {
        "banned phrase" => (FakeReply.Valid(review: FakeReply.DefaultReview + " Honestly, a game-changer."), "review: uses the banned phrase 'game-changer'"),
        "unknown cited fact" => (FakeReply.Valid(citedFacts: ["facts.license", "facts.vibes"]), "citedFacts[1]: 'facts.vibes' is not a fact on this tool"),
        "verdict against the ship bar" => (FakeReply.Valid(40, "ship"), "verdict: 'ship' contradicts the score 40: this critic ships at 65 or above"),
        "review too short" => (FakeReply.Valid(review: "Too short to say much."), $"review: is 22 characters; it must be {ReviewLimits.MinBodyLength}–{ReviewLimits.MaxBodyLength}"),
        "score out of range" => (FakeReply.Valid(140, "ship"), "score: 140 is outside 0–100"),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task A_rule_breaking_answer_is_retried_with_the_problem_and_the_rejected_answer_in_the_next_request(string rule)
    {
        var (reply, problem) = Breaking(rule);
        await using var llm = await LlmTestHost.StartAsync();
        llm.Server.Enqueue(reply, FakeReply.Valid(70, "ship"));

        var outcome = await llm.Reviewer.ReviewWithDetailsAsync(LlmTestData.Tool("mistral-small-3"), PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(LlmTestData.Tool("mistral-small-3")), Ct);

        Assert.True(outcome.Review is not null, outcome.Failure);
        Assert.Equal((70, Verdict.Ship, 2), (outcome.Review.Score, outcome.Review.Verdict, outcome.Attempts));
        var (first, second) = (llm.Server.Requests[0], llm.Server.Requests[1]);
        Assert.Equal(["system", "user", "assistant", "user"], second.Messages.Select(m => m.Role));
        Assert.Equal(first.Messages[0], second.Messages[0]);
        Assert.Equal(first.Messages[1], second.Messages[1]);
        var rejected = second.Messages[2].Content;
        Assert.Equal(reply is CompletionReply c ? c.ContentFor(first) : null, rejected);
        Assert.Contains(problem, second.LastUserMessage, StringComparison.Ordinal);
        Assert.StartsWith("Your answer was rejected", second.LastUserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_rejection_is_fed_back_and_the_last_problems_are_recorded_when_it_gives_up()
    {
        await using var llm = await LlmTestHost.StartAsync();
        llm.Server.Enqueue(FakeReply.Malformed(), FakeReply.Truncated(), FakeReply.Valid(40, "ship"));

        var outcome = await llm.Reviewer.ReviewWithDetailsAsync(LlmTestData.Tool("mistral-small-3"), PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(LlmTestData.Tool("mistral-small-3")), Ct);

        Assert.Null(outcome.Review);
        Assert.Equal(3, outcome.Attempts);
        Assert.Contains("after 3 attempts (Llm:MaxAttempts)", outcome.Failure, StringComparison.Ordinal);
        Assert.Contains("contradicts the score 40", outcome.Failure, StringComparison.Ordinal);
        var last = llm.Server.Requests[^1];
        Assert.Equal(["system", "user", "assistant", "user", "assistant", "user"], last.Messages.Select(m => m.Role));
        Assert.Contains("not valid JSON", last.Messages[3].Content, StringComparison.Ordinal);
        Assert.Contains("cut off", last.Messages[5].Content, StringComparison.Ordinal);
        Assert.True(outcome.PromptTokens > 0 && outcome.CompletionTokens > 0);
    }

    [Theory]
    [InlineData("{\"score\": \"70\", \"verdict\": \"ship\", \"summary\": \"s\", \"review\": \"r\", \"citedFacts\": []}", "\"score\" must be a whole number 0–100 or null, not \"70\"")]
    [InlineData("{\"score\": 70.5, \"verdict\": \"ship\", \"summary\": \"s\", \"review\": \"r\", \"citedFacts\": []}", "not 70.5")]
    [InlineData("{\"score\": 70, \"verdict\": \"maybe\", \"summary\": \"s\", \"review\": \"r\", \"citedFacts\": []}", "\"verdict\" must be \"ship\", \"skip\" or \"no-take\", not \"maybe\"")]
    [InlineData("{\"score\": 70, \"verdict\": \"ship\", \"review\": \"r\", \"citedFacts\": []}", "\"summary\" is missing")]
    [InlineData("{\"score\": 70, \"verdict\": \"ship\", \"summary\": \"s\", \"review\": \"r\", \"citedFacts\": \"facts.license\"}", "\"citedFacts\" must be an array")]
    [InlineData("[70, \"ship\"]", "the answer is a JSON array, not an object")]
    public async Task Answers_with_the_wrong_shape_are_explained_to_the_model(string content, string problem)
    {
        await using var llm = await LlmTestHost.StartAsync();
        llm.Server.Enqueue(FakeReply.Content(content), FakeReply.Valid());

        var outcome = await llm.Reviewer.ReviewWithDetailsAsync(LlmTestData.Tool("gpt-4o"), PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(LlmTestData.Tool("gpt-4o")), Ct);

        Assert.NotNull(outcome.Review);
        Assert.Contains(problem, llm.Server.Requests[1].LastUserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_no_take_answer_and_a_json_answer_in_a_code_fence_are_accepted()
    {
        await using var llm = await LlmTestHost.StartAsync();
        llm.Server.Enqueue(FakeReply.Valid(null, "no-take", "No take: too little on record.", citedFacts: []));
        var fenced = "```json\n{\"score\": 30, \"verdict\": \"Skip\", \"summary\": \"Skip.\", \"review\": \"" + FakeReply.DefaultReview + "\", \"citedFacts\": [\"facts.license\"]}\n```";
        llm.Server.Enqueue(FakeReply.Content(fenced));
        var tool = LlmTestData.Tool("gpt-4o");

        var quiet = await llm.Reviewer.ReviewWithDetailsAsync(tool, PanelCritics.Get("creator"), LlmTestData.Today, LlmTestData.Peers(tool), Ct);
        var skip = await llm.Reviewer.ReviewWithDetailsAsync(tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(tool), Ct);

        Assert.Equal((null, Verdict.NoTake), (quiet.Review!.Score, quiet.Review.Verdict));
        Assert.Empty(quiet.Review.CitedFacts);
        Assert.Equal((30, Verdict.Skip, 1), (skip.Review!.Score, skip.Review.Verdict, skip.Attempts));
    }
}
