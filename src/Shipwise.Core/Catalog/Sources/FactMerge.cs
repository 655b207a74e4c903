using System.Globalization;
using System.Text.Json;

namespace Shipwise.Core.Catalog.Sources;

/// <summary>What happened to one fact when a source's entry was laid over a tool.</summary>
public enum FactOutcomeKind
{
    /// <summary>The catalog had no such fact: the source's is recorded.</summary>
    Added,

    /// <summary>The source disagrees and is at least as new: its fact replaces the catalog's.</summary>
    Changed,

    /// <summary>The source disagrees with a verified fact and is newer: both are kept until an operator decides.</summary>
    Conflict,

    /// <summary>The source says the same: nothing changes (the check date is kept apart from the document).</summary>
    Confirmed,

    /// <summary>The source disagrees but the catalog's fact is newer (or verified and newer): the catalog's stays.</summary>
    Kept,
}

/// <param name="Fact">The fact's wire name, or for an offering "offerings:{provider}:{modelId}".</param>
/// <param name="Before">The catalog's value as a reader says it; null when it had none.</param>
/// <param name="After">The source's value as a reader says it.</param>
public sealed record FactOutcome(string Fact, FactOutcomeKind Kind, string? Before, string After)
{
    /// <summary>The catalog's fact as catalog JSON (a conflict keeps both sides).</summary>
    public string? CurrentJson { get; init; }

    /// <summary>The source's fact as catalog JSON: what an accepted conflict writes.</summary>
    public string? ProposedJson { get; init; }

    /// <summary>The date the source's fact is as of.</summary>
    public DateOnly AsOf { get; init; }

    public bool ChangesDocument => Kind is FactOutcomeKind.Added or FactOutcomeKind.Changed;
}

/// <summary>A tool with every placed entry of one source laid over it.</summary>
public sealed record MergeResult(Tool Before, Tool After, IReadOnlyList<FactOutcome> Outcomes)
{
    public bool Changed => Outcomes.Any(o => o.ChangesDocument);
}

/// <summary>
/// Lays a source's entries over a tool. The rules, in one place: an absent fact is added; the
/// same value (as a reader would say it) is only confirmed; a different value replaces the
/// catalog's when it is at least as new, except that a verified fact is never overwritten: a newer
/// disagreeing source value becomes a conflict, and an older one is ignored. Facts about the model
/// itself come only from the vendor's own listing (or, for weights, from the model repository);
/// every other host becomes an offering.
/// </summary>
public static class FactMerge
{
    public const string OfferingPrefix = "offerings:";

    /// <param name="vendorEntry">The entry that speaks for the tool itself (the best-matched vendor listing or model repository), or null.</param>
    /// <param name="hostEntries">Entries that become (or update) offerings.</param>
    public static MergeResult Apply(Tool tool, SourceEntry? vendorEntry, IReadOnlyList<SourceEntry> hostEntries, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(hostEntries);
        var outcomes = new List<FactOutcome>();
        var facts = tool.Facts;
        if (vendorEntry is not null)
        {
            facts = ApplyToolFacts(facts, vendorEntry, today, outcomes);
        }

        var offerings = facts.Offerings.ToList();
        foreach (var entry in hostEntries)
        {
            ApplyOffering(offerings, entry, outcomes);
        }

        facts = facts with { Offerings = offerings };
        var after = outcomes.Any(o => o.ChangesDocument) ? tool with { Facts = facts } : tool;
        return new MergeResult(tool, after, outcomes);
    }

