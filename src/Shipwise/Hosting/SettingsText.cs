using Microsoft.Extensions.Options;
using Shipwise.Core.Text;

namespace Shipwise.Hosting;

/// <summary>A marker for the check below: every value under a section Shipwise reads holds only characters <see cref="SafeText"/> allows.</summary>
public sealed class SettingsText
{
    /// <summary>Registers the check to run at start (and before any CLI command).</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddOptions<SettingsText>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SettingsText>, SettingsTextValidator>();
    }

    /// <summary>The sections Shipwise binds; other configuration (Logging, the environment's own variables) is not ours to judge.</summary>
    public static readonly string[] Sections =
    [
        "Database", "Startup", "Catalog", "Panel", "Llm", "Smtp", "Shipwise", "Accounts", "Community", "RateLimits", "Digest", "Site", "Network", "Security",
    ];
}

/// <summary>
/// Refuses a setting holding a control character or a non-character (a pasted escape sequence,
/// a stray NUL), naming the setting. A public URL, sender address or model name travels into
/// pages, feeds, mail headers and prompts, where such a character breaks them or smuggles something in.
/// </summary>
public sealed class SettingsTextValidator(IConfiguration configuration) : IValidateOptions<SettingsText>
{
    public ValidateOptionsResult Validate(string? name, SettingsText options)
    {
        var failures = new List<string>();
        foreach (var section in SettingsText.Sections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable().OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                if (SafeText.Problem(value) is { } problem)
                {
                    failures.Add($"{key} {problem}.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
