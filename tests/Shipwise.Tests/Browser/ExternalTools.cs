namespace Shipwise.Tests.Browser;

/// <summary>
/// Programs outside .NET that some tests drive (Chromium, the Nu HTML checker, axe-core),
/// found through the variables scripts/test.sh exports. Locally a missing one skips the
/// test with the reason; under CI (CI=true) it fails it, so a broken install cannot pass as green.
/// </summary>
public static class ExternalTools
{
    public const string ChromiumVariable = "SHIPWISE_CHROMIUM";
    public const string VnuJarVariable = "SHIPWISE_VNU_JAR";
    public const string AxeVariable = "SHIPWISE_AXE_JS";

    public static bool InCi => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>The file a variable names; skips (locally) or fails (in CI) the test when it is not set.</summary>
    public static string Require(string variable, string what)
    {
        var problem = Problem(variable, what);
        if (problem is not null)
        {
            if (InCi || Environment.GetEnvironmentVariable(variable) is { Length: > 0 })
            {
                Assert.Fail(problem + (InCi ? " CI=true, so a missing tool is a failure, not a skip." : ""));
            }

            Assert.Skip(problem);
        }

        return Environment.GetEnvironmentVariable(variable)!;
    }

    /// <summary>Why the tool a variable names cannot be used, or null when it can.</summary>
    public static string? Problem(string variable, string what)
    {
        var path = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(path))
        {
            return $"{variable} is not set, so {what} is not available. bash scripts/test.sh installs it and sets the variable.";
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
            const string problem = "No java on PATH (or in JAVA_HOME), so the Nu HTML checker cannot run. apt-get install default-jre-headless.";
            if (InCi)
            {
                Assert.Fail(problem + " CI=true, so a missing tool is a failure, not a skip.");
            }

            Assert.Skip(problem);
        }

        return java;
    }
}
