using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Shipwise.Search;

public static class SearchRegistration
{
    /// <summary>Tool search: one index per node, built on first use and kept fresh (see <see cref="ToolSearch"/>).</summary>
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ToolSearch>();
        return builder;
    }
}
