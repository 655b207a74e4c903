using Microsoft.Extensions.Options;

namespace Shipwise.Catalog;

/// <summary>Loads the shipped demo catalog into an empty database, so a fresh install has something to show.</summary>
public sealed class DemoCatalogSeeder(CatalogQueries queries, CatalogImporter importer, IOptions<CatalogOptions> options, ILogger<DemoCatalogSeeder> logger)
{
    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData || await queries.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var path = options.Value.EffectiveDemoCatalogPath;
        var result = await importer.ImportFileAsync(path, progress: null, cancellationToken);
        logger.LogInformation("Loaded the demo catalog from {Path}: {Count} tools", path, result.Inserted);
    }
}
