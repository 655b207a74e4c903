using System.Diagnostics;

namespace Shipwise.Tests.Infrastructure;

public sealed record ProcessResult(int ExitCode, string Output, string Error);

/// <summary>Runs the real `shipwise` executable, as a user would, against a test database.</summary>
public static class ShipwiseProcess
{
    public static Task<ProcessResult> RunAsync(TestDatabase database, params string[] args) =>
        RunWithEnvironmentAsync(database, [], args);

    /// <summary>How to start `shipwise` on a test database, output redirected; the environment wins over the defaults.</summary>
    public static ProcessStartInfo StartInfo(TestDatabase database, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Database__Provider"] = database.Provider;
        start.Environment["Database__ConnectionString"] = database.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    public static async Task<ProcessResult> RunWithEnvironmentAsync(TestDatabase database, Dictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(database, environment, args);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
