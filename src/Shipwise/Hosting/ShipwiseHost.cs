using System.Text.Json.Serialization;
using Shipwise.Accounts;
using Shipwise.Catalog;
using Shipwise.Community;
using Shipwise.Compare;
using Shipwise.Core.Catalog;
using Shipwise.Data;
using Shipwise.Digest;
using Shipwise.Mail;
using Shipwise.Operations;
using Shipwise.Panel;
using Shipwise.Search;
using Shipwise.Security;
using Shipwise.Site;
using Shipwise.Sources;
using Shipwise.Telemetry;
using Shipwise.Tools;

namespace Shipwise.Hosting;

/// <summary>The table of contents: every feature adds its services and maps its endpoints here.</summary>
public static class ShipwiseHost
{
    /// <summary>Services shared by the web server and the CLI commands.</summary>
    public static T AddShipwise<T>(this T builder) where T : IHostApplicationBuilder
    {
        SettingsText.AddTo(builder.Services);
        builder.AddMetricsSource();
        builder.AddDatabase();
        builder.AddCatalog();
        builder.AddSources();
        builder.AddPanel();
        builder.AddMail();
        builder.AddDigest();
        return builder;
    }

    public static WebApplication BuildWebApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null : AppContext.BaseDirectory,
        });
        builder.AddShipwise();
        builder.AddOperations();
        builder.AddSecurity();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.AddPanelWorker();
        builder.AddSourceSchedule();
        builder.AddSearch();
        builder.AddSite();
        builder.AddCompare();
        builder.AddAccounts();
        builder.AddCommunity();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            var catalog = CatalogJson.Options;
            json.SerializerOptions.PropertyNamingPolicy = catalog.PropertyNamingPolicy;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
        });

        var app = builder.Build();
        app.UseErrorResponses();
        app.UseSecurity();
        app.UseSite(CompareViews.CountServedAsync);
        app.UseAccounts();
        app.UseCommunity();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealth();
        app.MapOperations();
        app.MapCatalog();
        app.MapPanel();
        app.MapCompare();
        app.MapSite();
        app.MapDigest();
        app.MapAccounts();
        app.MapCommunity();
        return app;
    }
}
