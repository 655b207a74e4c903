using System.CommandLine;
using System.Globalization;
using Shipwise.Core.Catalog.Sources;
using Shipwise.Data;
using Shipwise.Sources;
using Shipwise.Sources.Connectors;

namespace Shipwise.Cli;

/// <summary>`shipwise import --from litellm|openrouter|huggingface SOURCE… [--dry-run]`.</summary>
internal static class SourceImportCommand
{
    private static readonly Option<string?> From = new("--from")
    {
        Description = "Read a public source into the catalog's tools: litellm (model_prices_and_context_window.json), openrouter (its /api/v1/models answer) or huggingface (model ids).",
    };

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "With --from: print what would change, per tool and fact, and write nothing." };

    private static readonly Option<string?> Name = new("--name") { Description = "With --from: the source's name in the operator view and review lists (default: the connector's name)." };

    private static readonly Option<string?> SourceUrl = new("--source-url")
    {
        Description = "With --from and a file: the address facts name as their source, e.g. the file on GitHub at the commit it was taken from.",
    };

    private static readonly Option<string?> AsOf = new("--as-of") { Description = "With --from: the date (yyyy-MM-dd) the data is as of, when known better than the source says (default: the source's date, else today)." };

    private static readonly Option<string?> BaseUrl = new("--base-url") { Description = "With --from huggingface: the Hub's address (default https://huggingface.co)." };

    public static void AddOptions(Command command)
    {
        From.AcceptOnlyFromAmong([.. SourceLabels.Connector.All]);
        command.Add(From);
        command.Add(DryRun);
        command.Add(Name);
        command.Add(SourceUrl);
        command.Add(AsOf);
        command.Add(BaseUrl);
    }

    public static bool IsSourceImport(ParseResult parse) => parse.GetValue(From) is not null;

    public static async Task<int> RunAsync(ParseResult parse, IReadOnlyList<string> locations, CancellationToken cancellationToken)
    {
        var from = parse.GetValue(From)!;
        DateOnly? asOf = null;
        if (parse.GetValue(AsOf) is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                await Console.Error.WriteLineAsync($"--as-of '{text}' is not a date like 2026-07-20.");
                return ShipwiseCli.UsageError;
            }

            asOf = day;
        }

        var request = new SourceRequest(parse.GetValue(Name) ?? from, from, locations, parse.GetValue(SourceUrl), asOf, parse.GetValue(BaseUrl));
        var dryRun = parse.GetValue(DryRun);
        using var host = ShipwiseCli.BuildCommandHost(parse);
        await host.Services.GetRequiredService<MigrationRunner>().EnsureCurrentAsync(cancellationToken);
        var importer = host.Services.GetRequiredService<SourceImporter>();
        try
        {
            var report = await importer.RunAsync(request, dryRun, "import", Environment.MachineName + " (shipwise import)", cancellationToken);
            SourceReportText.Write(Console.Out, report, detailed: dryRun);
            return ShipwiseCli.Ok;
        }
        catch (SourceException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync("Nothing was written to the catalog.");
            return ShipwiseCli.Failed;
        }
    }
}
