using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Shipwise.Digest;

public enum TokenState { Valid, Invalid, Expired }

/// <summary>What a confirm or unsubscribe link says, once its signature checked out.</summary>
public sealed record SubscriptionToken(TokenState State, long SubscriberId, string Email)
{
    public static readonly SubscriptionToken Invalid = new(TokenState.Invalid, 0, "");
}

/// <summary>
/// The tokens in digest links, encrypted and authenticated with the shared Data Protection key
/// ring (any node reads them, nobody can alter or forge them), one purpose per use so a
/// confirm token never works as an unsubscribe token or the other way round. A confirm token
/// expires (checked against the injected clock); an unsubscribe token does not, because a
/// digest from last year must still unsubscribe its reader.
/// </summary>
public sealed class SubscriptionTokens(IDataProtectionProvider protection, TimeProvider clock, IOptions<DigestOptions> options)
{
    private const int MaxTokenLength = 2048;

    private readonly IDataProtector _confirm = protection.CreateProtector("Shipwise.Digest.Confirm.v1");
    private readonly IDataProtector _unsubscribe = protection.CreateProtector("Shipwise.Digest.Unsubscribe.v1");

    private sealed record Payload(
        [property: JsonPropertyName("s")] long SubscriberId,
        [property: JsonPropertyName("e")] string Email,
        [property: JsonPropertyName("x")] long? ExpiresAt);

    public TimeSpan ConfirmLifetime => TimeSpan.FromHours(options.Value.ConfirmLinkHours);

    public (string Token, DateTimeOffset ExpiresAt) IssueConfirm(long subscriberId, string email)
    {
        var expires = clock.GetUtcNow() + ConfirmLifetime;
        return (Protect(_confirm, new Payload(subscriberId, email, expires.ToUnixTimeMilliseconds())), expires);
    }

    public string IssueUnsubscribe(long subscriberId, string email) => Protect(_unsubscribe, new Payload(subscriberId, email, null));

    public SubscriptionToken ReadConfirm(string? token) => Read(_confirm, token);

    public SubscriptionToken ReadUnsubscribe(string? token) => Read(_unsubscribe, token);

    private static string Protect(IDataProtector protector, Payload payload) =>
        WebEncoders.Base64UrlEncode(protector.Protect(JsonSerializer.SerializeToUtf8Bytes(payload)));

    private SubscriptionToken Read(IDataProtector protector, string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return SubscriptionToken.Invalid;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            // Tampered, truncated, made for the other purpose, or signed with a key this site never had.
            return SubscriptionToken.Invalid;
        }

        if (payload is null || payload.SubscriberId <= 0 || string.IsNullOrEmpty(payload.Email))
        {
            return SubscriptionToken.Invalid;
        }

        var expired = payload.ExpiresAt is { } expires && clock.GetUtcNow().ToUnixTimeMilliseconds() >= expires;
        return new SubscriptionToken(expired ? TokenState.Expired : TokenState.Valid, payload.SubscriberId, payload.Email);
    }
}
