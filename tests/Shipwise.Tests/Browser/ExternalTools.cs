namespace Shipwise.Tests.Browser;

/// <summary>
/// Programs and servers outside .NET that some tests need (PostgreSQL, maildev, Chromium, the
/// Nu HTML checker, axe-core, nginx), found through the variables scripts/test.sh exports. The one
/// place that decides what a missing one means: locally (plain `dotnet test`) it skips the test
/// with the reason and how to run it; under CI (CI=true) or scripts/test.sh
/// (SHIPWISE_TEST_STRICT=true) it fails it, so a broken install cannot pass as green.
/// </summary>
public static class ExternalTools
{
    public const string ChromiumVariable = "SHIPWISE_CHROMIUM";
    public const string VnuJarVariable = "SHIPWISE_VNU_JAR";
    public const string AxeVariable = "SHIPWISE_AXE_JS";
    public const string StrictVariable = "SHIPWISE_TEST_STRICT";

    /// <summary>Whether a missing tool fails the test instead of skipping it.</summary>
    public static bool InCi =>
        Environment.GetEnvironmentVariable("CI") == "true" || Environment.GetEnvironmentVariable(StrictVariable) == "true";

    /// <summary>Ends the test: skipped with <paramref name="problem"/> locally, failed under CI or scripts/test.sh.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Missing(string problem)
    {
        if (InCi)
        {
            Assert.Fail(problem + " CI=true (or SHIPWISE_TEST_STRICT=true), so a missing tool is a failure, not a skip.");
        }

        Assert.Skip(problem + " `bash scripts/test.sh` installs and starts it and runs this test.");
    }

    /// <summary>The file a variable names; skips (locally) or fails (in CI) the test when it is not set.</summary>
    public static string Require(string variable, string what)
    {
        var problem = Problem(variable, what);
        if (problem is not null)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 })
            {
                Assert.Fail(problem);
            }

            Missing(problem);
        }

        return Environment.GetEnvironmentVariable(variable)!;
    }

    /// <summary>Why the tool a variable names cannot be used, or null when it can.</summary>
    public static string? Problem(string variable, string what)
    {
        var path = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(path))
        {
            return $"{variable} is not set, so {what} is not available.";
        }

        return File.Exists(path) ? null : $"{variable} is {path}, but there is no such file.";
    }

    /// <summary>The java executable: $JAVA_HOME/bin/java, else the first java on PATH.</summary>
    public static string RequireJava()
    {
        var home = Environment.GetEnvironmentVariable("JAVA_HOME");
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(home))
        {
            candidates.Add(Path.Combine(home, "bin", "java"));
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(folder, "java"));
        }

        var java = candidates.FirstOrDefault(File.Exists);
        if (java is null)
        {
            Missing("No java on PATH (or in JAVA_HOME), so the Nu HTML checker cannot run (apt-get install default-jre-headless).");
        }

        return java;
    }
}
