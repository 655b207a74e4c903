using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Shipwise.Accounts;

/// <summary>What a sign-in link says, once its signature checked out.</summary>
public sealed record SignInLink(string Id, string Email, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string? ReturnUrl);

public enum LinkState { Valid, Invalid, Expired }

public sealed record LinkRead(LinkState State, SignInLink? Link);

/// <summary>
/// Issues and reads the tokens of emailed sign-in links. A token is the link's id, address,
/// expiry and return address, encrypted and authenticated with the shared Data Protection key
/// ring (so any node can read it and nobody can alter it). Expiry is checked against the
/// injected clock; "works once" is the database's job (<see cref="AccountStore"/>).
/// </summary>
public sealed class SignInLinks(IDataProtectionProvider protection, TimeProvider clock, IOptions<AccountOptions> options)
{
    private const int MaxTokenLength = 2048;

    private readonly IDataProtector _protector = protection.CreateProtector("Shipwise.Accounts.SignInLink.v1");

    private sealed record Payload(
        [property: JsonPropertyName("i")] string Id,
        [property: JsonPropertyName("e")] string Email,
        [property: JsonPropertyName("t")] long IssuedAt,
        [property: JsonPropertyName("x")] long ExpiresAt,
        [property: JsonPropertyName("r")] string? ReturnUrl);

    public TimeSpan Lifetime => TimeSpan.FromMinutes(options.Value.SignInLinkMinutes);

    /// <summary>A new link for a normalized address; <paramref name="returnUrl"/> must already be local.</summary>
    public (string Token, SignInLink Link) Issue(string email, string? returnUrl)
    {
        var now = clock.GetUtcNow();
        var link = new SignInLink(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), email, now, now + Lifetime, returnUrl);
        var payload = new Payload(link.Id, link.Email, now.ToUnixTimeMilliseconds(), link.ExpiresAt.ToUnixTimeMilliseconds(), returnUrl);
        var token = WebEncoders.Base64UrlEncode(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(payload)));
        return (token, link);
    }

    public LinkRead Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return new LinkRead(LinkState.Invalid, null);
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            // Tampered, truncated, forged, or signed with a key this site never had.
            return new LinkRead(LinkState.Invalid, null);
        }

        if (payload is null || string.IsNullOrEmpty(payload.Id) || !EmailAddress.TryNormalize(payload.Email, out var email))
        {
            return new LinkRead(LinkState.Invalid, null);
        }

        var link = new SignInLink(
            payload.Id, email, DateTimeOffset.FromUnixTimeMilliseconds(payload.IssuedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(payload.ExpiresAt), payload.ReturnUrl);
        return new LinkRead(clock.GetUtcNow() >= link.ExpiresAt ? LinkState.Expired : LinkState.Valid, link);
    }
}
