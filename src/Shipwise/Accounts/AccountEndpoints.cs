using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Shipwise.Accounts;

public static class AccountEndpoints
{
    private static readonly JsonSerializerOptions _exportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>GET /account/export: the reader's own data as a JSON file. The account comes from the session only, never from the request.</summary>
    public static async Task<Results<FileContentHttpResult, UnauthorizedHttpResult>> ExportAsync(
        ClaimsPrincipal user, AccountExport export, HttpContext context, CancellationToken cancellationToken)
    {
        if (Reader.AccountId(user) is not { } accountId || await export.BuildAsync(accountId, cancellationToken) is not { } document)
        {
            return TypedResults.Unauthorized();
        }

        context.Response.Headers.CacheControl = "no-store";
        var name = $"shipwise-data-{document.ExportedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.json";
        return TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(document, _exportJson), "application/json", name);
    }
}
