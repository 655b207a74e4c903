using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.PanelJobs;

/// <summary>`shipwise review` as a user runs it.</summary>
public abstract class ReviewCommandTests(string provider)
{
    [Fact]
    public async Task Reviewing_everything_prints_a_summary_and_a_second_run_costs_nothing()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        var env = new Dictionary<string, string> { ["Panel__CriticsPath"] = RepoPaths.CriticsFolder };
        Assert.Equal(0, (await ShipwiseProcess.RunWithEnvironmentAsync(db, env, "import", RepoPaths.FixtureCatalog)).ExitCode);

        var first = await ShipwiseProcess.RunWithEnvironmentAsync(db, env, "review", "--all");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Panel run (evidence reviewer)", first.Output);
        foreach (var critic in new[] { "Builder", "Skeptic", "Futurist", "Founder", "Creator", "Operator", "Counsel" })
        {
            Assert.Contains(critic, first.Output);
        }

        Assert.Contains("273 reviews written", first.Output);
        Assert.Contains("100%", first.Error);

        var second = await ShipwiseProcess.RunWithEnvironmentAsync(db, env, "review", "--all");
        Assert.Contains("0 reviews written", second.Output);
        Assert.Contains("273 were already up to date", second.Output);

        var forced = await ShipwiseProcess.RunWithEnvironmentAsync(db, env, "review", "--tool", "smolvlm2-2b", "--tool", "vllm", "--force");
        Assert.Contains("14 reviews written", forced.Output);
    }

    [Theory]
    [InlineData(new[] { "review" }, "--all, or --tool SLUG")]
    [InlineData(new[] { "review", "--all", "--tool", "vllm" }, "either --all or --tool")]
    [InlineData(new[] { "review", "--tool", "no-such-tool" }, "no-such-tool")]
    [InlineData(new[] { "review", "--all", "--reviewer", "llm" }, "Llm:BaseUrl")]
    public async Task Bad_arguments_are_named_and_change_nothing(string[] args, string message)
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        var env = new Dictionary<string, string> { ["Panel__CriticsPath"] = RepoPaths.CriticsFolder };
        await ShipwiseProcess.RunWithEnvironmentAsync(db, env, "import", RepoPaths.FixtureCatalog);
        var result = await ShipwiseProcess.RunWithEnvironmentAsync(db, env, args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task A_broken_critic_file_stops_the_command_and_names_the_file()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        var folder = Directory.CreateTempSubdirectory("critics").FullName;
        foreach (var file in Directory.GetFiles(RepoPaths.CriticsFolder, "*.yaml"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var founder = Path.Combine(folder, "founder.yaml");
        await File.WriteAllTextAsync(founder, (await File.ReadAllTextAsync(founder, TestContext.Current.CancellationToken)).Replace("shipBar: 55", "shipBar: 140"), TestContext.Current.CancellationToken);
        var result = await ShipwiseProcess.RunWithEnvironmentAsync(db, new() { ["Panel__CriticsPath"] = folder }, "review", "--all");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("founder.yaml", result.Error);
    }
}

public sealed class SqliteReviewCommandTests() : ReviewCommandTests("sqlite");

public sealed class PostgresReviewCommandTests() : ReviewCommandTests("postgres");
