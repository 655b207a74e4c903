using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Shipwise.Panel.Llm;

public static class LlmRegistration
{
    /// <summary>
    /// Options (section "Llm", checked at start), the named HttpClient and the reviewer as a
    /// singleton, so its concurrency limit covers every review in the process.
    /// </summary>
    public static IHostApplicationBuilder AddLlmReviewer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // The reviewer enforces its own per-request timeout (Llm:TimeoutSeconds), so HttpClient's must not fire first.
        builder.Services.AddHttpClient(LlmReviewer.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton<LlmReviewer>();
        return builder;
    }
}
