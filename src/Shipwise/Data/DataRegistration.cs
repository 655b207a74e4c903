using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Shipwise.Data;

public static class DataRegistration
{
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        DateTimeOffsetHandler.Register();
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<StartupOptions>().BindConfiguration(StartupOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Db>();
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddSingleton<ToolNames>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckHealthAsync).WithTags("Health").WithName("Health");
        return app;
    }

    public sealed record Health(string Status, string Database, int SchemaVersion);

    public static async Task<Results<Ok<Health>, ProblemHttpResult>> CheckHealthAsync(Db db, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var version = await connection.ExecuteScalarAsync<int?>("SELECT max(version) FROM schema_migrations") ?? 0;
            return TypedResults.Ok(new Health("ok", db.Provider.ToString().ToLowerInvariant(), version));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database unreachable", detail: ex.Message);
        }
    }
}

/// <summary>What `serve` does before it takes requests.</summary>
public sealed class StartupOptions
{
    public const string Section = "Startup";

    /// <summary>Apply migrations at start. Defaults to on for SQLite and off for PostgreSQL, where `shipwise migrate` is the deploy step.</summary>
    public bool? Migrate { get; set; }
}
