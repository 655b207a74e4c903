namespace Shipwise.Compare;

public static class CompareRegistration
{
    /// <summary>Compare pages and /api/compare: the comparison reader, and the view counts behind the most-compared pairs.</summary>
    public static IHostApplicationBuilder AddCompare(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CompareViews>();
        builder.Services.AddSingleton<Site.IMostComparedPairs>(services => services.GetRequiredService<CompareViews>());
        builder.Services.AddSingleton<CompareQuery>();
        builder.Services.AddHostedService<CompareViewFlusher>();
        return builder;
    }
}
