using System.CommandLine;
using Shipwise.Data;
using Shipwise.Sources;

namespace Shipwise.Cli;

/// <summary>`shipwise refresh [--source NAME…] [--dry-run]`: runs the sources in Catalog:Sources now.</summary>
internal static class RefreshCommand
{
    private static readonly Option<string[]> Sources = new("--source") { Description = "Refresh only this source (a Catalog:Sources name). Repeat for several." };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Print what would change and write nothing." };

    public static Command Create()
    {
        var command = new Command("refresh", "Read every source in Catalog:Sources (LiteLLM, OpenRouter, Hugging Face) and update the catalog's facts; one failing source does not stop the others.")
        {
            Sources, DryRun,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => ShipwiseCli.GuardAsync(async () =>
        {
            using var host = ShipwiseCli.BuildCommandHost(parse);
            var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Catalog.CatalogOptions>>().Value;
            var names = parse.GetValue(Sources) is { Length: > 0 } chosen ? chosen : null;
            if (options.Sources.Count == 0)
            {
                await Console.Error.WriteLineAsync("No sources are configured. Add them under Catalog:Sources (see README), e.g. Catalog__Sources__0__From=openrouter Catalog__Sources__0__Location=https://openrouter.ai/api/v1/models");
                return ShipwiseCli.UsageError;
            }

            var unknown = (names ?? []).Where(n => !options.Sources.Any(s => string.Equals(s.EffectiveName, n, StringComparison.OrdinalIgnoreCase))).ToList();
            if (unknown.Count > 0)
            {
                await Console.Error.WriteLineAsync($"No source is named {string.Join(", ", unknown)}; configured: {string.Join(", ", options.Sources.Select(s => s.EffectiveName))}.");
                return ShipwiseCli.UsageError;
            }

            await host.Services.GetRequiredService<MigrationRunner>().EnsureCurrentAsync(ct);
            var dryRun = parse.GetValue(DryRun);
            var outcomes = await host.Services.GetRequiredService<SourceRefresh>()
                .RunAsync(names, dryRun, onlyDue: false, "refresh", Environment.MachineName + " (shipwise refresh)", ct);
            foreach (var outcome in outcomes)
            {
                if (outcome.Report is { } report)
                {
                    SourceReportText.Write(Console.Out, report, detailed: dryRun);
                }
                else if (outcome.Error is { } error)
                {
                    await Console.Error.WriteLineAsync($"{outcome.Source}: failed, nothing written. {error}");
                }
                else
                {
                    Console.WriteLine($"{outcome.Source}: skipped, {outcome.NotRun}.");
                }
            }

            return outcomes.Any(o => o.Error is not null) ? ShipwiseCli.Failed : ShipwiseCli.Ok;
        }));
        return command;
    }
}
