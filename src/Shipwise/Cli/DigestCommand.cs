using System.CommandLine;
using Shipwise.Data;
using Shipwise.Digest;
using Spectre.Console;

namespace Shipwise.Cli;

internal static class DigestCommand
{
    public static Command Create()
    {
        var send = new Command(
            "send",
            "Mail this week's digest of new and changed verdicts to every confirmed subscriber. Safe to run again: " +
            "a second run, or a run after a crash, mails only the subscribers who have not got it yet, and retries failed deliveries.");
        send.TreatUnmatchedTokensAsErrors = false;
        send.SetAction((parse, ct) => ShipwiseCli.GuardAsync(async () =>
        {
            using var host = ShipwiseCli.BuildCommandHost(parse);
            await host.Services.GetRequiredService<MigrationRunner>().EnsureCurrentAsync(ct);
            return await SendAsync(host.Services, ct);
        }));

        var digest = new Command("digest", "The weekly email digest (subscribers sign up at /subscribe; operators preview it at /operator/digest).") { send };
        digest.TreatUnmatchedTokensAsErrors = false;
        return digest;
    }

    private static async Task<int> SendAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var sender = services.GetRequiredService<DigestSender>();
        DigestRun run;
        try
        {
            run = await WithProgressAsync(progress => sender.SendAsync(Panel.PanelProcessor.NewNodeName(), scheduled: false, progress, cancellationToken));
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("Smtp:", StringComparison.Ordinal) || ex.Message.Contains("Shipwise:PublicUrl", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ShipwiseCli.UsageError;
        }

        var console = ShipwiseCli.Output();
        var counts = run.Counts;
        if (run.Items == 0)
        {
            console.WriteLine($"Digest {run.Week}: no new or changed verdicts in its period, so nothing was mailed.");
            return ShipwiseCli.Ok;
        }

        console.WriteLine(
            $"Digest {run.Week} ({run.Items:N0} verdicts): {run.SentNow:N0} mailed by this run, {counts.Sent:N0} of {counts.Total:N0} subscribers have it" +
            (counts.Skipped > 0 ? $"; {counts.Skipped:N0} unsubscribed before it reached them." : "."));
        if (run.Failures.Count > 0)
        {
            var table = new Table().Title("Not delivered").AddColumns("Subscriber", "Status", "Attempts", "Last error");
            foreach (var failure in run.Failures)
            {
                table.AddRow(Markup.Escape(failure.Email), failure.Status, failure.Attempts.ToString("N0"), Markup.Escape(failure.Error ?? ""));
            }

            console.Write(table);
            await Console.Error.WriteLineAsync(
                $"{run.Failures.Count:N0} deliveries failed. Run `shipwise digest send` again to retry the failed ones (rejected addresses are not retried); " +
                "subscribers who have the digest do not get it twice.");
            return ShipwiseCli.Failed;
        }

        if (counts.Pending + counts.Sending > 0)
        {
            await Console.Error.WriteLineAsync($"{counts.Pending + counts.Sending:N0} deliveries are still open (another sender holds them). Run `shipwise digest send` again to finish.");
            return ShipwiseCli.Failed;
        }

        return ShipwiseCli.Ok;
    }

    private static async Task<DigestRun> WithProgressAsync(Func<Action<DigestProgress>, Task<DigestRun>> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
        {
            long lastDecile = 0;
            return await work(p =>
            {
                var decile = p.Total == 0 ? 10 : Math.Min(10, p.Done * 10 / p.Total);
                if (decile > lastDecile)
                {
                    lastDecile = decile;
                    Console.Error.WriteLine($"  {decile * 10}% ({p.Done:N0} of {p.Total:N0} mails)");
                }
            });
        }

        DigestRun? run = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Mailing the digest", maxValue: 1);
                run = await work(p =>
                {
                    task.Description = $"Mailing the digest ({p.Total:N0} mails)";
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                });
                task.Value = task.MaxValue;
            });
        return run!;
    }
}
