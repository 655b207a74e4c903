using Shipwise.Data;

namespace Shipwise.Catalog;

public static class CatalogRegistration
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>()
            .BindConfiguration(CatalogOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<CatalogChangeNotifier>();
        builder.Services.AddSingleton<CatalogStamp>();
        builder.Services.AddSingleton<CatalogQueries>();
        builder.Services.AddSingleton<ToolCards>();
        builder.Services.AddSingleton<ToolEvidenceReader>();
        builder.Services.AddSingleton<ToolFreshnessQueries>();
        builder.Services.AddSingleton<CatalogImporter>();
        builder.Services.AddSingleton<CatalogExporter>();
        builder.Services.AddSingleton<DemoCatalogSeeder>();
        return builder;
    }
}
