using Microsoft.Extensions.DependencyInjection.Extensions;
using Shipwise.Telemetry;

namespace Shipwise.Search;

public static class SearchRegistration
{
    /// <summary>Tool search: one index per node, built when the host starts and kept fresh (see <see cref="ToolSearch"/>).</summary>
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.AddMetricsSource();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ToolSearch>();
        builder.Services.TryAddSingleton<ToolNameResolver>();
        builder.Services.TryAddSingleton<Catalog.IToolFinder>(services => services.GetRequiredService<ToolSearch>());
        builder.Services.AddHostedService<SearchWarmUp>();
        return builder;
    }

    /// <summary>Starts the first index build in the background, so the first search need not wait for it (a few seconds at 100,000 tools).</summary>
    private sealed class SearchWarmUp(ToolSearch search) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            search.StartFirstBuild();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
