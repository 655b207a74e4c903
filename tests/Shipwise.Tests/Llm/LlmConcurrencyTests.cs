using Shipwise.FakeLlm;
using Shipwise.Tests.Panel;

namespace Shipwise.Tests.Llm;

public class LlmConcurrencyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Many_parallel_reviews_never_have_more_requests_in_flight_than_the_limit(int limit)
    {
        await using var llm = await LlmTestHost.StartAsync(new Dictionary<string, string?> { ["Llm:MaxConcurrency"] = limit.ToString() });
        llm.Server.Latency = TimeSpan.FromMilliseconds(150);
        var work = (from tool in LlmTestData.Tools.Take(4) from critic in PanelCritics.Set.All select (tool, critic)).ToList();

        var outcomes = await Task.WhenAll(work.Select(w =>
            llm.Reviewer.ReviewWithDetailsAsync(w.tool, w.critic, LlmTestData.Today, LlmTestData.Peers(w.tool), TestContext.Current.CancellationToken)));

        Assert.All(outcomes, o => Assert.True(o.Review is not null, o.Failure));
        Assert.Equal(work.Count, llm.Server.RequestCount);
        // Twenty-eight requests of 150 ms started together: the limit is reached, and never passed.
        Assert.Equal(limit, llm.Server.MaxInFlight);
    }

    [Fact]
    public async Task Retries_count_against_the_same_limit()
    {
        await using var llm = await LlmTestHost.StartAsync(new Dictionary<string, string?> { ["Llm:MaxConcurrency"] = "2" });
        var calls = 0;
        llm.Server.Respond = _ =>
        {
            var reply = (Interlocked.Increment(ref calls) % 3) switch
            {
                0 => FakeReply.RateLimited("0"),
                1 => FakeReply.ServerError(),
                _ => FakeReply.Valid(),
            };
            return reply with { Delay = TimeSpan.FromMilliseconds(50) };
        };
        var tool = LlmTestData.Tool("gpt-4o");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            llm.Reviewer.ReviewWithDetailsAsync(tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(tool), TestContext.Current.CancellationToken)));

        Assert.True(llm.Server.RequestCount > 12, $"{llm.Server.RequestCount} requests");
        Assert.Equal(2, llm.Server.MaxInFlight);
        Assert.All(outcomes, o => Assert.True(o.Review is not null || o.Failure is not null));
    }

    [Fact]
    public async Task Hung_requests_hold_their_slots_so_queued_reviews_wait()
    {
        await using var llm = await LlmTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Llm:MaxConcurrency"] = "2",
            ["Llm:TimeoutSeconds"] = "1",
            ["Llm:MaxTransportRetries"] = "0",
        });
        llm.Server.Respond = _ => FakeReply.Hang();
        var tool = LlmTestData.Tool("gpt-4o");
        var ct = TestContext.Current.CancellationToken;

        var reviews = Enumerable.Range(0, 4).Select(_ => llm.Reviewer.ReviewWithDetailsAsync(tool, PanelCritics.Get("skeptic"), LlmTestData.Today, LlmTestData.Peers(tool), ct)).ToList();
        while (llm.Server.RequestCount < 2)
        {
            await Task.Delay(10, ct);
        }

        // Had the hung requests let go of their slots, the two queued reviews would arrive within milliseconds.
        await Task.Delay(300, ct);
        Assert.Equal((2, 2), (llm.Server.RequestCount, llm.Server.InFlight));

        var outcomes = await Task.WhenAll(reviews);
        Assert.All(outcomes, o => Assert.Contains("no answer within 1 s", o.Failure, StringComparison.Ordinal));
        Assert.Equal(4, llm.Server.RequestCount);
    }
}
