using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Cli;

/// <summary>
/// Settings are checked when a command starts, before the database is opened, so these run on
/// SQLite only: a wrong setting stops the start with exit code 2 and a message naming it.
/// </summary>
public sealed class SettingsTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync("sqlite");

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    // The server would listen here if a wrong setting got through; the test kills it after StartTimeout.
    private Task<ProcessResult> ServeAsync(Dictionary<string, string> environment) =>
        ShipwiseProcess.RunWithEnvironmentAsync(_db, environment, StartTimeout, "serve", "--urls", "http://127.0.0.1:0");

    [Theory]
    [InlineData("Llm__Model", "qwen\u0001", "Llm:Model")]
    public async Task A_wrong_setting_stops_serve_with_exit_2_and_names_it(string variable, string value, string setting)
    {
        var result = await ServeAsync(new() { [variable] = value });
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains(setting, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task A_control_character_in_any_setting_is_refused_by_name_by_every_command()
    {
        var result = await ShipwiseProcess.RunWithEnvironmentAsync(_db, new() { ["Smtp__From"] = "Ship\u0007wise <digest@example.org>" }, StartTimeout, "migrate");
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains("Smtp:From", result.Error);
        Assert.Contains("U+0007", result.Error);
    }

    [Fact]
    public async Task An_unknown_command_is_named_and_nothing_starts()
    {
        var result = await ShipwiseProcess.RunWithEnvironmentAsync(_db, [], StartTimeout, "improt", "catalog.json", "--urls", "http://127.0.0.1:0");
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains("unknown command 'improt'", result.Error);
        foreach (var command in new[] { "serve", "migrate", "import", "export", "review", "digest" })
        {
            Assert.Contains(command, result.Error);
        }

        // Settings on the command line are not commands: without a command, serve runs (and stops here on the bad provider).
        foreach (var args in new[] { new[] { "--Database:Provider", "oracle" }, ["--Database:Provider=oracle"], ["Database:Provider=oracle"] })
        {
            var serve = await ShipwiseProcess.RunWithEnvironmentAsync(_db, [], StartTimeout, args);
            Assert.True(serve.ExitCode == 2, $"{string.Join(' ', args)}: exit {serve.ExitCode}: {serve.Error}");
            Assert.Contains("Database:Provider", serve.Error);
            Assert.DoesNotContain("unknown command", serve.Error);
        }
    }


}
