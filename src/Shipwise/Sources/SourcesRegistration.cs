using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Shipwise.Catalog;
using Shipwise.Sources.Connectors;

namespace Shipwise.Sources;

/// <summary>Catalog sources: connectors, the importer, refresh (and its schedule in `serve`), conflicts and the operator view.</summary>
public static class SourcesRegistration
{
    public static IHostApplicationBuilder AddSources(this IHostApplicationBuilder builder)
    {
        // One pipeline for every source request (docs/decisions/0011): a total timeout, retries on
        // transient failures (timeouts, 5xx, 429, dropped connections; never a 404), a timeout per try.
        builder.Services.AddHttpClient(SourceFetcher.HttpClientName, http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("Shipwise-catalog-refresh/1.0");
            })
            .AddResilienceHandler("catalog-sources", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<CatalogOptions>>().Value;
                var total = TimeSpan.FromSeconds(options.SourceTimeoutSeconds);
                pipeline.AddTimeout(total);
                if (options.SourceRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.SourceRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromSeconds(1),
                    });
                }

                pipeline.AddTimeout(total / (options.SourceRetries + 1));
            });
        builder.Services.AddSingleton<SourceFetcher>();
        builder.Services.AddSingleton<ISourceConnector, LiteLlmConnector>();
        builder.Services.AddSingleton<ISourceConnector, OpenRouterConnector>();
        builder.Services.AddSingleton<ISourceConnector, HuggingFaceConnector>();
        builder.Services.AddSingleton<SourceImporter>();
        builder.Services.AddSingleton<SourceRefresh>();
        builder.Services.AddSingleton<SourceStore>();
        return builder;
    }

    /// <summary>Only `serve` refreshes on a schedule; `shipwise refresh` runs the same refresh once.</summary>
    public static IHostApplicationBuilder AddSourceSchedule(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<SourceRefreshScheduler>();
        return builder;
    }
}
