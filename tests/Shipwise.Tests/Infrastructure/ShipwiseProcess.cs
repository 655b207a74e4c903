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

    public static Task<ProcessResult> RunWithEnvironmentAsync(TestDatabase database, Dictionary<string, string> environment, params string[] args) =>
        RunWithEnvironmentAsync(database, environment, TimeSpan.FromMinutes(3), args);

    /// <summary>Runs to the end, or kills the process (and its children) after <paramref name="timeout"/>: then the exit code is -1.</summary>
    public static Task<ProcessResult> RunWithEnvironmentAsync(TestDatabase database, Dictionary<string, string> environment, TimeSpan timeout, params string[] args) =>
        RunAsync(StartInfo(database, environment, args), timeout);

    /// <summary>Any program (the Nu checker, Lighthouse): runs to the end, or is killed with its children after <paramref name="timeout"/> (exit code -1).</summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new ProcessResult(-1, await output, $"(killed after {timeout.TotalSeconds:0} s)\n" + await error);
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
