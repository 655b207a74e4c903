using System.CommandLine;
using Shipwise.Catalog;
using Shipwise.Data;

namespace Shipwise.Cli;

internal static class ExportCommand
{
    private static readonly Option<FileInfo?> Out = new("--out")
    {
        Description = "Write to this file instead of standard output. The format follows the extension (.json or .csv) unless --format says otherwise.",
    };

    private static readonly Option<string?> Format = new("--format")
    {
        Description = "json (the catalog format, lossless) or csv (flat fields only).",
    };

    public static Command Create()
    {
        Format.AcceptOnlyFromAmong("json", "csv");
        var command = new Command("export", "Write the whole catalog as JSON (lossless, re-importable) or CSV.") { Out, Format };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => ShipwiseCli.GuardAsync(async () =>
        {
            var file = parse.GetValue(Out);
            var format = parse.GetValue(Format) ?? (file?.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) == true ? "csv" : "json");
            ExportTarget? target = null;
            if (file is not null)
            {
                target = ExportTarget.Resolve(file.ToString(), out var problem);
                if (problem is not null)
                {
                    await Console.Error.WriteLineAsync(problem);
                    return ShipwiseCli.Failed;
                }
            }

            using var host = ShipwiseCli.BuildCommandHost(parse);
            await host.Services.GetRequiredService<MigrationRunner>().EnsureCurrentAsync(ct);
            var exporter = host.Services.GetRequiredService<CatalogExporter>();

            string? temporary = null;
            try
            {
                int count;
                await using (var output = target is null ? Console.OpenStandardOutput() : target.Open(out temporary))
                {
                    count = format == "csv" ? await exporter.ExportCsvAsync(output, ct) : await exporter.ExportJsonAsync(output, ct);
                }

                if (temporary is not null)
                {
                    System.IO.File.Move(temporary, target!.Path, overwrite: true);
                }

                if (target is not null)
                {
                    Console.Error.WriteLine($"Exported {count} tools to {target.Path}.");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (temporary is not null)
                {
                    System.IO.File.Delete(temporary);
                }

                await Console.Error.WriteLineAsync($"Could not write {target?.Path ?? "standard output"}: {ex.Message}");
                return ShipwiseCli.Failed;
            }

            return ShipwiseCli.Ok;
        }));
        return command;
    }
}
