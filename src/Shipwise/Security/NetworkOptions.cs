using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Shipwise.Security;

/// <summary>
/// Network:* — the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.
/// Nothing is trusted by default: a direct client could otherwise claim any address (and its own
/// rate-limit bucket) or claim https. Behind nginx on the same machine: Network:TrustedProxies=127.0.0.1.
/// A list is given as indexed keys (Network:TrustedProxies:0) or as one comma-separated value.
/// </summary>
public sealed class NetworkOptions : IValidatableObject
{
    public const string Section = "Network";

    /// <summary>Addresses of proxies, e.g. "127.0.0.1" or "10.0.0.5".</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Networks of proxies in CIDR notation, e.g. "10.0.0.0/8" or "fd00::/8" (a load balancer pool).</summary>
    public List<string> TrustedNetworks { get; set; } = [];

    public bool TrustsAnyProxy => TrustedProxies.Count + TrustedNetworks.Count > 0;

    public IEnumerable<IPAddress> Proxies() => TrustedProxies.Select(p => IPAddress.Parse(p.Trim()));

    public IEnumerable<IPNetwork> Networks() => TrustedNetworks.Select(n => IPNetwork.Parse(n.Trim()));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < TrustedProxies.Count; i++)
        {
            if (!IPAddress.TryParse(TrustedProxies[i]?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"Network:TrustedProxies:{i} is '{TrustedProxies[i]}', which is not an IP address; list proxies by address, e.g. '127.0.0.1', or whole networks in Network:TrustedNetworks.",
                    [nameof(TrustedProxies)]);
            }
        }

        for (var i = 0; i < TrustedNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(TrustedNetworks[i]?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"Network:TrustedNetworks:{i} is '{TrustedNetworks[i]}', which is not a network in CIDR notation, e.g. '10.0.0.0/8'.",
                    [nameof(TrustedNetworks)]);
            }
        }
    }
}
