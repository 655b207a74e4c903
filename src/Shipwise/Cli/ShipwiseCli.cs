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

        root.SetAction(async (parse, ct) =>
        {
            if (UnknownCommand(parse.UnmatchedTokens) is { } unknown)
            {
                var commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
                await Console.Error.WriteLineAsync($"shipwise: unknown command '{unknown}'. The commands are: {commands}. See shipwise --help.");
                return UsageError;
            }

            return await ServeCommand.RunAsync(parse, ct);
        });
        var parseResult = root.Parse(args);
        return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// A word where a command goes that is none of ours ("improt"). Settings pass through to serve:
    /// --key=value, --key value, /key value and key=value are the configuration's command-line forms.
    /// </summary>
    internal static string? UnknownCommand(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.StartsWith('-') || token.StartsWith('/'))
            {
                if (!token.Contains('=', StringComparison.Ordinal))
                {
                    i++;
                }
            }
            else if (!token.Contains('=', StringComparison.Ordinal))
            {
                return token;
            }
        }

        return null;
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

        // Commands build the host without starting it, so the checks `serve` runs at start run here:
        // every command refuses a wrong setting before it does anything.
        host.Services.GetService<IStartupValidator>()?.Validate();
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
        catch (Exception ex) when (SchemaProblem(ex) is { } schema)
        {
            await Console.Error.WriteLineAsync("Database error: " + schema.Message);
            return UsageError;
        }
        catch (Core.Panel.Critics.CriticFileException ex)
        {
            await Console.Error.WriteLineAsync("Critic file error: " + ex.Message);
            await Console.Error.WriteLineAsync("Fix the critic file (see docs/panel.md) or point Panel:CriticsPath at a good set, and run again.");
            return UsageError;
        }
        catch (Exception ex) when (ConfigurationProblems(ex) is { Count: > 0 } problems)
        {
            await Console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", problems));
            await Console.Error.WriteLineAsync("Fix the setting in appsettings.json or the matching environment variable (e.g. Database__Provider) and run again.");
            return UsageError;
        }
    }

    /// <summary>The database is not at this build's schema (not migrated, too new, or an applied migration edited).</summary>
    internal static Data.DatabaseSchemaException? SchemaProblem(Exception exception) => exception switch
    {
        Data.DatabaseSchemaException schema => schema,
        AggregateException aggregate => aggregate.InnerExceptions.Select(SchemaProblem).FirstOrDefault(e => e is not null),
        _ => null,
    };

    /// <summary>
    /// What a start failed on, when it failed on settings: validation failures (one or several
    /// options classes), or a value the configuration binder could not convert, whose message names the setting.
    /// </summary>
    internal static IReadOnlyList<string> ConfigurationProblems(Exception exception) => exception switch
    {
        OptionsValidationException validation => validation.Failures.ToList(),
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(ConfigurationProblems).ToList(),
        InvalidOperationException binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            [binding.Message],
        _ => [],
    };
}
