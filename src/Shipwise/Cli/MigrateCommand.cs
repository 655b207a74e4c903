using System.CommandLine;
using Shipwise.Data;

namespace Shipwise.Cli;

internal static class MigrateCommand
{
    private static readonly Option<int?> To = new("--to")
    {
        Description = "Stop at this schema version (default: the newest).",
    };

    public static Command Create()
    {
        var command = new Command("migrate", "Apply database migrations (SQLite or PostgreSQL, per Database:Provider).") { To };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => ShipwiseCli.GuardAsync(async () =>
        {
            using var host = ShipwiseCli.BuildCommandHost(parse);
            var runner = host.Services.GetRequiredService<MigrationRunner>();
            var applied = await runner.MigrateAsync(parse.GetValue(To), ct);
            foreach (var migration in applied)
            {
                Console.WriteLine($"applied {migration.Version:0000} {migration.Name}");
            }

            Console.WriteLine($"Schema is at version {await runner.CurrentVersionAsync(ct)} ({(applied.Count == 0 ? "already up to date" : $"{applied.Count} applied")}).");
            return ShipwiseCli.Ok;
        }));
        return command;
    }
}
