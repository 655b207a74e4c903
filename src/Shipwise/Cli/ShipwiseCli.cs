using System.CommandLine;
using Microsoft.Extensions.Options;
using Shipwise.Hosting;
using Spectre.Console;

namespace Shipwise.Cli;

/// <summary>The `shipwise` command line. `serve` is the default when no command is given.</summary>
public static class ShipwiseCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Shipwise: a catalog of AI tools, reviewed by a panel of seven critics, to help you decide which one to ship with.");
        var serve = ServeCommand.Create();
        root.Add(serve);
        root.Add(MigrateCommand.Create());
        root.Add(ImportCommand.Create());
        root.Add(RefreshCommand.Create());
        root.Add(ExportCommand.Create());
        root.Add(ReviewCommand.Create());
        root.Add(DigestCommand.Create());

        // No command means serve; host settings such as --environment=Production pass straight through to it.
        root.TreatUnmatchedTokensAsErrors = false;
        foreach (var option in serve.Options)
        {
            root.Add(option);
        }

        root.SetAction((parse, ct) => ServeCommand.RunAsync(parse, ct));
        var parseResult = root.Parse(args);
        return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Builds a host without the web server for one-shot commands.</summary>
    internal static IHost BuildCommandHost(ParseResult parse)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = parse.UnmatchedTokens.ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Shipwise", LogLevel.Warning);
        builder.AddShipwise();
        var host = builder.Build();
        return host;
    }

    /// <summary>Standard output as a table-capable console: plain and wide when redirected (logs, pipes, tests), so rows never wrap.</summary>
    internal static IAnsiConsole Output()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>Runs a command body, turning configuration mistakes into a message that names the setting.</summary>
    internal static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Core.Panel.Critics.CriticFileException ex)
        {
            await Console.Error.WriteLineAsync("Critic file error: " + ex.Message);
            await Console.Error.WriteLineAsync("Fix the critic file (see docs/panel.md) or point Panel:CriticsPath at a good set, and run again.");
            return UsageError;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", ex.Failures));
            await Console.Error.WriteLineAsync("Fix the setting in appsettings.json or the matching environment variable (e.g. Database__Provider) and run again.");
            return UsageError;
        }
    }
}
