using System.CommandLine;
using Shipwise.Catalog;
using Shipwise.Data;
using Spectre.Console;

namespace Shipwise.Cli;

internal static class ImportCommand
{
    private static readonly Argument<string[]> Files = new("FILE")
    {
        Description = "A catalog file: .json (the catalog format, see schema/catalog.schema.json and docs/catalog.md) or .csv (flat fields), or a folder of .json files imported together. "
            + "With --from: the source's file or URL (LiteLLM, OpenRouter), or Hugging Face model ids.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Command Create()
    {
        var command = new Command("import", "Add or update tools from a file, matched by slug or alias. All or nothing: an invalid file changes nothing. "
            + "With --from, read a public source (LiteLLM, OpenRouter, Hugging Face) into the tools already in the catalog.") { Files };
        SourceImportCommand.AddOptions(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => ShipwiseCli.GuardAsync(async () =>
        {
            if (SourceImportCommand.IsSourceImport(parse))
            {
                return await SourceImportCommand.RunAsync(parse, parse.GetValue(Files)!, ct);
            }

            var files = parse.GetValue(Files)!;
            if (files.Length != 1)
            {
                await Console.Error.WriteLineAsync("Give one catalog file or folder (or --from litellm|openrouter|huggingface to read a source).");
                return ShipwiseCli.UsageError;
            }

            var file = new FileInfo(files[0]);
            using var host = ShipwiseCli.BuildCommandHost(parse);
            await host.Services.GetRequiredService<MigrationRunner>().EnsureCurrentAsync(ct);
            var importer = host.Services.GetRequiredService<CatalogImporter>();
            try
            {
                var started = System.Diagnostics.Stopwatch.StartNew();
                var result = await WithProgressAsync(progress => importer.ImportFileAsync(file.FullName, progress, ct));
                Console.WriteLine(
                    $"Imported {file.Name}: {result.Read} tools read, {result.Inserted} added, {result.Updated} updated, {result.Unchanged} unchanged"
                    + (result.GroupsChanged > 0 ? $"; {result.GroupsChanged} groups added or changed" : "")
                    + $" in {started.Elapsed.TotalSeconds:0.0} s.");
                return ShipwiseCli.Ok;
            }
            catch (ImportException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                await Console.Error.WriteLineAsync("Fix the file and run the import again; the catalog was left as it was.");
                return ShipwiseCli.Failed;
            }
        }));
        return command;
    }

    /// <summary>A live bar on a terminal; a line every 10% when output is redirected (CI logs, pipes).</summary>
    private static async Task<ImportResult> WithProgressAsync(Func<IProgress<ImportProgress>, Task<ImportResult>> import)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsErrorRedirected)
        {
            var lastDecile = 0;
            return await import(new SyncProgress(p =>
            {
                var decile = p.BytesTotal == 0 ? 10 : (int)(p.BytesDone * 10 / p.BytesTotal);
                if (decile > lastDecile && p.ToolsRead >= 1000)
                {
                    lastDecile = decile;
                    Console.Error.WriteLine($"  {decile * 10}% ({p.ToolsRead:N0} tools read)");
                }
            }));
        }

        ImportResult? result = null;
        await AnsiConsole.Progress().StartAsync(async context =>
        {
            var task = context.AddTask("Importing", maxValue: 1);
            result = await import(new SyncProgress(p =>
            {
                task.MaxValue = Math.Max(1, p.BytesTotal);
                task.Value = p.BytesDone;
                task.Description = $"Importing ({p.ToolsRead:N0} tools)";
            }));
            task.Value = task.MaxValue;
        });
        return result!;
    }

    // Progress<T> posts to the thread pool; reporting inline keeps the bar in step and the order stable.
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
