using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shipwise.Hosting;
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
    [InlineData("Site__ChangePollMilliseconds", "0", "Site:ChangePollMilliseconds")]
    [InlineData("Site__ChangePollMilliseconds", "-1", "Site:ChangePollMilliseconds")]
    [InlineData("Site__CacheSizeMegabytes", "-1", "Site:CacheSizeMegabytes")]
    [InlineData("Community__NewAccountDelayHours", "NaN", "Community:NewAccountDelayHours")]
    [InlineData("Startup__Migrate", "maybe", "Startup:Migrate")]
    [InlineData("Llm__Model", "qwen\u0001", "Llm:Model")]
    public async Task A_wrong_setting_stops_serve_with_exit_2_and_names_it(string variable, string value, string setting)
    {
        var result = await ServeAsync(new() { [variable] = value });
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains(setting, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task A_directory_as_the_sqlite_file_stops_the_start_with_exit_2()
    {
        var folder = Directory.CreateTempSubdirectory("shipwise-db-folder").FullName;
        try
        {
            foreach (var command in new[] { "serve", "migrate" })
            {
                var result = await ShipwiseProcess.RunWithEnvironmentAsync(
                    _db, new() { ["Database__ConnectionString"] = $"Data Source={folder}" }, StartTimeout, command, "--urls", "http://127.0.0.1:0");
                Assert.True(result.ExitCode == 2, $"{command}: exit {result.ExitCode}: {result.Error}");
                Assert.Contains("Database:ConnectionString", result.Error);
                Assert.Contains("directory", result.Error);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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

    /// <summary>
    /// Every number any options class reads (found by reflection over the sections the app binds),
    /// set on its own to a value no setting can mean, is refused at start with its full name.
    /// </summary>
    [Theory]
    [InlineData("-1", "NaN")]
    [InlineData("-1", "-1")]
    [InlineData("-2147483648", "Infinity")]
    public void Every_numeric_setting_is_checked_at_start_by_name(string wholeNumber, string fraction)
    {
        var settings = NumericSettings().ToList();
        Assert.Contains(settings, s => s.Key == "Site:ChangePollMilliseconds");
        var missed = new List<string>();
        foreach (var setting in settings)
        {
            var failures = StartupFailures([$"--{setting.Key}={(setting.IsWhole ? wholeNumber : fraction)}", "--Database:ConnectionString=" + _db.ConnectionString]);
            if (!failures.Contains(setting.Key + " ", StringComparison.Ordinal) && !failures.Contains(setting.Key + "'", StringComparison.Ordinal))
            {
                missed.Add($"{setting.Key}: {(failures.Length == 0 ? "accepted" : failures)}");
            }
        }

        Assert.True(missed.Count == 0, "Not refused by name:\n" + string.Join("\n", missed));
    }

    private static string StartupFailures(string[] args)
    {
        var app = ShipwiseHost.BuildWebApp(args);
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return "";
        }
        catch (OptionsValidationException ex)
        {
            return string.Join("\n", ex.Failures);
        }
        catch (AggregateException ex)
        {
            return string.Join("\n", ex.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures));
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }

    private sealed record NumericSetting(string Key, bool IsWhole);

    private static IEnumerable<NumericSetting> NumericSettings()
    {
        foreach (var type in typeof(Program).Assembly.GetTypes())
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.GetValue(null) is string section
                && type.GetConstructor(Type.EmptyTypes) is not null)
            {
                foreach (var setting in Walk(type, section))
                {
                    yield return setting;
                }
            }
        }
    }

    private static IEnumerable<NumericSetting> Walk(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var key = $"{prefix}:{property.Name}";
            if (propertyType == typeof(int) || propertyType == typeof(long))
            {
                yield return new NumericSetting(key, true);
            }
            else if (propertyType == typeof(double) || propertyType == typeof(float) || propertyType == typeof(decimal))
            {
                yield return new NumericSetting(key, false);
            }
            else if (propertyType.IsClass && propertyType.Namespace?.StartsWith("Shipwise", StringComparison.Ordinal) == true && propertyType.GetConstructor(Type.EmptyTypes) is not null)
            {
                foreach (var nested in Walk(propertyType, key))
                {
                    yield return nested;
                }
            }
        }
    }
}
