using System.Globalization;
using System.Security.Claims;

namespace Shipwise.Accounts;

/// <summary>Who is reading: the claims the session cookie carries, read the same way by every feature.</summary>
public static class Reader
{
    /// <summary>The authorization policy (and role) of the addresses listed in Shipwise:Operators.</summary>
    public const string OperatorPolicy = "operator";

    public const string OperatorRole = "operator";

    /// <summary>When the account was created, ISO-8601 UTC: lets a feature treat new accounts differently.</summary>
    public const string CreatedClaim = "shipwise:created";

    /// <summary>The account's security stamp when the session began; a different stamp in the database ends the session.</summary>
    public const string StampClaim = "shipwise:stamp";

    public static long? AccountId(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        return long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    public static bool IsOperator(ClaimsPrincipal? user) => AccountId(user) is not null && user!.IsInRole(OperatorRole);

    public static string? Email(ClaimsPrincipal? user) => AccountId(user) is null ? null : user!.FindFirstValue(ClaimTypes.Email);

    public static DateTimeOffset? CreatedAt(ClaimsPrincipal? user) =>
        AccountId(user) is not null
        && DateTimeOffset.TryParse(user!.FindFirstValue(CreatedClaim), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created)
            ? created
            : null;
}
