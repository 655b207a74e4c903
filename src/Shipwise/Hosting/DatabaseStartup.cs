using Microsoft.Extensions.Options;
using Shipwise.Catalog;
using Shipwise.Data;
using Shipwise.Panel;

namespace Shipwise.Hosting;

/// <summary>
/// Before anything else starts (an <see cref="IHostedLifecycleService"/>'s StartingAsync runs before
/// every hosted service's StartAsync, Data Protection's key ring loader included): migrates in the
/// embedded default, or checks the schema is current and no applied migration was edited; then
/// seeds the demo catalog and loads the critics.
/// </summary>
public sealed class DatabaseStartup(
    MigrationRunner migrations, IOptions<DatabaseOptions> database, IOptions<StartupOptions> startup,
    DemoCatalogSeeder seeder, CriticCatalog critics) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var migrate = startup.Value.Migrate ?? database.Value.ProviderKind == DatabaseProvider.Sqlite;
        if (migrate)
        {
            await migrations.MigrateAsync(cancellationToken: cancellationToken);
        }
        else
        {
            await migrations.EnsureCurrentAsync(cancellationToken);
        }

        await seeder.SeedIfEmptyAsync(cancellationToken);

        // Loading the critics here makes a bad critic file stop the start, naming the file and field.
        _ = critics.All;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
