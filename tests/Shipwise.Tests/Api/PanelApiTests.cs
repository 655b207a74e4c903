using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Api;

public abstract class PanelApiTests(AppFixture app)
{
    private static readonly string[] Panel = ["builder", "skeptic", "futurist", "founder", "creator", "operator", "counsel"];

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await app.Client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Every_demo_tool_has_a_review_from_all_seven_critics_and_the_figures_follow_the_arithmetic()
    {
        var list = await GetAsync("/api/tools?pageSize=100");
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            var slug = item.GetProperty("slug").GetString();
            var tool = await GetAsync($"/api/tools/{slug}");
            var reviews = tool.GetProperty("reviews").EnumerateArray().ToList();
            Assert.Equal(Panel, reviews.Select(r => r.GetProperty("critic").GetString()));

            var verdicts = reviews.Select(r => r.GetProperty("verdict").GetString()).ToList();
            var ships = verdicts.Count(v => v == "ship");
            var skips = verdicts.Count(v => v == "skip");
            var panel = tool.GetProperty("panel");
            Assert.Equal(ships, panel.GetProperty("ships").GetInt32());
            Assert.Equal(skips, panel.GetProperty("skips").GetInt32());
            Assert.Equal(verdicts.Count(v => v == "no-take"), panel.GetProperty("noTakes").GetInt32());
            if (ships + skips == 0)
            {
                Assert.Equal(JsonValueKind.Null, panel.GetProperty("shipPercent").ValueKind);
                Assert.Equal(JsonValueKind.Null, panel.GetProperty("verdict").ValueKind);
                continue;
            }

            Assert.Equal((int)Math.Round(100.0 * ships / (ships + skips), MidpointRounding.AwayFromZero), panel.GetProperty("shipPercent").GetInt32());
            Assert.Equal(ships > skips ? "ship" : "skip", panel.GetProperty("verdict").GetString());
            var sided = reviews.Where(r => r.GetProperty("verdict").GetString() != "no-take").Select(r => r.GetProperty("score").GetInt32()).ToList();
            Assert.Equal(Math.Round(sided.Average(), 1, MidpointRounding.AwayFromZero), panel.GetProperty("meanScore").GetDouble(), 1);

            // The list shows the same verdict as the tool.
            Assert.Equal(panel.GetProperty("shipPercent").GetInt32(), item.GetProperty("panel").GetProperty("shipPercent").GetInt32());
        }
    }

    [Fact]
    public async Task A_review_carries_its_critic_verdict_text_cited_facts_and_provenance()
    {
        var tool = await GetAsync("/api/tools/mistral-medium-3");
        var founder = tool.GetProperty("reviews").EnumerateArray().Single(r => r.GetProperty("critic").GetString() == "founder");
        Assert.Equal("Founder", founder.GetProperty("criticName").GetString());
        Assert.InRange(founder.GetProperty("score").GetInt32(), 0, 100);
        Assert.Contains(founder.GetProperty("verdict").GetString(), new[] { "ship", "skip" });
        Assert.False(string.IsNullOrWhiteSpace(founder.GetProperty("summary").GetString()));
        Assert.Contains("$0.40", founder.GetProperty("summary").GetString() + " " + founder.GetProperty("review").GetString());
        var cited = founder.GetProperty("citedFacts").EnumerateArray().ToList();
        Assert.Contains(cited, c => c.GetProperty("path").GetString() == "facts.pricing" && c.GetProperty("source").GetString()!.StartsWith("https://"));
        Assert.Equal("evidence", founder.GetProperty("reviewer").GetString());
        Assert.Equal(TestClock.DefaultStart, founder.GetProperty("reviewedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Creator_takes_no_side_on_a_text_only_inference_server()
    {
        var tool = await GetAsync("/api/tools/vllm");
        var creator = tool.GetProperty("reviews").EnumerateArray().Single(r => r.GetProperty("critic").GetString() == "creator");
        Assert.Equal("no-take", creator.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, creator.GetProperty("score").ValueKind);
    }

    [Fact]
    public async Task The_critics_are_listed_and_each_has_a_page_of_verdicts()
    {
        var critics = await GetAsync("/api/critics");
        Assert.Equal(Panel, critics.EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
        var total = (await GetAsync("/api/tools?pageSize=1")).GetProperty("total").GetInt32();
        var counsel = await GetAsync("/api/critics/counsel");
        Assert.Equal("Counsel", counsel.GetProperty("critic").GetProperty("name").GetString());
        Assert.Matches("^[0-9a-f]{12}$", counsel.GetProperty("critic").GetProperty("version").GetString()!);
        var verdicts = counsel.GetProperty("verdicts");
        Assert.Equal(total, verdicts.GetProperty("reviewed").GetInt32());
        Assert.Equal(total, verdicts.GetProperty("ships").GetInt32() + verdicts.GetProperty("skips").GetInt32() + verdicts.GetProperty("noTakes").GetInt32());
    }

    [Fact]
    public async Task An_unknown_critic_is_a_404_problem()
    {
        var response = await app.Client.GetAsync("/api/critics/oracle", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SqlitePanelApiTests(SqliteApp app) : PanelApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresPanelApiTests(PostgresApp app) : PanelApiTests(app), IClassFixture<PostgresApp>;
