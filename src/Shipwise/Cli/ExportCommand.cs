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
            using var host = ShipwiseCli.BuildCommandHost(parse);
            await host.Services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken: ct);
            var exporter = host.Services.GetRequiredService<CatalogExporter>();

            // Write to a temporary file and move it into place, so a failed export never leaves half a file.
            var target = file?.FullName;
            var temporary = target is null ? null : target + ".partial";
            int count;
            await using (var output = temporary is null ? Console.OpenStandardOutput() : System.IO.File.Create(temporary))
            {
                count = format == "csv" ? await exporter.ExportCsvAsync(output, ct) : await exporter.ExportJsonAsync(output, ct);
            }

            if (temporary is not null)
            {
                System.IO.File.Move(temporary, target!, overwrite: true);
                Console.Error.WriteLine($"Exported {count} tools to {target}.");
            }

            return ShipwiseCli.Ok;
        }));
        return command;
    }
}
