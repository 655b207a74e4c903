using System.CommandLine;
using System.Diagnostics;
using Shipwise.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Data;
using Shipwise.Panel;
using Spectre.Console;

namespace Shipwise.Cli;

internal static class ReviewCommand
{
    private static readonly Option<string[]> Tools = new("--tool")
    {
        Description = "Review this tool (slug or alias). Repeat for several.",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<bool> All = new("--all") { Description = "Review every tool in the catalog." };

    private static readonly Option<string?> Reviewer = new("--reviewer")
    {
        Description = "evidence (offline, deterministic) or llm (needs Llm:BaseUrl and Llm:Model). Default: Panel:Reviewer, else llm when configured, else evidence.",
    };

    private static readonly Option<bool> Force = new("--force") { Description = "Review again even when nothing changed since the last review." };

    private static readonly Option<bool> Disputed = new("--disputed") { Description = "List LLM reviews held back: their verdict differs from the evidence review's, they lift the score across the ship bar, or they differ by more than Panel:DisputeMargin." };

    private static readonly Option<long?> Approve = new("--approve") { Description = "With --disputed: publish this disputed review (by id) in place of the evidence review." };

    private static readonly Option<long?> Reject = new("--reject") { Description = "With --disputed: reject this disputed review (by id); the evidence review stays." };

    public static Command Create()
    {
        Reviewer.AcceptOnlyFromAmong("evidence", "llm");
        var command = new Command("review", "Have the panel review tools. Unchanged tools cost nothing: a review is redone only when the tool's facts, the critic or the model changed.")
        {
            Tools, All, Reviewer, Force, Disputed, Approve, Reject,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => ShipwiseCli.GuardAsync(async () =>
        {
            using var host = ShipwiseCli.BuildCommandHost(parse);
            await host.Services.GetRequiredService<MigrationRunner>().EnsureCurrentAsync(ct);
            return parse.GetValue(Disputed) || parse.GetValue(Approve) is not null || parse.GetValue(Reject) is not null
                ? await DisputedAsync(parse, host.Services, ct)
                : await ReviewAsync(parse, host.Services, ct);
        }));
        return command;
    }

    private static async Task<int> ReviewAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var names = parse.GetValue(Tools) ?? [];
        var all = parse.GetValue(All);
        if (all == (names.Length > 0))
        {
            await Console.Error.WriteLineAsync(all
                ? "Use either --all or --tool, not both."
                : "Say which tools to review: --all, or --tool SLUG (repeatable). Example: shipwise review --tool mistral-medium-3");
            return ShipwiseCli.UsageError;
        }

        IReadOnlyCollection<long>? toolIds = null;
        if (!all)
        {
            var (ids, unknown) = await services.GetRequiredService<CatalogQueries>().ResolveAsync(names, cancellationToken);
            if (unknown.Count > 0)
            {
                await Console.Error.WriteLineAsync($"No tool has the slug or alias: {string.Join(", ", unknown)}. Find slugs with `shipwise export` or GET /api/tools?q=NAME.");
                return ShipwiseCli.UsageError;
            }

            toolIds = ids;
        }

        var scheduler = services.GetRequiredService<PanelScheduler>();
        var jobs = services.GetRequiredService<ReviewJobStore>();
        var processor = services.GetRequiredService<PanelProcessor>();
        var reviewer = parse.GetValue(Reviewer) ?? scheduler.DefaultReviewer;
        try
        {
            await scheduler.EnqueueAsync(toolIds, parse.GetValue(Force), reviewer, cancellationToken);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("Llm:BaseUrl", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ShipwiseCli.UsageError;
        }

        var counts = await jobs.CountAsync(toolIds, cancellationToken);
        var todo = counts.Pending + counts.Running;
        var node = PanelProcessor.NewNodeName();
        var tally = new Dictionary<string, CriticTally>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        await WithProgressAsync(todo, async advance =>
        {
            await processor.DrainAsync(node, toolIds, batch =>
            {
                foreach (var (job, result) in batch)
                {
                    (tally.TryGetValue(job.CriticSlug, out var t) ? t : tally[job.CriticSlug] = new CriticTally()).Add(result);
                }

                advance(batch.Count);
            }, cancellationToken);
        });

        PrintSummary(tally, services.GetRequiredService<CriticCatalog>(), reviewer, counts.Done + counts.Failed, clock.Elapsed);
        return tally.Values.Any(t => t.Failed > 0) ? ShipwiseCli.Failed : ShipwiseCli.Ok;
    }

    private static async Task WithProgressAsync(long total, Func<Action<int>, Task> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            long done = 0, lastDecile = 0;
            await work(n =>
            {
                done += n;
                var decile = total == 0 ? 10 : Math.Min(10, done * 10 / total);
                if (decile > lastDecile)
                {
                    lastDecile = decile;
                    Console.Error.WriteLine($"  {decile * 10}% ({done:N0} of {total:N0} reviews)");
                }
            });
            return;
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Reviewing ({total:N0} reviews)", maxValue: Math.Max(1, total));
                await work(n => task.Increment(n));
                task.Value = task.MaxValue;
            });
    }

    /// <summary>Counts per critic, kept as batches finish so a 700,000-review run holds no list of results.</summary>
    private sealed class CriticTally
    {
        public int Ships { get; private set; }
        public int Skips { get; private set; }
        public int NoTakes { get; private set; }
        public long ScoreSum { get; private set; }
        public int Scored { get; private set; }
        public int Disputed { get; private set; }
        public int Failed { get; private set; }
        public int Retrying { get; private set; }
        public int Stale { get; private set; }

        public void Add(JobResult result)
        {
            switch (result.Outcome)
            {
                case JobOutcome.Published:
                    Ships += result.Verdict == Verdict.Ship ? 1 : 0;
                    Skips += result.Verdict == Verdict.Skip ? 1 : 0;
                    NoTakes += result.Verdict == Verdict.NoTake ? 1 : 0;
                    if (result.Score is { } score)
                    {
                        ScoreSum += score;
                        Scored++;
                    }

                    break;
                case JobOutcome.Disputed:
                    Disputed++;
                    break;
                case JobOutcome.Failed:
                    Failed++;
                    break;
                case JobOutcome.Retrying:
                    Retrying++;
                    break;
                default:
                    Stale++;
                    break;
            }
        }
    }

    private static void PrintSummary(Dictionary<string, CriticTally> tally, CriticCatalog critics, string reviewer, long alreadyDone, TimeSpan elapsed)
    {
        var table = new Table().Title($"Panel run ({reviewer} reviewer)")
            .AddColumns("Critic", "Ship", "Skip", "No take", "Mean score", "Disputed", "Failed", "Retrying");
        foreach (var critic in critics.All)
        {
            var t = tally.GetValueOrDefault(critic.Slug) ?? new CriticTally();
            table.AddRow(
                Markup.Escape(critic.Name),
                t.Ships.ToString("N0"),
                t.Skips.ToString("N0"),
                t.NoTakes.ToString("N0"),
                t.Scored == 0 ? "–" : (t.ScoreSum / (double)t.Scored).ToString("0.0"),
                t.Disputed.ToString("N0"),
                t.Failed.ToString("N0"),
                t.Retrying.ToString("N0"));
        }

        var console = ShipwiseCli.Output();
        console.Write(table);
        var written = tally.Values.Sum(t => t.Ships + t.Skips + t.NoTakes + t.Disputed);
        console.WriteLine(
            $"{written:N0} reviews written in {elapsed.TotalSeconds:0.0} s; {alreadyDone:N0} were already up to date (no work, no model calls); " +
            $"{tally.Values.Sum(t => t.Stale):N0} superseded by newer facts.");
        if (tally.Values.Any(t => t.Disputed > 0))
        {
            console.WriteLine("Some LLM reviews were held back as disputed: see them with `shipwise review --disputed`.");
        }

        if (tally.Values.Any(t => t.Retrying > 0))
        {
            console.WriteLine("Some reviews failed and will be retried with backoff by `shipwise serve` or the next `shipwise review`.");
        }
    }

    private static async Task<int> DisputedAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ReviewStore>();
        var (approve, reject) = (parse.GetValue(Approve), parse.GetValue(Reject));
        if (approve is not null && reject is not null)
        {
            await Console.Error.WriteLineAsync("Use either --approve or --reject, not both.");
            return ShipwiseCli.UsageError;
        }

        if ((approve ?? reject) is { } id)
        {
            try
            {
                var decided = await store.DecideAsync(id, approve is not null, cancellationToken);
                Console.WriteLine(approve is not null
                    ? $"Published review {id}: {decided.CriticSlug} on {decided.ToolSlug} now shows the LLM review ({decided.Score?.ToString() ?? "no take"})."
                    : $"Rejected review {id}: {decided.CriticSlug} on {decided.ToolSlug} keeps its evidence review.");
                return ShipwiseCli.Ok;
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return ShipwiseCli.UsageError;
            }
        }

        var disputed = await store.DisputedAsync(cancellationToken);
        if (disputed.Count == 0)
        {
            Console.WriteLine("No disputed reviews.");
            return ShipwiseCli.Ok;
        }

        var table = new Table().AddColumns("Id", "Tool", "Critic", "LLM", "Evidence", "Model", "Written");
        foreach (var r in disputed)
        {
            table.AddRow(
                r.Id.ToString(), Markup.Escape(r.ToolSlug), Markup.Escape(r.CriticSlug),
                $"{r.Score?.ToString() ?? "–"} {r.Verdict.ToWire()}", r.EvidenceScore?.ToString() ?? "no take",
                Markup.Escape(r.Model ?? ""), r.CreatedAt.ToString("yyyy-MM-dd HH:mm"));
        }

        ShipwiseCli.Output().Write(table);
        Console.WriteLine("Publish one with `shipwise review --disputed --approve ID`, or keep the evidence review with `--reject ID`.");
        return ShipwiseCli.Ok;
    }
}
