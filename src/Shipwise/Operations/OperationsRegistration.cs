using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Shipwise.Accounts;
using Shipwise.Data;
using Shipwise.Telemetry;

namespace Shipwise.Operations;

/// <summary>Telemetry:* — what an operator running one node or many gets to see.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "Telemetry";

    /// <summary>Where to send metrics and traces over OTLP (e.g. http://collector:4317); unset: nothing is sent.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>grpc (port 4317) or http/protobuf (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Serve the metrics in Prometheus text format on /metrics.</summary>
    public bool PrometheusEndpoint { get; set; }

    /// <summary>
    /// Let anyone read /metrics. Off by default: only signed-in operators may (like every other
    /// operator page). Turn on only when the port /metrics is served on is not reachable from the public.
    /// </summary>
    public bool PrometheusAnonymous { get; set; }

    /// <summary>Write logs to the console as one JSON object a line (for log collectors) instead of text.</summary>
    public bool JsonLogs { get; set; }

    public Uri? OtlpUri => Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(OtlpEndpoint) && OtlpUri is not { Scheme: "http" or "https" })
        {
            yield return new ValidationResult(
                $"Telemetry:OtlpEndpoint '{OtlpEndpoint}' is not an http or https address; use e.g. http://127.0.0.1:4317.", [nameof(OtlpEndpoint)]);
        }

        if (OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            yield return new ValidationResult($"Telemetry:OtlpProtocol is '{OtlpProtocol}'; use 'grpc' or 'http/protobuf'.", [nameof(OtlpProtocol)]);
        }

        if (PrometheusAnonymous && !PrometheusEndpoint)
        {
            yield return new ValidationResult("Telemetry:PrometheusAnonymous is on but Telemetry:PrometheusEndpoint is off; turn the endpoint on too, or leave both off.", [nameof(PrometheusAnonymous)]);
        }
    }
}

/// <summary>Metrics, traces, health probes and log format: the operator's view of a node.</summary>
public static class OperationsRegistration
{
    public const string MetricsPath = "/metrics";

    /// <summary>OpenTelemetry (OTLP and /metrics when configured), health checks and the log format, for `serve`.</summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // The log format is chosen while the services are registered: set it in appsettings.json, the
        // environment (Telemetry__JsonLogs=true) or on the command line.
        if (builder.Configuration.GetValue<bool>($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.JsonLogs)}"))
        {
            builder.Logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        }

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

        // Metrics are always aggregated (cheap; /metrics reads them only when enabled). Exporters and the
        // tracing sampler are chosen from the options when the providers are built, so every source of
        // configuration (files, environment, command line, a test host's overrides) has been applied.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("shipwise", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(ShipwiseMetrics.MeterName)
                .AddAspNetCoreInstrumentation(asp => asp.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation());
        // Shipwise's own meter is listened to only as this host created it (MeterScope.Local): a provider
        // that subscribes by name (AddMeter) also reads every other host's instruments in the process, and
        // for a gauge such as the queue depth the last host read wins.
        builder.Metrics.EnableMetrics(ShipwiseMetrics.MeterName, instrumentName: null, listenerName: "OpenTelemetry", scopes: MeterScope.Local);
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, provider) =>
        {
            if (Otlp(services) is { } otlp)
            {
                provider.AddReader(new PeriodicExportingMetricReader(new OpenTelemetry.Exporter.OtlpMetricExporter(otlp)));
            }
        });
        builder.Services.ConfigureOpenTelemetryTracerProvider((services, provider) =>
        {
            // Traces only go somewhere over OTLP; without a collector none are recorded at all.
            if (Otlp(services) is { } otlp)
            {
                provider.AddProcessor(new BatchActivityExportProcessor(new OpenTelemetry.Exporter.OtlpTraceExporter(otlp)));
            }
            else
            {
                provider.SetSampler(new AlwaysOffSampler());
            }
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: it can also reach its database (a load balancer sends it traffic).
        app.MapHealthChecks("/healthz/live", new() { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/healthz/ready", new() { Predicate = check => check.Tags.Contains("ready") }).WithTags("Health");

        var settings = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (settings.PrometheusEndpoint)
        {
            var metrics = app.MapPrometheusScrapingEndpoint(MetricsPath);
            if (!settings.PrometheusAnonymous)
            {
                metrics.RequireAuthorization(Reader.OperatorPolicy);
            }
        }

        return app;
    }

    private static OpenTelemetry.Exporter.OtlpExporterOptions? Otlp(IServiceProvider services)
    {
        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        return settings.OtlpUri is { Scheme: "http" or "https" } endpoint
            ? new OpenTelemetry.Exporter.OtlpExporterOptions
            {
                Endpoint = endpoint,
                Protocol = settings.OtlpProtocol == "http/protobuf"
                    ? OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf
                    : OpenTelemetry.Exporter.OtlpExportProtocol.Grpc,
            }
            : null;
    }
}

/// <summary>Ready means the database answers a query (and has the schema: schema_migrations exists).</summary>
public sealed class DatabaseHealthCheck(Db db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var version = await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT max(version) FROM schema_migrations", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{db.Provider} at schema version {version}");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{db.Provider} unreachable: {ex.Message}");
        }
    }
}
