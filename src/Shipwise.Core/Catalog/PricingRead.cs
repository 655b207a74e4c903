namespace Shipwise.Core.Catalog;

public enum EntryTier { Free, FreeTier, Paid, Unknown }

/// <summary>
/// The free/paid "entry" is always derived from pricing, never stored, so it cannot
/// contradict the price the way the reference site's flag did.
/// </summary>
public static class PricingRead
{
    public static EntryTier Entry(Pricing? pricing) => pricing switch
    {
        null => EntryTier.Unknown,
        { Model: "free" or "open-source" } => EntryTier.Free,
        { Model: "freemium" } => EntryTier.FreeTier,
        { FreeTier: true } => EntryTier.FreeTier,
        _ => EntryTier.Paid,
    };

    public static string EntryLabel(EntryTier entry) => entry switch
    {
        EntryTier.Free => "Free",
        EntryTier.FreeTier => "Free tier",
        EntryTier.Paid => "Paid",
        _ => "Unknown",
    };

    /// <summary>A one-line human reading of the price, e.g. "$0.40 / $2.00 per 1M tokens (in / out)".</summary>
    public static string Describe(Pricing? pricing)
    {
        if (pricing is null)
        {
            return "No pricing on record";
        }

        var parts = new List<string>();
        if (Tokens(pricing) is { } tokens)
        {
            parts.Add(tokens);
        }

        if (pricing.CachedInputPerMillionTokensUsd is { } cached)
        {
            parts.Add($"cached input {FactFormat.Usd(cached)}");
        }

        if (pricing.MonthlyUsd is { } monthly)
        {
            parts.Add($"{FactFormat.Usd(monthly)} per month");
        }

        parts.AddRange(pricing.Units.Select(u => $"{FactFormat.Usd(u.Usd)} {FactFormat.Unit(u.Unit)}{(u.Label is { Length: > 0 } label ? $" ({label})" : "")}"));

        var model = pricing.Model switch
        {
            "open-source" => "Open source, free to run",
            "free" => "Free",
            "freemium" => "Free tier, paid plans",
            "subscription" => "Subscription",
            _ => "Usage-based",
        };
        if (pricing.FreeTier && pricing.Model is not ("free" or "open-source" or "freemium"))
        {
            model += " with a free tier";
        }

        return parts.Count == 0 ? model : $"{model}: {string.Join("; ", parts)}";
    }

    /// <summary>"$0.40 / $2.00 per 1M tokens (in / out)", or one side when only one is on record; null without a token price.</summary>
    public static string? Tokens(Pricing pricing)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        return (pricing.InputPerMillionTokensUsd, pricing.OutputPerMillionTokensUsd) switch
        {
            ({ } input, { } output) => $"{FactFormat.Usd(input)} / {FactFormat.Usd(output)} per 1M tokens (in / out)",
            ({ } input, null) => $"{FactFormat.Usd(input)} per 1M input tokens",
            (null, { } output) => $"{FactFormat.Usd(output)} per 1M output tokens",
            _ => null,
        };
    }
}
