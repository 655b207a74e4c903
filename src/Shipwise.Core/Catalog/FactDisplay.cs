using System.Globalization;

namespace Shipwise.Core.Catalog;

/// <summary>
/// One line of a tool's facts as a reader sees it. A list fact (evaluations, offerings, speed,
/// sizes) gives one line per item. <see cref="Derived"/> lines are worked out from another fact
/// (memory from parameters) and carry that fact's provenance.
/// </summary>
public sealed record FactLine(FactName Fact, string Label, string Value, Provenance? Provenance, string? Note, bool Derived = false)
{
    /// <summary>A slug this line points at (a successor), so a page can link it by name.</summary>
    public string? LinkSlug { get; init; }
}

/// <summary>
/// How every fact reads on a page, in a comparison and in the API: one formatter per fact, so a
/// context window cannot read "131K" in one place and "128K" in another.
/// </summary>
public static class FactDisplay
{
    /// <summary>Every line of every fact on record, in <see cref="FactNames.All"/> order.</summary>
    public static IReadOnlyList<FactLine> All(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return [.. FactNames.All.SelectMany(f => Lines(tool, f))];
    }

    /// <summary>The lines of one fact; none when it is not on record.</summary>
    public static IReadOnlyList<FactLine> Lines(Tool tool, FactName fact)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var f = tool.Facts;
        return fact switch
        {
            FactName.Evaluations => [.. f.Evaluations.Select(e => new FactLine(fact, EvaluationLabel(e), Evaluation(e), new(e.Source, e.AsOf, e.Status), e.Note))],
            FactName.Speed => [.. f.Speed.Select(s => new FactLine(fact, s.Provider, Speed(s), new(s.Source, s.AsOf, s.Status), s.Note))],
            FactName.Offerings => [.. f.Offerings.Select(o => new FactLine(fact, o.Provider, Offering(o), new(o.Source, o.AsOf, o.Status), o.Note))],
            FactName.Sizes when f.Sizes is { } sizes => [.. sizes.Value.Select(s => new FactLine(fact, s.Name, Size(s), Of(sizes), sizes.Note))],
            FactName.Parameters when f.Parameters is { } p =>
            [
                Line(fact, p, FactFormat.Parameters(p.Value)),
                new FactLine(fact, "Memory for the weights", Memory(p.Value), Of(p),
                    "Worked out from the total parameters; the KV cache and activations come on top.", Derived: true),
            ],
            FactName.Lifecycle when f.Lifecycle is { } l => [Line(fact, l, Lifecycle(l.Value)) with { LinkSlug = l.Value.Successor }],
            FactName.ReleaseDate when tool.ReleaseDate is { } date =>
                [new FactLine(fact, fact.Label(), FactFormat.Date(date), fact.ProvenancesOf(tool).First(), null)],
            _ => Value(tool, fact) is { } value && Single(f, fact) is { } provenance
                ? [new FactLine(fact, fact.Label(), value, provenance.Provenance, provenance.Note)]
                : [],
        };
    }

    /// <summary>A single-fact value as one short string (for tables and strips); null when not on record or a list fact.</summary>
    public static string? Value(Tool tool, FactName fact)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var f = tool.Facts;
        return fact switch
        {
            FactName.InputModalities => f.InputModalities?.Value is { } i ? Items(i) : null,
            FactName.OutputModalities => f.OutputModalities?.Value is { } o ? Items(o) : null,
            FactName.ContextWindow => f.ContextWindow is { } c ? FactFormat.Tokens(c.Value) : null,
            FactName.MaxOutputTokens => f.MaxOutputTokens is { } m ? FactFormat.Tokens(m.Value) : null,
            FactName.Pricing => f.Pricing is { } p ? PricingRead.Describe(p.Value) : null,
            FactName.Parameters => f.Parameters is { } p ? FactFormat.Parameters(p.Value) : null,
            FactName.AcceleratorMemoryGb => f.AcceleratorMemoryGb is { } m ? FactFormat.Gigabytes(m.Value) : null,
            FactName.DeploymentTargets => f.DeploymentTargets?.Value is { } d ? Items([.. d.Select(FactFormat.Target)]) : null,
            FactName.Platforms => Tokens(f.Platforms),
            FactName.HardwareBackends => Tokens(f.HardwareBackends),
            FactName.Runtimes => Tokens(f.Runtimes),
            FactName.Quantizations => Tokens(f.Quantizations),
            FactName.ServingFeatures => Tokens(f.ServingFeatures),
            FactName.OpenaiCompatible => YesNo(f.OpenaiCompatible),
            FactName.ToolCalling => YesNo(f.ToolCalling),
            FactName.StructuredOutput => YesNo(f.StructuredOutput),
            FactName.Streaming => YesNo(f.Streaming),
            FactName.PromptCaching => YesNo(f.PromptCaching),
            FactName.BatchDiscountPercent => f.BatchDiscountPercent is { } b
                ? b.Value == 0 ? "No batch discount" : $"{FactFormat.Number(b.Value)}% off for batch jobs"
                : null,
            FactName.FineTuning => YesNo(f.FineTuning),
            FactName.RateLimits => f.RateLimits is { } r ? RateLimits(r.Value) : null,
            FactName.Sdks => Tokens(f.Sdks),
            FactName.DataRetentionDays => f.DataRetentionDays is { } d
                ? d.Value == 0 ? "Not kept" : d.Value == 1 ? "1 day" : $"{d.Value.ToString(CultureInfo.InvariantCulture)} days"
                : null,
            FactName.TrainsOnInputs => f.TrainsOnInputs is { } t ? t.Value ? "Yes, by default" : "No" : null,
            FactName.ZeroDataRetention => f.ZeroDataRetention is { } z ? z.Value ? "Available" : "Not offered" : null,
            FactName.DataResidency => f.DataResidency?.Value is { } regions ? Items([.. regions.Select(FactFormat.Region)]) : null,
            FactName.Dpa => f.Dpa is { } dpa ? dpa.Value ? "Offered" : "Not offered" : null,
            FactName.Certifications => f.Certifications?.Value is { } certs ? Items(certs) : null,
            FactName.License => f.License is { } l ? FactFormat.License(l.Value) : null,
            FactName.LicenseTerms => f.LicenseTerms is { } terms ? LicenseTerms(terms.Value) : null,
            FactName.OpenWeights => f.OpenWeights is { } w ? w.Value ? "Open, downloadable" : "Closed" : null,
            FactName.Lifecycle => f.Lifecycle is { } l ? Lifecycle(l.Value) : null,
            FactName.ReleaseDate => tool.ReleaseDate is { } date ? FactFormat.Date(date) : null,
            FactName.UptimeSla => f.UptimeSla is { } u ? $"{FactFormat.Number(u.Value)}%" : null,
            FactName.Support => Tokens(f.Support),
            FactName.Competitors => f.Competitors?.Value is { } c ? Items(c) : null,
            _ => null,
        };
    }

    /// <summary>"MMMU (val)": the benchmark's name and, when given, its setting.</summary>
    public static string EvaluationLabel(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var name = Benchmarks.DisplayName(evaluation) + (evaluation.Version is { Length: > 0 } version ? $" {version}" : "");
        return evaluation.Setting is { Length: > 0 } setting ? $"{name} ({setting})" : name;
    }

    /// <summary>"71.2% · run by Mistral AI, the vendor".</summary>
    public static string Evaluation(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return $"{Score(evaluation)} · {Who(evaluation.Evaluator, evaluation.Relation)}";
    }

    /// <summary>"71.2%", "1,432 Elo", "5.6% WER", "62.3 points".</summary>
    public static string Score(Evaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var n = FactFormat.Number(evaluation.Score);
        return evaluation.Unit switch
        {
            "percent" => n + "%",
            "elo" => evaluation.Score.ToString("#,0", CultureInfo.InvariantCulture) + " Elo",
            "wer" => n + "% WER",
            _ => n + " points",
        };
    }

    /// <summary>"run by LMArena, independent", "run by DeepSeek, a rival vendor".</summary>
    public static string Who(string evaluator, string relation) => relation switch
    {
        EvaluatorRelation.Vendor => $"run by {evaluator}, the vendor",
        EvaluatorRelation.RivalVendor => $"run by {evaluator}, a rival vendor",
        EvaluatorRelation.Independent => $"run by {evaluator}, independent",
        _ => $"published by {evaluator}, evaluator not named",
    };

    /// <summary>"85 tokens/s, 0.6 s to first token · measured by Artificial Analysis, independent".</summary>
    public static string Speed(SpeedMeasurement speed)
    {
        ArgumentNullException.ThrowIfNull(speed);
        var parts = new List<string>();
        if (speed.OutputTokensPerSecond is { } tps)
        {
            parts.Add($"{FactFormat.Number(tps)} tokens/s");
        }

        if (speed.TimeToFirstTokenSeconds is { } ttft)
        {
            parts.Add($"{FactFormat.Number(ttft)} s to first token");
        }

        return $"{string.Join(", ", parts)} · {Who(speed.MeasuredBy, speed.Relation).Replace("run by", "measured by", StringComparison.Ordinal)}";
    }

    public static string Offering(Offering offering)
    {
        ArgumentNullException.ThrowIfNull(offering);
        var price = PricingRead.Describe(offering.Pricing);
        return offering.ContextWindow is { } context ? $"{price}; {FactFormat.Tokens(context)}" : price;
    }

    public static string Size(ModelSize size)
    {
        ArgumentNullException.ThrowIfNull(size);
        var text = FactFormat.Parameters(new Parameters { TotalBillions = size.TotalBillions, ActiveBillions = size.ActiveBillions });
        return size.ContextWindow is { } context ? $"{text}, {FactFormat.Tokens(context)}" : text;
    }

    /// <summary>"810 GB at BF16, 405 GB at FP8, 203 GB at 4-bit".</summary>
    public static string Memory(Parameters parameters) =>
        string.Join(", ", MemoryNeeds.Of(parameters).Select(m => $"{FactFormat.Gigabytes(m.Gigabytes)} at {m.Precision}"));

    /// <summary>"Retired on 31 Aug 2026", "Deprecated; shuts down on 14 Jan 2027", "Active".</summary>
    public static string Lifecycle(Lifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        return lifecycle.Status switch
        {
            LifecycleStatus.Retired => lifecycle.ShutdownDate is { } off ? $"Retired on {FactFormat.Date(off)}" : "Retired",
            LifecycleStatus.Deprecated => lifecycle.ShutdownDate is { } off
                ? $"Deprecated; shuts down on {FactFormat.Date(off)}"
                : lifecycle.DeprecationDate is { } since ? $"Deprecated since {FactFormat.Date(since)}" : "Deprecated",
            LifecycleStatus.MaintenanceOnly => lifecycle.DeprecationDate is { } since
                ? $"Maintenance only since {FactFormat.Date(since)}"
                : "Maintenance only",
            LifecycleStatus.Preview => "Preview",
            LifecycleStatus.Unconfirmed => "Unconfirmed: no public source supports this name",
            _ => "Active",
        };
    }

    /// <summary>"Commercial use allowed; a separate licence above 700M monthly users; acceptable-use policy; excludes EU".</summary>
    public static string LicenseTerms(LicenseTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var parts = new List<string> { terms.CommercialUse ? "Commercial use allowed" : "No commercial use" };
        if (terms.UserCap is { } cap)
        {
            parts.Add($"a separate licence above {FactFormat.Count(cap)} monthly users");
        }

        if (terms.UseRestrictions == true)
        {
            parts.Add("acceptable-use policy restricts some uses");
        }

        if (terms.ExcludedRegions.Count > 0)
        {
            parts.Add($"excludes {Items([.. terms.ExcludedRegions.Select(FactFormat.Region)])}");
        }

        if (terms.AttributionRequired == true)
        {
            parts.Add("attribution required");
        }

        return string.Join("; ", parts);
    }

    public static string RateLimits(RateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var parts = new List<string>();
        if (limits.RequestsPerMinute is { } rpm)
        {
            parts.Add($"{FactFormat.Count(rpm)} requests/min");
        }

        if (limits.TokensPerMinute is { } tpm)
        {
            parts.Add($"{FactFormat.Count(tpm)} tokens/min");
        }

        return $"{string.Join(", ", parts)} ({limits.Tier})";
    }

    private static string Items(IReadOnlyList<string> items) => items.Count == 0 ? "None" : string.Join(", ", items);

    private static string? Tokens(SourcedFact<IReadOnlyList<string>>? fact) =>
        fact?.Value is { } items ? Items([.. items.Select(FactFormat.Token)]) : null;

    private static string? YesNo(SourcedFact<bool>? fact) => fact is null ? null : fact.Value ? "Yes" : "No";

    private static Provenance Of<T>(SourcedFact<T> fact) => new(fact.Source, fact.AsOf, fact.Status);

    private static FactLine Line<T>(FactName fact, SourcedFact<T> sourced, string value) =>
        new(fact, fact.Label(), value, Of(sourced), sourced.Note);

    // The provenance and note of a single-valued fact, whatever its value type.
    private static (Provenance Provenance, string? Note)? Single(ToolFacts f, FactName fact) => fact switch
    {
        FactName.InputModalities => P(f.InputModalities),
        FactName.OutputModalities => P(f.OutputModalities),
        FactName.ContextWindow => P(f.ContextWindow),
        FactName.MaxOutputTokens => P(f.MaxOutputTokens),
        FactName.Pricing => P(f.Pricing),
        FactName.AcceleratorMemoryGb => P(f.AcceleratorMemoryGb),
        FactName.DeploymentTargets => P(f.DeploymentTargets),
        FactName.Platforms => P(f.Platforms),
        FactName.HardwareBackends => P(f.HardwareBackends),
        FactName.Runtimes => P(f.Runtimes),
        FactName.Quantizations => P(f.Quantizations),
        FactName.ServingFeatures => P(f.ServingFeatures),
        FactName.OpenaiCompatible => P(f.OpenaiCompatible),
        FactName.ToolCalling => P(f.ToolCalling),
        FactName.StructuredOutput => P(f.StructuredOutput),
        FactName.Streaming => P(f.Streaming),
        FactName.PromptCaching => P(f.PromptCaching),
        FactName.BatchDiscountPercent => P(f.BatchDiscountPercent),
        FactName.FineTuning => P(f.FineTuning),
        FactName.RateLimits => P(f.RateLimits),
        FactName.Sdks => P(f.Sdks),
        FactName.DataRetentionDays => P(f.DataRetentionDays),
        FactName.TrainsOnInputs => P(f.TrainsOnInputs),
        FactName.ZeroDataRetention => P(f.ZeroDataRetention),
        FactName.DataResidency => P(f.DataResidency),
        FactName.Dpa => P(f.Dpa),
        FactName.Certifications => P(f.Certifications),
        FactName.License => P(f.License),
        FactName.LicenseTerms => P(f.LicenseTerms),
        FactName.OpenWeights => P(f.OpenWeights),
        FactName.UptimeSla => P(f.UptimeSla),
        FactName.Support => P(f.Support),
        FactName.Competitors => P(f.Competitors),
        _ => null,
    };

    private static (Provenance, string?)? P<T>(SourcedFact<T>? fact) => fact is null ? null : (Of(fact), fact.Note);
}
