using Shipwise.Core.Panel;
using Shipwise.Panel.Llm;
using Shipwise.Telemetry;

namespace Shipwise.Panel;

public static class PanelRegistration
{
    public static IHostApplicationBuilder AddPanel(this IHostApplicationBuilder builder)
    {
        builder.AddMetricsSource();
        builder.Services.AddOptions<PanelOptions>()
            .BindConfiguration(PanelOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddLlmReviewer();
        builder.Services.AddSingleton<CriticCatalog>();
        builder.Services.AddSingleton<EvidenceReviewer>();
        builder.Services.AddSingleton<ReviewJobStore>();
        builder.Services.AddSingleton<PeerSnapshots>();
        builder.Services.AddSingleton<ReviewStore>();
        builder.Services.AddSingleton<ToolHistory>();
        builder.Services.AddSingleton<PanelRunner>();
        builder.Services.AddSingleton<PanelProcessor>();
        builder.Services.AddSingleton<PanelScheduler>();
        return builder;
    }

    /// <summary>Only the web server reviews in the background; CLI commands do their own work.</summary>
    public static IHostApplicationBuilder AddPanelWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ReviewWorker>();
        return builder;
    }
}
