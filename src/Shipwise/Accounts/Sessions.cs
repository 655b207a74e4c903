using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Shipwise.Accounts;

/// <summary>
/// Starts and checks sessions. Every request with a session cookie is checked against the
/// account's security stamp, so a deleted account's cookie stops working; the stamp is cached
/// per node for Accounts:SessionCheckSeconds so the check costs a dictionary lookup, not a query,
/// on almost every request (docs/decisions/0007).
/// </summary>
public sealed class Sessions(AccountStore accounts, TimeProvider clock, IOptionsMonitor<AccountOptions> options)
{
    private const int MaxCachedStamps = 100_000;

    private readonly ConcurrentDictionary<long, (string? Stamp, DateTimeOffset Until)> _stamps = new();

    public static ClaimsPrincipal Principal(Account account, bool isOperator)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Email, account.Email),
            new(Reader.CreatedClaim, account.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new(Reader.StampClaim, account.SecurityStamp),
        };
        if (isOperator)
        {
            claims.Add(new Claim(ClaimTypes.Role, Reader.OperatorRole));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Email, ClaimTypes.Role));
    }

    public async Task SignInAsync(HttpContext context, Account account)
    {
        _stamps[account.Id] = (account.SecurityStamp, clock.GetUtcNow().AddSeconds(options.CurrentValue.SessionCheckSeconds));
        await context.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            Principal(account, options.CurrentValue.IsOperatorAddress(account.Email)),
            new AuthenticationProperties { IsPersistent = true, AllowRefresh = true });
    }

    /// <summary>Forgets the cached stamp, so this node refuses the account's old cookies from the next request on.</summary>
    public void Forget(long accountId) => _stamps.TryRemove(accountId, out _);

    /// <summary>The cookie handler's OnValidatePrincipal.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var user = context.Principal;
        var id = Reader.AccountId(user);
        var stamp = user?.FindFirstValue(Reader.StampClaim);
        if (id is null || stamp is null || await CurrentStampAsync(id.Value, context.HttpContext.RequestAborted) != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        // The operator list is configuration: adding or removing an address takes effect on the next request, not the next sign-in.
        var email = user!.FindFirstValue(ClaimTypes.Email);
        var shouldBeOperator = options.CurrentValue.IsOperatorAddress(email);
        if (shouldBeOperator != Reader.IsOperator(user))
        {
            var createdAt = Reader.CreatedAt(user) ?? clock.GetUtcNow();
            context.ReplacePrincipal(Principal(new Account(id.Value, email ?? "", createdAt, stamp), shouldBeOperator));
            context.ShouldRenew = true;
        }
    }

    private async Task<string?> CurrentStampAsync(long accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_stamps.TryGetValue(accountId, out var cached) && cached.Until > now)
        {
            return cached.Stamp;
        }

        var stamp = await accounts.SecurityStampAsync(accountId, cancellationToken);
        if (_stamps.Count >= MaxCachedStamps)
        {
            // Crude but bounded: a full cache starts again rather than growing with every reader ever seen.
            _stamps.Clear();
        }

        _stamps[accountId] = (stamp, now.AddSeconds(options.CurrentValue.SessionCheckSeconds));
        return stamp;
    }
}
