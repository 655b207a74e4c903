using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shipwise.Community;

namespace Shipwise.Tests.Community;

/// <summary>Votes, picks and "helpful?" through the real endpoints: one per account, changeable, and nothing trusted from the client but the choice.</summary>
public abstract class CommunityVoteTests(CommunityApp app)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    private static (int Ships, int Skips, int? ShipPercent) Votes(int ships, int skips, int? shipPercent) => (ships, skips, shipPercent);

    private static void AssertSeeOther(HttpResponseMessage response, string location)
    {
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_hundred_votes_from_one_account_count_once_and_can_be_changed_or_withdrawn()
    {
        var reader = await app.SignInAsync();
        Assert.Equal(Votes(0, 0, null), await app.CommunityAsync("vllm"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => app.SendAsync(reader.Post("/votes", ("tool", "vllm"), ("choice", "ship")))));
        Assert.All(answers, a => AssertSeeOther(a, "/tools/vllm"));
        await app.AgeAccountsAsync();
        Assert.Equal(Votes(1, 0, 100), await app.CommunityAsync("vllm"));
        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM votes WHERE account_id = @id", new { id = reader.AccountId }));

        AssertSeeOther(await app.SendAsync(reader.Post("/votes", ("tool", "vllm"), ("choice", "skip"))), "/tools/vllm");
        Assert.Equal(Votes(0, 1, 0), await app.CommunityAsync("vllm"));

        AssertSeeOther(await app.SendAsync(reader.Post("/votes", ("tool", "vllm"), ("choice", "withdraw"), ("returnUrl", "/compare/sglang-vs-vllm?x=1"))), "/compare/sglang-vs-vllm?x=1");
        Assert.Equal(Votes(0, 0, null), await app.CommunityAsync("vllm"));
        Assert.Equal(0, await app.RowsOfAsync(reader.AccountId));
    }

    [Fact]
    public async Task Votes_from_new_accounts_count_once_the_account_is_old_enough_by_the_database()
    {
        var older = await app.SignInAsync();
        var newer = await app.SignInAsync();
        await app.SendAsync(older.Post("/votes", ("tool", "ollama"), ("choice", "ship")));
        await app.SendAsync(newer.Post("/votes", ("tool", "ollama"), ("choice", "skip")));

        // Stored at once, counted only after Community:NewAccountDelayHours (24 by default).
        Assert.Equal(2, await app.ScalarAsync("SELECT count(*) FROM votes v JOIN tools t ON t.id = v.tool_id WHERE t.slug = 'ollama'"));
        Assert.Equal(Votes(0, 0, null), await app.CommunityAsync("ollama"));

        // The account's age is the database's: the session claims nothing that counts.
        var created = app.Factory.Clock.GetUtcNow().AddDays(-2);
        await app.ExecuteAsync("UPDATE accounts SET created_at = @created WHERE id = @id", new { created, id = older.AccountId });
        await app.SendAsync(older.Post("/votes", ("tool", "ollama"), ("choice", "ship")));
        Assert.Equal(Votes(1, 0, 100), await app.CommunityAsync("ollama"));

        await app.AgeAccountsAsync();
        Assert.Equal(Votes(1, 1, 50), await app.CommunityAsync("ollama"));
    }

    [Fact]
    public async Task A_post_without_a_valid_antiforgery_token_is_rejected_and_writes_nothing()
    {
        var reader = await app.SignInAsync();
        var other = await app.SignInAsync();

        var missing = await app.SendAsync(reader.Post("/votes", [new("tool", "llama-cpp"), new("choice", "ship")], withToken: false));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await ProblemAsync(missing)).GetProperty("errors").TryGetProperty("__RequestVerificationToken", out _));

        // A token issued to another reader is not this reader's.
        var stolen = reader.Post("/votes", [new("tool", "llama-cpp"), new("choice", "ship"), new("__RequestVerificationToken", other.FormToken)], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.SendAsync(stolen)).StatusCode);

        foreach (var path in new[] { "/picks", "/helpful", $"/operator/accounts/{reader.AccountId}/void-votes" })
        {
            var forged = await app.SendAsync(reader.Post(path, [new("tool", "llama-cpp")], withToken: false));
            Assert.True(forged.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{path}: {forged.StatusCode}");
        }

        Assert.Equal(0, await app.RowsOfAsync(reader.AccountId));
    }

    [Fact]
    public async Task Anonymous_writes_are_refused()
    {
        var response = await app.Client.PostAsync("/votes", new FormUrlEncodedContent([new("tool", "vllm"), new("choice", "ship")]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/votes", "tool=vllm&choice=maybe", "choice")]
    [InlineData("/votes", "choice=ship", "tool")]
    [InlineData("/votes", "tool=vllm&tool=ollama&choice=ship", "tool")]
    [InlineData("/votes", "tool=vllm&choice=ship&returnUrl=%2F%2Fevil.example%2F", "returnUrl")]
    [InlineData("/votes", "tool=vllm&choice=ship&returnUrl=https%3A%2F%2Fevil.example%2F", "returnUrl")]
    [InlineData("/picks", "left=vllm&right=vllm&picked=vllm", "right")]
    [InlineData("/picks", "left=vllm&right=ollama&picked=sglang", "picked")]
    [InlineData("/picks", "left=vllm&picked=vllm", "right")]
    [InlineData("/picks", "left=smolvlm2&right=smolvlm2-2b&picked=smolvlm2", "right")]
    [InlineData("/helpful", "tool=vllm&critic=nobody&helpful=yes", "critic")]
    [InlineData("/helpful", "tool=vllm&critic=builder&helpful=perhaps", "helpful")]
    public async Task Bad_input_is_a_400_naming_the_field_and_writes_nothing(string path, string form, string field)
    {
        var reader = await app.SignInAsync();
        var fields = form.Split('&').Select(pair => pair.Split('=')).Select(kv => new KeyValuePair<string, string>(kv[0], Uri.UnescapeDataString(kv[1])));
        var response = await app.SendAsync(reader.Post(path, fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(0, await app.RowsOfAsync(reader.AccountId));
    }

    [Theory]
    [InlineData("/votes", "tool=no-such-tool&choice=ship", "tool")]
    [InlineData("/picks", "left=vllm&right=no-such-tool&picked=vllm", "right")]
    [InlineData("/helpful", "tool=no-such-tool&critic=builder&helpful=yes", "tool")]
    public async Task An_unknown_tool_is_a_404_and_writes_nothing(string path, string form, string field)
    {
        var reader = await app.SignInAsync();
        var fields = form.Split('&').Select(pair => pair.Split('=')).Select(kv => new KeyValuePair<string, string>(kv[0], kv[1]));
        var response = await app.SendAsync(reader.Post(path, fields));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var detail = (await ProblemAsync(response)).GetProperty("detail").GetString();
        Assert.Contains(field, detail);
        Assert.Contains("no-such-tool", detail);
        Assert.Equal(0, await app.RowsOfAsync(reader.AccountId));
    }

    [Fact]
    public async Task An_alias_names_the_same_tool()
    {
        var reader = await app.SignInAsync();
        AssertSeeOther(await app.SendAsync(reader.Post("/votes", ("tool", "smolvlm2-2b"), ("choice", "ship"))), "/tools/smolvlm2-2b");
        Assert.Equal(1, await app.ScalarAsync(
            "SELECT count(*) FROM votes v JOIN tools t ON t.id = v.tool_id WHERE v.account_id = @id AND t.slug = 'smolvlm2'", new { id = reader.AccountId }));
    }

    [Fact]
    public async Task A_pair_pick_is_one_per_account_and_pair_in_either_order_and_can_be_changed()
    {
        var reader = await app.SignInAsync();
        var queries = app.Services.GetRequiredService<CommunityQueries>();

        AssertSeeOther(await app.SendAsync(reader.Post("/picks", ("left", "gpt-4o"), ("right", "claude-haiku-4-5"), ("picked", "gpt-4o"))), "/compare/claude-haiku-4-5-vs-gpt-4o");
        AssertSeeOther(await app.SendAsync(reader.Post("/picks", ("left", "claude-haiku-4-5"), ("right", "gpt-4o"), ("picked", "claude-haiku-4-5"),
            ("returnUrl", "/compare/claude-haiku-4-5-vs-gpt-4o"))), "/compare/claude-haiku-4-5-vs-gpt-4o");

        Assert.Equal(1, await app.ScalarAsync("SELECT count(*) FROM pair_picks WHERE account_id = @id AND left_tool_id < right_tool_id", new { id = reader.AccountId }));
        var principal = Shipwise.Accounts.Sessions.Principal(new(reader.AccountId, reader.Email, DateTimeOffset.UnixEpoch, ""), false);
        Assert.Equal("claude-haiku-4-5", await queries.MyPickAsync(principal, "gpt-4o", "claude-haiku-4-5", TestContext.Current.CancellationToken));

        await app.AgeAccountsAsync();
        var tally = await queries.PairAsync("claude-haiku-4-5", "gpt-4o", TestContext.Current.CancellationToken);
        Assert.Equal(new PairTally(1, 0), tally);
        Assert.Equal(new PairTally(0, 1), await queries.PairAsync("gpt-4o", "claude-haiku-4-5", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Helpful_is_one_answer_per_account_and_review()
    {
        var reader = await app.SignInAsync();
        var queries = app.Services.GetRequiredService<CommunityQueries>();
        AssertSeeOther(await app.SendAsync(reader.Post("/helpful", ("tool", "jan"), ("critic", "skeptic"), ("helpful", "yes"))), "/tools/jan#critic-skeptic");
        await app.SendAsync(reader.Post("/helpful", ("tool", "jan"), ("critic", "skeptic"), ("helpful", "no")));
        await app.SendAsync(reader.Post("/helpful", ("tool", "jan"), ("critic", "builder"), ("helpful", "yes")));
        await app.AgeAccountsAsync();

        var toolId = await app.ScalarAsync("SELECT id FROM tools WHERE slug = 'jan'");
        var tallies = await queries.HelpfulAsync(toolId, TestContext.Current.CancellationToken);
        Assert.Equal(new HelpfulTally(0, 1), tallies["skeptic"]);
        Assert.Equal(new HelpfulTally(1, 0), tallies["builder"]);
        var principal = Shipwise.Accounts.Sessions.Principal(new(reader.AccountId, reader.Email, DateTimeOffset.UnixEpoch, ""), false);
        var mine = await queries.MyHelpfulAsync(principal, toolId, TestContext.Current.CancellationToken);
        Assert.False(mine["skeptic"]);
        Assert.True(mine["builder"]);
    }

    [Fact]
    public async Task An_operator_voids_an_accounts_votes_with_an_audit_and_readers_cannot()
    {
        var voter = await app.SignInAsync();
        var bystander = await app.SignInAsync();
        var op = await app.SignInAsync(CommunityApp.OperatorEmail);
        await app.SendAsync(voter.Post("/votes", ("tool", "mlx"), ("choice", "skip")));
        await app.SendAsync(voter.Post("/picks", ("left", "mlx"), ("right", "ollama"), ("picked", "ollama")));
        await app.SendAsync(bystander.Post("/votes", ("tool", "mlx"), ("choice", "ship")));
        await app.AgeAccountsAsync();
        Assert.Equal(Votes(1, 1, 50), await app.CommunityAsync("mlx"));

        var refused = await app.SendAsync(bystander.Post($"/operator/accounts/{voter.AccountId}/void-votes"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var anonymous = await app.Client.PostAsync($"/operator/accounts/{voter.AccountId}/void-votes", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(Votes(1, 1, 50), await app.CommunityAsync("mlx"));

        var voided = await app.SendAsync(op.Post($"/operator/accounts/{voter.AccountId}/void-votes"));
        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        var result = await voided.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(1, result.GetProperty("votes").GetInt32());
        Assert.Equal(1, result.GetProperty("picks").GetInt32());
        Assert.Equal(Votes(1, 0, 100), await app.CommunityAsync("mlx"));

        // Who and when, from the session and the server's clock.
        Assert.Equal(1, await app.ScalarAsync(
            "SELECT count(*) FROM vote_voids WHERE account_id = @voter AND voided_by = @op AND voided_at = @now",
            new { voter = voter.AccountId, op = op.AccountId, now = app.Factory.Clock.GetUtcNow() }));

        // Voided for good: a later vote from the account is stored but never counts.
        await app.SendAsync(voter.Post("/votes", ("tool", "mlx"), ("choice", "skip")));
        await app.AgeAccountsAsync();
        Assert.Equal(Votes(1, 0, 100), await app.CommunityAsync("mlx"));

        var unknown = await app.SendAsync(op.Post("/operator/accounts/999999/void-votes"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_community_ranking_of_a_category_comes_from_pair_picks()
    {
        // Readers prefer lm-studio to jan to gpt4all, mostly.
        var picks = new[] { ("lm-studio", "jan", 5), ("jan", "lm-studio", 1), ("jan", "gpt4all", 4), ("gpt4all", "jan", 1), ("lm-studio", "gpt4all", 4) };
        foreach (var (winner, loser, times) in picks)
        {
            for (var i = 0; i < times; i++)
            {
                var reader = await app.SignInAsync();
                AssertSeeOther(await app.SendAsync(reader.Post("/picks", ("left", loser), ("right", winner), ("picked", winner))), "/compare/" + string.Join("-vs-", new[] { winner, loser }.Order(StringComparer.Ordinal)));
            }
        }

        await app.AgeAccountsAsync();
        await app.CheckSiteChangesAsync();
        var ranking = await app.JsonAsync("/api/categories/local-ai-apps/community");
        Assert.Equal(15, ranking.GetProperty("picks").GetInt32());
        Assert.True(ranking.GetProperty("provisional").GetBoolean());
        Assert.True(ranking.GetProperty("connected").GetBoolean());
        var tools = ranking.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(["lm-studio", "jan", "gpt4all"], tools.Select(t => t.GetProperty("slug").GetString()));
        Assert.All(tools, t => Assert.True(t.GetProperty("pickChanceLower").GetDouble() < t.GetProperty("pickChance").GetDouble()));
        Assert.Equal(10, tools[0].GetProperty("picks").GetInt32());
        Assert.Equal(9, tools[0].GetProperty("wins").GetInt32());

        var page = await app.Client.GetAsync("/categories/local-ai-apps/community", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Provisional", html);
        Assert.True(html.IndexOf("LM Studio", StringComparison.Ordinal) < html.IndexOf("GPT4All", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/categories/no-such-category/community", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/categories/no-such-category/community", TestContext.Current.CancellationToken)).StatusCode);
        var empty = await app.JsonAsync("/api/categories/developer-tools/community");
        Assert.Empty(empty.GetProperty("tools").EnumerateArray());
        Assert.Equal(1, empty.GetProperty("unrankedTools").GetInt64());
    }

    [Fact]
    public async Task A_vote_changes_the_site_stamp_so_no_cached_page_outlives_it()
    {
        var reader = await app.SignInAsync();
        await app.CheckSiteChangesAsync();
        Assert.False(await app.CheckSiteChangesAsync());

        await app.SendAsync(reader.Post("/votes", ("tool", "sglang"), ("choice", "ship")));
        Assert.True(await app.CheckSiteChangesAsync());

        // A new account's vote beginning to count is a change too, though nothing is written then.
        Assert.False(await app.CheckSiteChangesAsync());
        await app.AgeAccountsAsync();
        Assert.True(await app.CheckSiteChangesAsync());
    }

    [Fact]
    public async Task The_tool_api_shows_the_community_figure_beside_the_panel()
    {
        var tool = await app.JsonAsync("/api/tools/text-generation-inference");
        Assert.True(tool.TryGetProperty("panel", out _));
        var community = tool.GetProperty("community");
        Assert.Equal(0, community.GetProperty("ships").GetInt32());
        Assert.Equal(0, community.GetProperty("skips").GetInt32());
        Assert.Equal(JsonValueKind.Null, community.GetProperty("shipPercent").ValueKind);
    }

    [Fact]
    public void The_disagreement_sentence_needs_enough_votes_on_the_other_side()
    {
        var queries = app.Services.GetRequiredService<CommunityQueries>();
        Assert.Null(queries.Disagreement("vLLM", Core.Panel.Verdict.Ship, new(3, 10)));
        Assert.Equal(
            "The panel says ship vLLM, but readers disagree: 25 % of 40 votes would ship it.",
            queries.Disagreement("vLLM", Core.Panel.Verdict.Ship, new(10, 30)));
    }
}

public sealed class SqliteCommunityVoteTests(SqliteCommunityApp app) : CommunityVoteTests(app), IClassFixture<SqliteCommunityApp>;

public sealed class PostgresCommunityVoteTests(PostgresCommunityApp app) : CommunityVoteTests(app), IClassFixture<PostgresCommunityApp>;
