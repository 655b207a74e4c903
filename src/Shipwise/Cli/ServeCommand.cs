using System.CommandLine;
using Shipwise.Hosting;

namespace Shipwise.Cli;

internal static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls")
    {
        Description = "Addresses to listen on, e.g. http://127.0.0.1:5080 (default http://localhost:5000).",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Run the web site and JSON API (the default command). Migrates and loads the demo catalog on first start with SQLite.")
        {
            Urls,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(RunAsync);
        return command;
    }

    public static Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken) => ShipwiseCli.GuardAsync(async () =>
    {
        var args = parse.UnmatchedTokens.ToList();
        if (parse.GetValue(Urls) is { } urls)
        {
            args.Add($"--urls={urls}");
        }

        await using var app = ShipwiseHost.BuildWebApp(args.ToArray());
        await app.RunAsync();
        return ShipwiseCli.Ok;
    });
}
