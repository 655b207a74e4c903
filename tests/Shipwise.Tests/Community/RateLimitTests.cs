using System.Net;

namespace Shipwise.Tests.Community;

/// <summary>RateLimits:VotesPerAccount is 3 and RateLimits:VotesPerIp is 5 per 600 s here (<see cref="LimitedCommunityApp"/>).</summary>
public abstract class RateLimitTests(CommunityApp app)
{
    private static void AssertTooMany(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromSeconds(600),
            $"Retry-After: {response.Headers.RetryAfter}");
    }

    [Fact]
    public async Task Votes_are_limited_per_account_and_per_address_with_429_and_retry_after()
    {
        var first = await app.SignInAsync();
        var second = await app.SignInAsync();
        var tools = new[] { "vllm", "ollama", "sglang", "mlx" };

        // One account: three writes in the window, the fourth is refused and writes nothing.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await app.SendAsync(first.Post("/votes", ("tool", tools[i]), ("choice", "ship")))).StatusCode);
        }

        AssertTooMany(await app.SendAsync(first.Post("/votes", ("tool", tools[3]), ("choice", "ship"))));
        Assert.Equal(3, await app.RowsOfAsync(first.AccountId));

        // A second account from the same address has its own three, but the address's five run out
        // first (a refused write counts against the address too).
        var secondAccepted = 0;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 3 && refused is null; i++)
        {
            var response = await app.SendAsync(second.Post("/votes", ("tool", tools[i]), ("choice", "skip")));
            if (response.StatusCode == HttpStatusCode.SeeOther)
            {
                secondAccepted++;
            }
            else
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        AssertTooMany(refused);
        Assert.True(3 + secondAccepted <= 5, $"the address wrote {3 + secondAccepted} times");
        Assert.Equal(secondAccepted, await app.RowsOfAsync(second.AccountId));
        var problem = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Too many requests", problem);

        // Reading is not limited.
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/tools/vllm", TestContext.Current.CancellationToken)).StatusCode);
    }
}

public sealed class SqliteRateLimitTests(SqliteLimitedCommunityApp app) : RateLimitTests(app), IClassFixture<SqliteLimitedCommunityApp>;

public sealed class PostgresRateLimitTests(PostgresLimitedCommunityApp app) : RateLimitTests(app), IClassFixture<PostgresLimitedCommunityApp>;