    /// <summary>A vendor listing (or model repository) is about the tool itself only for these kinds.</summary>
    public static bool SpeaksForTool(SourceEntry entry, Tool tool)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tool);
        return entry.Host is { } host
            ? tool.Kind == "api" && host.IsVendorOf(tool)
            : tool.Kind == "model";
    }

    /// <summary>Whether an entry adds or updates an offering on the tool (the vendor's own API is the tool, not an offering).</summary>
    public static bool MakesOffering(SourceEntry entry, Tool tool)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tool);
        return entry.Host is { } host && !(host.IsVendorApi && SpeaksForTool(entry, tool)) && entry.Facts.HasTokenPrices;
    }

    private static ToolFacts ApplyToolFacts(ToolFacts facts, SourceEntry entry, DateOnly today, List<FactOutcome> outcomes)
    {
        var r = entry.Facts;
        var p = entry.Provenance;
        SourcedFact<T> Sourced<T>(T value) => new() { Value = value, Source = p.Source, AsOf = p.AsOf, Status = p.Status, Note = entry.Note };

        if (r.HasTokenPrices)
        {
            var proposed = MergePricing(facts.Pricing?.Value, r);
            facts = facts with { Pricing = Merge(FactName.Pricing, facts.Pricing, Sourced(proposed), SamePricing, PricingRead.Describe, outcomes, PricingAgrees) };
        }

        if (r.ContextWindow is { } context)
        {
            var withOutput = r.ContextWindowWithOutput;
            facts = facts with
            {
                ContextWindow = Merge(FactName.ContextWindow, facts.ContextWindow, Sourced(context), (a, b) => SameTokens(a, b) || a == withOutput, FactFormat.Tokens, outcomes),
            };
        }

        if (r.MaxOutputTokens is { } output)
        {
            facts = facts with { MaxOutputTokens = Merge(FactName.MaxOutputTokens, facts.MaxOutputTokens, Sourced(output), SameTokens, FactFormat.Tokens, outcomes) };
        }

        if (r.ToolCalling is { } tools)
        {
            facts = facts with { ToolCalling = Merge(FactName.ToolCalling, facts.ToolCalling, Sourced(tools), Equal, YesNo, outcomes) };
        }

        if (r.StructuredOutput is { } structured)
        {
            facts = facts with { StructuredOutput = Merge(FactName.StructuredOutput, facts.StructuredOutput, Sourced(structured), Equal, YesNo, outcomes) };
        }

        if (r.PromptCaching is { } caching)
        {
            facts = facts with { PromptCaching = Merge(FactName.PromptCaching, facts.PromptCaching, Sourced(caching), Equal, YesNo, outcomes) };
        }

        if (r.InputModalities.Count > 0 || r.NotInputModalities.Count > 0)
        {
            var proposed = Modalities(facts.InputModalities?.Value, r.InputModalities, r.NotInputModalities);
            if (proposed.Count > 0)
            {
                facts = facts with { InputModalities = Merge(FactName.InputModalities, facts.InputModalities, Sourced(proposed), SameSet, FactFormat.List, outcomes) };
            }
        }

        if (r.OutputModalities.Count > 0)
        {
            var proposed = Modalities(facts.OutputModalities?.Value, r.OutputModalities, []);
            facts = facts with { OutputModalities = Merge(FactName.OutputModalities, facts.OutputModalities, Sourced(proposed), SameSet, FactFormat.List, outcomes) };
        }

        if (r.ShutdownDate is { } shutdown && facts.Lifecycle?.Value.Status != LifecycleStatus.Unconfirmed)
        {
            var current = facts.Lifecycle?.Value;
            var proposed = (current ?? new Lifecycle { Status = LifecycleStatus.Active }) with
            {
                ShutdownDate = shutdown,
                Status = current?.Status == LifecycleStatus.Retired || shutdown <= today ? LifecycleStatus.Retired : LifecycleStatus.Deprecated,
            };
            if (proposed.DeprecationDate is { } deprecated && deprecated > shutdown)
            {
                proposed = proposed with { DeprecationDate = null };
            }

            facts = facts with
            {
                Lifecycle = Merge(FactName.Lifecycle, facts.Lifecycle, Sourced(proposed), (a, b) => a.ShutdownDate == b.ShutdownDate, FactDisplay.Lifecycle, outcomes),
            };
        }

        if (r.License is { } license)
        {
            facts = facts with { License = Merge(FactName.License, facts.License, Sourced(license), (a, b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase), FactFormat.License, outcomes) };
        }

        if (r.TotalBillions is { } total)
        {
            // The active count is not in the source; a kept one still describes the same model.
            var proposed = (facts.Parameters?.Value ?? new Parameters { TotalBillions = total }) with { TotalBillions = total };
            if (proposed.ActiveBillions is { } active && active >= total)
            {
                proposed = proposed with { ActiveBillions = null };
            }

            facts = facts with { Parameters = Merge(FactName.Parameters, facts.Parameters, Sourced(proposed), SameParameters, FactFormat.Parameters, outcomes) };
        }

        if (r.OpenWeights is { } open)
        {
            facts = facts with { OpenWeights = Merge(FactName.OpenWeights, facts.OpenWeights, Sourced(open), Equal, v => v ? "Open, downloadable" : "Closed", outcomes) };
        }

        return facts;
    }

    /// <summary>The one rule for a single fact; returns the fact the tool keeps.</summary>
    /// <param name="agrees">
    /// A weaker sameness for a verified fact: the source says the same about everything the fact
    /// says and only adds detail (a cached-input price). The verified fact is kept and confirmed.
    /// </param>
    private static SourcedFact<T>? Merge<T>(
        FactName name, SourcedFact<T>? current, SourcedFact<T> proposed, Func<T, T, bool> same, Func<T, string> text, List<FactOutcome> outcomes,
        Func<T, T, bool>? agrees = null)
    {
        var key = name.ToWire();
        var after = text(proposed.Value);
        if (current is null)
        {
            outcomes.Add(new FactOutcome(key, FactOutcomeKind.Added, null, after) { ProposedJson = Json(proposed), AsOf = proposed.AsOf });
            return proposed;
        }

        var before = text(current.Value);
        if (same(current.Value, proposed.Value) || current.Status == FactStatus.Verified && agrees?.Invoke(current.Value, proposed.Value) == true)
        {
            outcomes.Add(new FactOutcome(key, FactOutcomeKind.Confirmed, before, before) { AsOf = proposed.AsOf });
            return current;
        }

        var kind = Decide(current.Status, current.AsOf, proposed.AsOf);
        outcomes.Add(new FactOutcome(key, kind, before, after) { CurrentJson = Json(current), ProposedJson = Json(proposed), AsOf = proposed.AsOf });
        return kind == FactOutcomeKind.Changed ? proposed : current;
    }

    /// <summary>Which source wins when two values disagree.</summary>
    public static FactOutcomeKind Decide(FactStatus currentStatus, DateOnly currentAsOf, DateOnly proposedAsOf) =>
        currentStatus == FactStatus.Verified
            ? proposedAsOf > currentAsOf ? FactOutcomeKind.Conflict : FactOutcomeKind.Kept
            : proposedAsOf >= currentAsOf ? FactOutcomeKind.Changed : FactOutcomeKind.Kept;

    private static void ApplyOffering(List<Offering> offerings, SourceEntry entry, List<FactOutcome> outcomes)
    {
        var host = entry.Host!;
        var r = entry.Facts;
        var p = entry.Provenance;
        var index = offerings.FindIndex(o => SameOffering(o, host));
        var current = index >= 0 ? offerings[index] : null;
        var proposed = new Offering
        {
            Provider = current?.Provider ?? host.Provider,
            ProviderSlug = current?.ProviderSlug ?? host.ProviderSlug,
            ModelId = current?.ModelId ?? host.ModelId,
            Pricing = MergePricing(current?.Pricing, r),
            ContextWindow = r.ContextWindow ?? current?.ContextWindow,
            Source = p.Source,
            AsOf = p.AsOf,
            Status = p.Status,
            Note = entry.Note,
        };
        var key = OfferingKey(proposed);
        var after = FactDisplay.Offering(proposed);
        if (current is null)
        {
            offerings.Add(proposed);
            outcomes.Add(new FactOutcome(key, FactOutcomeKind.Added, null, after) { ProposedJson = JsonSerializer.Serialize(proposed, CatalogJson.Options), AsOf = p.AsOf });
            return;
        }

        var before = FactDisplay.Offering(current);
        var same = SamePricing(current.Pricing, proposed.Pricing)
            && (current.ContextWindow is null || proposed.ContextWindow is null || SameTokens(current.ContextWindow.Value, proposed.ContextWindow.Value));
        if (same)
        {
            outcomes.Add(new FactOutcome(key, FactOutcomeKind.Confirmed, before, after) { AsOf = p.AsOf });
            return;
        }

        var kind = Decide(current.Status, current.AsOf, p.AsOf);
        outcomes.Add(new FactOutcome(key, kind, before, after)
        {
            CurrentJson = JsonSerializer.Serialize(current, CatalogJson.Options),
            ProposedJson = JsonSerializer.Serialize(proposed, CatalogJson.Options),
            AsOf = p.AsOf,
        });
        if (kind == FactOutcomeKind.Changed)
        {
            offerings[index] = proposed;
        }
    }

    /// <summary>"offerings:OpenRouter:openai/gpt-4o": how a conflict names one offering.</summary>
    public static string OfferingKey(Offering offering)
    {
        ArgumentNullException.ThrowIfNull(offering);
        return $"{OfferingPrefix}{offering.Provider}:{offering.ModelId}";
    }

    public static bool SameOffering(Offering offering, SourceHost host)
    {
        ArgumentNullException.ThrowIfNull(offering);
        ArgumentNullException.ThrowIfNull(host);
        var sameProvider = string.Equals(offering.Provider, host.Provider, StringComparison.OrdinalIgnoreCase)
            || offering.ProviderSlug is { } slug && slug == host.ProviderSlug;
        return sameProvider && offering.ModelId is { } id
            && (string.Equals(id, host.ModelId, StringComparison.OrdinalIgnoreCase) || host.ModelIdVariants.Contains(id, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The catalog's pricing with the source's token prices laid over it; other parts (free tier, units) are kept.</summary>
    private static Pricing MergePricing(Pricing? current, ReportedFacts r)
    {
        var model = current?.Model is null or "free" or "open-source" ? "usage-based" : current.Model;
        return (current ?? new Pricing { Model = model }) with
        {
            Model = model,
            InputPerMillionTokensUsd = r.InputPerMillionTokensUsd ?? current?.InputPerMillionTokensUsd,
            OutputPerMillionTokensUsd = r.OutputPerMillionTokensUsd ?? current?.OutputPerMillionTokensUsd,
            CachedInputPerMillionTokensUsd = r.CachedInputPerMillionTokensUsd ?? current?.CachedInputPerMillionTokensUsd,
        };
    }

    private static bool PricingAgrees(Pricing verified, Pricing source) =>
        verified.Model == source.Model
        && (verified.InputPerMillionTokensUsd is null || verified.InputPerMillionTokensUsd == source.InputPerMillionTokensUsd)
        && (verified.OutputPerMillionTokensUsd is null || verified.OutputPerMillionTokensUsd == source.OutputPerMillionTokensUsd)
        && (verified.CachedInputPerMillionTokensUsd is null || verified.CachedInputPerMillionTokensUsd == source.CachedInputPerMillionTokensUsd);

    private static bool SamePricing(Pricing a, Pricing b) =>
        a.Model == b.Model
        && a.InputPerMillionTokensUsd == b.InputPerMillionTokensUsd
        && a.OutputPerMillionTokensUsd == b.OutputPerMillionTokensUsd
        && a.CachedInputPerMillionTokensUsd == b.CachedInputPerMillionTokensUsd;

    // 128,000 and 131,072 both read "128K tokens": the same window as a reader knows it.
    private static bool SameTokens(int a, int b) => FactFormat.Tokens(a) == FactFormat.Tokens(b);

    // A safetensors count (480.15B) and the name's round figure (480B) are one model; 2.5 % apart is not a new fact.
    private static bool SameParameters(Parameters a, Parameters b) =>
        Math.Abs(a.TotalBillions - b.TotalBillions) <= 0.025m * Math.Max(a.TotalBillions, b.TotalBillions);

    private static bool Equal<T>(T a, T b) => EqualityComparer<T>.Default.Equals(a, b);

    private static bool SameSet(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(b);

    private static string YesNo(bool value) => value ? "Yes" : "No";

    /// <summary>What the catalog holds, plus what the source says the model takes, minus what it says it does not, in taxonomy order.</summary>
    private static IReadOnlyList<string> Modalities(IReadOnlyList<string>? current, IReadOnlyList<string> yes, IReadOnlyList<string> no)
    {
        var set = new HashSet<string>(current ?? [], StringComparer.OrdinalIgnoreCase);
        set.UnionWith(yes.Where(m => Taxonomy.Modalities.Contains(m)));
        set.ExceptWith(no);
        return [.. Taxonomy.Modalities.Where(set.Contains), .. set.Where(m => !Taxonomy.Modalities.Contains(m)).Order(StringComparer.Ordinal)];
    }

    private static string Json<T>(SourcedFact<T> fact) => JsonSerializer.Serialize(fact, CatalogJson.Options);

    /// <summary>A USD-per-token price as USD per million tokens, without float noise or trailing zeros.</summary>
    public static decimal PerMillion(decimal perToken) =>
        decimal.Parse(Math.Round(perToken * 1_000_000m, 6).ToString("0.######", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
