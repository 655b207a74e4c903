using System.Text.Json.Serialization;

namespace Shipwise.Core.Catalog;

/// <summary>A per-token price where it came from: the vendor's list or a hosting provider.</summary>
public sealed record TokenPrice(decimal Input, decimal Output, string Where, FactStatus Status)
{
    /// <summary>USD per 1M tokens at the standard mix of <see cref="CostModel.InputShare"/> input.</summary>
    public decimal PerMillion => CostModel.Blend(Input, Output);

    /// <summary>USD per month at <see cref="CostModel.TokensPerDay"/>.</summary>
    public decimal Monthly => CostModel.MonthlyAt(PerMillion, CostModel.TokensPerDay);
}

/// <summary>What self-hosting a model costs on the cheapest GPUs the catalog prices.</summary>
public sealed record SelfHostPlan(decimal NeedGb, GpuOption Gpu, int Count, decimal UsdPerHour)
{
    public decimal Monthly => decimal.Round(UsdPerHour * CostModel.HoursPerMonth, 0);

    /// <summary>How many 8-GPU machines the plan needs.</summary>
    public int Nodes => (Count + 7) / 8;
}

/// <summary>A GPU a model could be self-hosted on: its memory and the cheapest sourced hourly rent.</summary>
public sealed record GpuOption(
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("gb")] decimal MemoryGb,
    [property: JsonPropertyName("hour")] decimal UsdPerHour,
    [property: JsonPropertyName("label")] string? Label);

/// <summary>
/// Cost as a model, not a label. Hosted cost is the per-token price at a stated volume and mix;
/// self-hosting cost is GPUs rented for the memory the weights need, by total parameters; the
/// break-even is the volume at which the two bills meet. Every constant is here and in
/// docs/panel.md, so a reader can redo the sums.
/// </summary>
public static class CostModel
{
    /// <summary>A steady product workload: 50M tokens a day.</summary>
    public const long TokensPerDay = 50_000_000;

    /// <summary>Three input tokens for every output token (chat with context, RAG, agents).</summary>
    public const decimal InputShare = 0.75m;

    public const int DaysPerMonth = 30;

    public const decimal HoursPerMonth = 730;

    /// <summary>Serving runs the weights at FP8, one byte per parameter, plus this much for KV cache and activations.</summary>
    public const decimal ServingHeadroom = 1.2m;

    /// <summary>The most GPUs a plan may use; beyond it the model is not practical to self-host.</summary>
    public const int MaxGpus = 64;

    public static decimal Blend(decimal input, decimal output) => (InputShare * input) + ((1 - InputShare) * output);

    public static decimal MonthlyAt(decimal perMillion, long tokensPerDay) =>
        decimal.Round(perMillion * tokensPerDay / 1_000_000m * DaysPerMonth, 0);

    /// <summary>Every complete per-token price on record: the vendor's and each offering's.</summary>
    public static IReadOnlyList<TokenPrice> TokenPrices(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var prices = new List<TokenPrice>();
        if (tool.Facts.Pricing is { } own && Tokens(own.Value) is var (i, o))
        {
            prices.Add(new TokenPrice(i, o, tool.Vendor.Name, own.Status));
        }

        // A batch endpoint answers hours later: its half price is the batch discount, not a rate for live traffic.
        foreach (var offering in tool.Facts.Offerings.Where(o => !IsBatch(o)))
        {
            if (Tokens(offering.Pricing) is var (oi, oo))
            {
                prices.Add(new TokenPrice(oi, oo, offering.Provider, offering.Status));
            }
        }

        return prices;
    }

    /// <summary>An offering that only takes asynchronous batch jobs (OpenRouter's ":batch" variants and the like).</summary>
    public static bool IsBatch(Offering offering)
    {
        ArgumentNullException.ThrowIfNull(offering);
        return offering.ModelId?.EndsWith(":batch", StringComparison.OrdinalIgnoreCase) == true
            || offering.Provider.Contains("batch", StringComparison.OrdinalIgnoreCase);
    }

    public static TokenPrice? CheapestBlended(Tool tool) => TokenPrices(tool).MinBy(p => p.PerMillion);

    // Embedding and reranking models price input only: their blend is the input price.
    private static (decimal Input, decimal Output)? Tokens(Pricing pricing) =>
        (pricing.InputPerMillionTokensUsd, pricing.OutputPerMillionTokensUsd) switch
        {
            ({ } i, { } o) => (i, o),
            ({ } i, null) => (i, i),
            _ => null,
        };

    /// <summary>The cheapest price per unit (image, GPU hour...) on record, vendor or offering.</summary>
    public static IReadOnlyDictionary<string, decimal> CheapestUnitPrices(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return (tool.Facts.Pricing?.Value.Units ?? [])
            .Concat(tool.Facts.Offerings.SelectMany(o => o.Pricing.Units ?? []))
            .Where(u => u.Usd > 0)
            .GroupBy(u => u.Unit)
            .ToDictionary(g => g.Key, g => g.Min(u => u.Usd), StringComparer.Ordinal)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>An accelerator as a self-hosting option: its memory and cheapest hourly rent; null without both.</summary>
    public static GpuOption? GpuOf(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var hourly = (tool.Facts.Pricing?.Value.Units ?? []).Concat(tool.Facts.Offerings.SelectMany(o => o.Pricing.Units ?? []))
            .Where(u => u.Unit == "gpu-hour" && u.Usd > 0)
            .MinBy(u => u.Usd);
        return tool.Facts.AcceleratorMemoryGb?.Value is { } gb && hourly is not null && tool.Facts.Lifecycle?.Value.Status is not LifecycleStatus.Retired
            ? new GpuOption(tool.Slug, tool.Name, gb, hourly.Usd, hourly.Label)
            : null;
    }

    /// <summary>Below this memory a GPU is a consumer card: fine alone, not stacked to serve a large model.</summary>
    public const decimal DataCentreGpuGb = 40;

    /// <summary>
    /// The cheapest way to hold the weights at FP8 on the priced GPUs: one GPU of any kind if one
    /// is enough, otherwise data-centre GPUs, in one eight-GPU machine if possible. Null when
    /// nothing fits in <see cref="MaxGpus"/>.
    /// </summary>
    public static SelfHostPlan? SelfHost(Parameters parameters, IEnumerable<GpuOption> gpus)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var need = decimal.Round(parameters.TotalBillions * ServingHeadroom, 1);
        var plans = gpus
            .Where(g => g.MemoryGb > 0 && g.UsdPerHour > 0)
            .Select(g => (g, n: (int)Math.Ceiling(need / g.MemoryGb)))
            .Where(x => x.n <= MaxGpus && (x.n == 1 || x.g.MemoryGb >= DataCentreGpuGb))
            .Select(x => new SelfHostPlan(need, x.g, x.n, x.n * x.g.UsdPerHour))
            .ToList();
        return plans
            .OrderBy(p => p.Nodes > 1)
            .ThenBy(p => p.UsdPerHour)
            .ThenBy(p => p.Gpu.Slug, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Tokens a day at which a hosted price costs as much as the self-hosting plan.</summary>
    public static long BreakEvenTokensPerDay(SelfHostPlan plan, decimal hostedPerMillion)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return hostedPerMillion <= 0 ? long.MaxValue : (long)(plan.Monthly / hostedPerMillion * 1_000_000m / DaysPerMonth);
    }
}
