using System.Data.Common;
using Dapper;
using Shipwise.Data;

namespace Shipwise.Catalog;

/// <summary>
/// The durable "catalog changed" signal (migration 0010): one counter bumped in the same
/// transaction as every write to tools, whichever process makes it. A review worker or page
/// cache on any node compares it with the value it last saw, so a `shipwise import` run while
/// `serve` is up is noticed without an in-process event.
/// </summary>
public sealed class CatalogStamp(Db db)
{
    public static Task BumpAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE catalog_changes SET seq = seq + 1 WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));

    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT seq FROM catalog_changes WHERE id = 1", cancellationToken: cancellationToken));
    }
}
