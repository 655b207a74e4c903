namespace Shipwise.Core.Catalog;

/// <summary>Memory for a model's weights at one precision, in gigabytes.</summary>
public sealed record WeightMemory(string Precision, decimal BytesPerParameter, decimal Gigabytes);

/// <summary>
/// What a model needs to hold its weights, derived from its total parameters (every expert of a
/// mixture must be in memory, even though only the active ones work on a token). Never stored:
/// one derivation, so a page, a review and a comparison cannot disagree.
/// </summary>
public static class MemoryNeeds
{
    private static readonly (string Precision, decimal Bytes)[] _precisions = [("BF16", 2m), ("FP8", 1m), ("4-bit", 0.5m)];

    /// <summary>Weights only, in decimal gigabytes: 1B parameters at BF16 is 2 GB. The KV cache and activations come on top.</summary>
    public static IReadOnlyList<WeightMemory> Of(Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [.. _precisions.Select(p => new WeightMemory(p.Precision, p.Bytes, parameters.TotalBillions * p.Bytes))];
    }

    /// <summary>The 4-bit figure: the least memory the model can reasonably be run in.</summary>
    public static decimal SmallestGigabytes(Parameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.TotalBillions * 0.5m;
    }
}
