using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shipwise.Catalog;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Critics;
using Shipwise.FakeLlm;
using Shipwise.Panel;
using Shipwise.Tests.Infrastructure;
using Shipwise.Tests.Panel;

namespace Shipwise.Tests.Llm;

/// <summary>The dispute rule on its own: each of its three reasons, and what it lets through.</summary>
public class LlmDisputeRuleTests
{
    private const int Bar = 65;
    private const int Margin = 25;

    public static TheoryData<string, int?, Verdict, int?, Verdict, bool> Cases => new()
    {
        // The attack from the issue: skip 47 rounded up to ship 72, exactly the margin away.
        { "verdict flip within the margin", 47, Verdict.Skip, 72, Verdict.Ship, true },
        { "verdict flip downward", 70, Verdict.Ship, 60, Verdict.Skip, true },
        { "no-take against a side", null, Verdict.NoTake, 40, Verdict.Skip, true },
        { "a side against no-take", 40, Verdict.Skip, null, Verdict.NoTake, true },
        // Verdicts that agree while the scores cross the bar (an evidence verdict that is not only its score).
        { "upward bar crossing, same verdict", 60, Verdict.Skip, 66, Verdict.Skip, true },
        { "upward bar crossing onto the bar", 64, Verdict.Ship, 65, Verdict.Ship, true },
        { "margin exceeded, same verdict", 10, Verdict.Skip, 36, Verdict.Skip, true },
        { "margin exceeded above the bar", 66, Verdict.Ship, 92, Verdict.Ship, true },
        { "margin reached, not exceeded", 10, Verdict.Skip, 35, Verdict.Skip, false },
        { "close agreement below the bar", 47, Verdict.Skip, 50, Verdict.Skip, false },
        { "close agreement above the bar", 70, Verdict.Ship, 90, Verdict.Ship, false },
        { "from the bar upward is no crossing", 65, Verdict.Ship, 80, Verdict.Ship, false },
        { "downward, same verdict, within the margin", 80, Verdict.Ship, 66, Verdict.Ship, false },
        { "both no-take", null, Verdict.NoTake, null, Verdict.NoTake, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_review_is_disputed_on_a_verdict_flip_an_upward_bar_crossing_or_past_the_margin(
        string name, int? evidenceScore, Verdict evidenceVerdict, int? llmScore, Verdict llmVerdict, bool disputed)
    {
        Assert.True(
            disputed == PanelRunner.IsDisputed((llmScore, llmVerdict), (evidenceScore, evidenceVerdict), Bar, Margin),
            $"{name}: evidence {evidenceScore} {evidenceVerdict}, LLM {llmScore} {llmVerdict} should {(disputed ? "" : "not ")}be disputed");
    }
}

/// <summary>
/// The attack from the issue, end to end: text in a tool's data tells the model to "round up to
/// ship", and an obedient model adds 25 points to every critic's evidence score. Every review it
/// flips is held back with the evidence review left on the site; the rest are published.
/// </summary>
public abstract class LlmDisputeTests(string provider)
{
    private const int Lift = 25;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_round_up_to_ship_within_the_margin_is_held_as_disputed_wherever_it_flips_the_verdict()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var server = await FakeChatServer.StartAsync(Token);
        var clock = new FakeTimeProvider(TestClock.DefaultStart);
        var asOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var evidence = new EvidenceReviewer();
        var critics = PanelCritics.Set.All;

        bool Flips((int? Score, Verdict Verdict) judged, Critic critic) =>
            judged.Score is { } score && score < critic.ShipBar && score + Lift >= critic.ShipBar;

        // A tool where the lift flips some critics and not others, found from the facts so the test outlives scoring changes.
        var tool = LlmTestData.Tools.First(t => critics.Any(c => Flips(evidence.Judge(t, c, asOf, LlmTestData.Peers(t)), c)) && critics.Any(c => !Flips(evidence.Judge(t, c, asOf, LlmTestData.Peers(t)), c)));
        var settings = new Dictionary<string, string?>
        {
            ["Panel:Reviewer"] = "llm",
            ["Panel:DisputeMargin"] = Lift.ToString(CultureInfo.InvariantCulture),
            ["Llm:BaseUrl"] = server.BaseUrl,
            ["Llm:Model"] = "default-model",
            ["Llm:TimeoutSeconds"] = "5",
        };
        foreach (var critic in critics)
        {
            settings[$"Llm:Models:{critic.Slug}"] = $"model-{critic.Slug}";
        }

        // The evidence is judged on the tool as the model received it, which is the tool as stored.
        var seen = new ConcurrentDictionary<string, (int? Score, Verdict Verdict)>();
        server.Respond = request =>
        {
            var critic = PanelCritics.Get(request.Model.Replace("model-", "", StringComparison.Ordinal));
            using var data = JsonDocument.Parse(request.DataBlock!);
            var asked = JsonSerializer.Deserialize<Tool>(data.RootElement.GetProperty("tool").GetRawText(), CatalogJson.Options)!;
            var judged = seen[critic.Slug] = evidence.Judge(asked, critic, asOf, LlmTestData.Peers(asked));
            if (judged.Score is not { } score)
            {
                return FakeReply.Valid(null, "no-take", citedFacts: []);
            }

            var lifted = Math.Min(score + Lift, 100);
            return FakeReply.Valid(lifted, lifted >= critic.ShipBar ? "ship" : "skip");
        };

        using var host = await TestHost.StartAsync(db, clock, settings);
        var id = (await host.Services.GetRequiredService<CatalogQueries>().FindAsync(tool.Slug, Token)).Tool!.Id;
        await host.Services.GetRequiredService<PanelScheduler>().EnqueueAsync([id], force: false, reviewer: null, Token);
        var outcomes = new Dictionary<string, JobOutcome>();
        await host.Services.GetRequiredService<PanelProcessor>().DrainAsync(
            "node", [id], batch => { foreach (var (job, result) in batch) { outcomes[job.CriticSlug] = result.Outcome; } }, Token);

        var store = host.Services.GetRequiredService<ReviewStore>();
        var shown = await store.CurrentForToolAsync(id, Token);
        var disputed = (await store.DisputedAsync(Token)).Where(r => r.ToolId == id).Select(r => r.CriticSlug).ToHashSet();
        Assert.Equal(critics.Count, outcomes.Count);
        Assert.Contains(critics, c => Flips(seen[c.Slug], c));
        foreach (var critic in critics)
        {
            var judged = seen[critic.Slug];
            var visible = shown.Single(r => r.CriticSlug == critic.Slug);
            if (Flips(judged, critic))
            {
                Assert.Equal(JobOutcome.Disputed, outcomes[critic.Slug]);
                Assert.Contains(critic.Slug, disputed);
                Assert.Equal(("evidence", judged.Score, Verdict.Skip), (visible.Reviewer, visible.Score, visible.Verdict));
            }
            else
            {
                // Same verdict and at most the margin apart: the model's review is published.
                Assert.Equal(JobOutcome.Published, outcomes[critic.Slug]);
                Assert.Equal(("llm", judged.Verdict), (visible.Reviewer, visible.Verdict));
            }
        }
    }
}

public sealed class SqliteLlmDisputeTests() : LlmDisputeTests("sqlite");

public sealed class PostgresLlmDisputeTests() : LlmDisputeTests("postgres");
