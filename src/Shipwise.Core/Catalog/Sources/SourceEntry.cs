namespace Shipwise.Core.Catalog.Sources;

/// <summary>
/// What a connector read about one model in a source (a LiteLLM key, an OpenRouter model, a
/// Hugging Face repository): the source's own name for it, the names it may be known by in the
/// catalog, who serves it, and the facts the source reports, with where and when they were read.
/// </summary>
public sealed record SourceEntry
{
    /// <summary>The source's own name, e.g. "azure/gpt-4o", "openai/gpt-4o", "Qwen/Qwen3-8B".</summary>
    public required string Name { get; init; }

    /// <summary>Names that may be a tool's slug or alias, most specific first.</summary>
    public required IReadOnlyList<string> Candidates { get; init; }

    /// <summary>Who serves the model under this entry; null for a source about the weights themselves (Hugging Face).</summary>
    public SourceHost? Host { get; init; }

    public required Provenance Provenance { get; init; }

    /// <summary>Said on every fact this entry writes, e.g. "LiteLLM entry 'gpt-4o'".</summary>
    public string? Note { get; init; }

    public ReportedFacts Facts { get; init; } = new();
}

/// <summary>Who serves a model under a source entry, and under which model id.</summary>
/// <param name="Provider">The offering's provider as a reader names it, e.g. "Azure OpenAI".</param>
/// <param name="ProviderCandidates">Slugs the provider may have in the catalog, e.g. "openrouter".</param>
/// <param name="ModelId">The model id at that provider, e.g. "openai/gpt-4o".</param>
/// <param name="ModelIdVariants">Other spellings an existing offering may use for the same id (the source's full key).</param>
/// <param name="VendorTokens">Vendor names this host is the vendor's own for: when a tool's vendor is one of them, the entry describes the tool itself.</param>
/// <param name="IsVendorApi">The host is the vendor's own API (LiteLLM's "openai" provider): facts go on the tool and no offering is added.</param>
public sealed record SourceHost(
    string Provider,
    IReadOnlyList<string> ProviderCandidates,
    string ModelId,
    IReadOnlyList<string> ModelIdVariants,
    IReadOnlyList<string> VendorTokens,
    bool IsVendorApi)
{
    /// <summary>The provider's slug when it is a tool in the catalog (filled in by the importer).</summary>
    public string? ProviderSlug { get; init; }

    /// <summary>True when this host is the vendor of <paramref name="tool"/> (compared without case, spaces or punctuation).</summary>
    public bool IsVendorOf(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var vendor = Squash(tool.Vendor.Name);
        return VendorTokens.Select(Squash).Any(t => t.Length > 0 && (vendor.Contains(t, StringComparison.Ordinal) || t.Contains(vendor, StringComparison.Ordinal)));
    }

    private static string Squash(string text) => new([.. text.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
}

/// <summary>
/// The facts a source reports, as values. Absent means the source says nothing (not "no"):
/// a flag the source leaves out never takes a capability away.
/// </summary>
public sealed record ReportedFacts
{
    public decimal? InputPerMillionTokensUsd { get; init; }
    public decimal? OutputPerMillionTokensUsd { get; init; }
    public decimal? CachedInputPerMillionTokensUsd { get; init; }
    public int? ContextWindow { get; init; }

    /// <summary>
    /// The same window counted with the answer (LiteLLM gives GPT-5's as 272K input plus 128K
    /// output; the catalog says 400K): a catalog value equal to it agrees with the source.
    /// </summary>
    public int? ContextWindowWithOutput { get; init; }

    public int? MaxOutputTokens { get; init; }
    public bool? ToolCalling { get; init; }
    public bool? StructuredOutput { get; init; }
    public bool? PromptCaching { get; init; }

    /// <summary>Input modalities the source says the model takes.</summary>
    public IReadOnlyList<string> InputModalities { get; init; } = [];

    /// <summary>Input modalities the source says, explicitly, the model does not take.</summary>
    public IReadOnlyList<string> NotInputModalities { get; init; } = [];

    public IReadOnlyList<string> OutputModalities { get; init; } = [];

    /// <summary>The day the model stops being served (LiteLLM's deprecation_date).</summary>
    public DateOnly? ShutdownDate { get; init; }

    public string? License { get; init; }
    public decimal? TotalBillions { get; init; }
    public bool? OpenWeights { get; init; }

    public bool HasTokenPrices => InputPerMillionTokensUsd is not null || OutputPerMillionTokensUsd is not null;
}
