using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Shipwise.Core.Text;

namespace Shipwise.Core.Catalog;

/// <summary>One thing wrong with an input, located precisely enough to fix it.</summary>
public sealed record ValidationError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// Checks a tool against the catalog's rules. Pure: the caller supplies "today" and the
/// location prefix (a JSON path or a CSV row), so the same rules serve every input path.
/// </summary>
public static partial class CatalogValidator
{
    public const int MaxNameLength = 200;
    public const int MaxTaglineLength = 200;
    public const int MaxDescriptionLength = 5000;
    public const int MaxNoteLength = 1000;

    [GeneratedRegex(@"^(proprietary|LicenseRef-[A-Za-z0-9.\-]+|[A-Za-z0-9][A-Za-z0-9.\-+]*)\z")]
    private static partial Regex LicenseShape();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.\-_+]*\z")]
    private static partial Regex TokenShape();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.\-]{0,19}\z")]
    private static partial Regex BenchmarkVersion();

    public static List<ValidationError> Validate(Tool tool, string at, DateOnly today)
    {
        var errors = new List<ValidationError>();
        void Fail(string field, string message) => errors.Add(new($"{at}.{field}", message));

        if (!Slug.IsValid(tool.Slug))
        {
            Fail("slug", $"'{tool.Slug}' is not a valid slug: use lower-case letters, digits and single dashes, at most {Slug.MaxLength} characters, never '-vs-'");
        }

        RequireText(tool.Name, "name", MaxNameLength, Fail);
        RequireText(tool.Tagline, "tagline", MaxTaglineLength, Fail);
        if (tool.Description.Length > MaxDescriptionLength)
        {
            Fail("description", $"is {tool.Description.Length} characters; the limit is {MaxDescriptionLength}");
        }

        for (var i = 0; i < tool.Aliases.Count; i++)
        {
            var alias = Slug.From(tool.Aliases[i] ?? "");
            if (alias.Length == 0 || alias.Length > Slug.MaxLength)
            {
                Fail($"aliases[{i}]", "must contain letters or digits and be at most 100 characters");
            }
            else if (alias == tool.Slug)
            {
                Fail($"aliases[{i}]", $"'{tool.Aliases[i]}' is the tool's own slug");
            }
            else if (alias.Contains("-vs-", StringComparison.Ordinal))
            {
                Fail($"aliases[{i}]", "must not contain '-vs-', which is reserved for comparison URLs");
            }
        }

        RequireText(tool.Vendor?.Name, "vendor.name", MaxNameLength, Fail);
        CheckUrl(tool.Vendor?.Url, "vendor.url", Fail);
        if (!Taxonomy.Kinds.Contains(tool.Kind))
        {
            Fail("kind", $"'{tool.Kind}' is not a kind; use one of: {string.Join(", ", Taxonomy.Kinds)}");
        }

        if (Taxonomy.FindCategory(tool.Category) is null)
        {
            Fail("category", $"'{tool.Category}' is not a category; use one of: {string.Join(", ", Taxonomy.Categories.Select(c => c.Slug))}");
        }

        for (var i = 0; i < tool.BestFor.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(tool.BestFor[i]))
            {
                Fail($"bestFor[{i}]", "is empty");
            }
            else if (string.Equals(tool.BestFor[i].Trim(), tool.Tagline?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                Fail($"bestFor[{i}]", "repeats the tagline; name a concrete use case instead");
            }
        }

        CheckUrl(tool.Links.Homepage, "links.homepage", Fail);
        CheckUrl(tool.Links.Repository, "links.repository", Fail);
        CheckUrl(tool.Links.Docs, "links.docs", Fail);
        CheckUrl(tool.Links.ModelCard, "links.modelCard", Fail);
        CheckUrl(tool.Links.Pricing, "links.pricing", Fail);
        if (tool.ReleaseDate is { } released && released > today)
        {
            Fail("releaseDate", $"{released:yyyy-MM-dd} is in the future");
        }

        ValidateFacts(tool, tool.Facts, today, (field, message) => Fail($"facts.{field}", message));
        CheckTexts(tool, "", multiline: false, Fail);
        return errors;
    }

    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string Name)[]> _textProperties = new();

    // Every string anywhere in the tool, found by walking its records, so a field added later is covered too.
    // Descriptions and notes may run over lines; everything else is one line.
    private static void CheckTexts(object? value, string path, bool multiline, Action<string, string> fail)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (SafeText.Problem(text, multiline) is { } problem)
                {
                    fail(path, problem);
                }

                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    CheckTexts(item, $"{path}[{i++}]", multiline, fail);
                }

                return;
        }

        var type = value.GetType();
        if (type.Namespace != typeof(Tool).Namespace || type.IsValueType)
        {
            return;
        }

        var properties = _textProperties.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => (p, JsonNamingPolicy.CamelCase.ConvertName(p.Name)))
            .ToArray());
        foreach (var (property, name) in properties)
        {
            var nested = path.Length == 0 ? name : $"{path}.{name}";
            CheckTexts(property.GetValue(value), nested, multiline || name is "description" or "note", fail);
        }
    }

    private static void ValidateFacts(Tool tool, ToolFacts facts, DateOnly today, Action<string, string> fail)
    {
        CheckFact(facts.License, "license", today, fail, license =>
            LicenseShape().IsMatch(license) ? null : $"'{license}' is not an SPDX identifier, a LicenseRef- or 'proprietary'");
        CheckFact(facts.LicenseTerms, "licenseTerms", today, fail, terms =>
            terms.UserCap is <= 0 ? "userCap must be a positive number of monthly active users"
            : Tokens(terms.ExcludedRegions ?? []));
        CheckFact(facts.OpenWeights, "openWeights", today, fail, open =>
            open && tool.Kind == "api" ? "an 'api' entry has closed weights; an open-weight model is kind 'model'"
            : !open && tool.Kind == "model" ? "a 'model' entry has open weights; a model reached only through an API is kind 'api'"
            : null);
        CheckFact(facts.Lifecycle, "lifecycle", today, fail, l => CheckLifecycle(tool, l));
        CheckFact(facts.Parameters, "parameters", today, fail, p => CheckParameters(p.TotalBillions, p.ActiveBillions));
        CheckFact(facts.Sizes, "sizes", today, fail, sizes =>
            sizes.Count == 0 ? "lists no sizes; leave the fact out instead"
            : sizes.Select((s, i) => string.IsNullOrWhiteSpace(s.Name) ? $"[{i}].name is required"
                : CheckParameters(s.TotalBillions, s.ActiveBillions) is { } bad ? $"[{i}]: {bad}"
                : s.ContextWindow is <= 0 ? $"[{i}].contextWindow must be positive"
                : null).FirstOrDefault(m => m is not null));
        CheckFact(facts.InputModalities, "inputModalities", today, fail, m => InList(m, Taxonomy.Modalities, "modality"));
        CheckFact(facts.OutputModalities, "outputModalities", today, fail, m => InList(m, Taxonomy.Modalities, "modality"));
        CheckFact(facts.ContextWindow, "contextWindow", today, fail, c => c is > 0 and <= 100_000_000 ? null : $"{c} tokens is not a plausible context window");
        CheckFact(facts.MaxOutputTokens, "maxOutputTokens", today, fail, c => c is > 0 and <= 100_000_000 ? null : $"{c} tokens is not a plausible output limit");
        // A note that says why no figure is published (credits, per-generation quotes) stands in for the figure.
        CheckFact(facts.Pricing, "pricing", today, fail, p => CheckPricing(p, facts.Pricing?.Note is { Length: > 0 } ? "explained" : tool.Kind));
        CheckFact(facts.DeploymentTargets, "deploymentTargets", today, fail, d => InList(d, Taxonomy.DeploymentTargets, "deployment target"));
        CheckFact(facts.Platforms, "platforms", today, fail, d => InList(d, Taxonomy.Platforms, "platform"));
        CheckFact(facts.Runtimes, "runtimes", today, fail, Tokens);
        CheckFact(facts.Quantizations, "quantizations", today, fail, Tokens);
        CheckFact(facts.ServingFeatures, "servingFeatures", today, fail, Tokens);
        CheckFact(facts.HardwareBackends, "hardwareBackends", today, fail, Tokens);
        CheckFact(facts.AcceleratorMemoryGb, "acceleratorMemoryGb", today, fail, m => m > 0 ? null : "must be greater than 0");
        CheckFact(facts.OpenaiCompatible, "openaiCompatible", today, fail, _ => null);
        CheckFact(facts.ToolCalling, "toolCalling", today, fail, _ => null);
        CheckFact(facts.StructuredOutput, "structuredOutput", today, fail, _ => null);
        CheckFact(facts.Streaming, "streaming", today, fail, _ => null);
        CheckFact(facts.PromptCaching, "promptCaching", today, fail, _ => null);
        CheckFact(facts.BatchDiscountPercent, "batchDiscountPercent", today, fail, d => d is >= 0 and <= 100 ? null : "must be a percentage between 0 and 100");
        CheckFact(facts.FineTuning, "fineTuning", today, fail, _ => null);
        CheckFact(facts.RateLimits, "rateLimits", today, fail, r =>
            string.IsNullOrWhiteSpace(r.Tier) ? "tier is required: say which account tier the limits are for"
            : r.RequestsPerMinute is null && r.TokensPerMinute is null ? "needs requestsPerMinute or tokensPerMinute"
            : r.RequestsPerMinute is <= 0 || r.TokensPerMinute is <= 0 ? "limits must be positive"
            : null);
        CheckFact(facts.Sdks, "sdks", today, fail, Tokens);
        CheckFact(facts.DataRetentionDays, "dataRetentionDays", today, fail, d => d >= 0 ? null : "cannot be negative");
        CheckFact(facts.TrainsOnInputs, "trainsOnInputs", today, fail, _ => null);
        CheckFact(facts.ZeroDataRetention, "zeroDataRetention", today, fail, _ => null);
        CheckFact(facts.DataResidency, "dataResidency", today, fail, Tokens);
        CheckFact(facts.Dpa, "dpa", today, fail, _ => null);
        CheckFact(facts.Certifications, "certifications", today, fail, c => c.Any(string.IsNullOrWhiteSpace) ? "contains an empty entry" : null);
        CheckFact(facts.UptimeSla, "uptimeSla", today, fail, u => u is > 0 and <= 100 ? null : "must be a percentage between 0 and 100");
        CheckFact(facts.Support, "support", today, fail, Tokens);
        CheckFact(facts.Competitors, "competitors", today, fail, competitors =>
            competitors.FirstOrDefault(c => !Slug.IsValid(c)) is { } bad ? $"'{bad}' is not a valid slug"
            : competitors.Any(c => c == tool.Slug || tool.Aliases.Any(a => Slug.From(a ?? "") == c)) ? "a tool cannot compete with itself (by its slug or an alias)"
            : null);

        for (var i = 0; i < facts.Evaluations.Count; i++)
        {
            CheckEvaluation(facts.Evaluations[i], $"evaluations[{i}]", today, fail);
        }

        for (var i = 0; i < facts.Speed.Count; i++)
        {
            var s = facts.Speed[i];
            var at = $"speed[{i}]";
            if (s.OutputTokensPerSecond is null && s.TimeToFirstTokenSeconds is null)
            {
                fail(at, "needs outputTokensPerSecond or timeToFirstTokenSeconds");
            }
            else if (s.OutputTokensPerSecond is <= 0 || s.TimeToFirstTokenSeconds is <= 0)
            {
                fail(at, "measurements must be positive");
            }

            RequireText(s.Provider, $"{at}.provider", MaxNameLength, fail);
            RequireText(s.MeasuredBy, $"{at}.measuredBy", MaxNameLength, fail);
            CheckRelation(s.Relation, $"{at}.relation", fail);
            CheckSource(s.Source, s.AsOf, at, today, fail);
            CheckNote(s.Note, at, fail);
        }

        for (var i = 0; i < facts.Offerings.Count; i++)
        {
            var o = facts.Offerings[i];
            var at = $"offerings[{i}]";
            RequireText(o.Provider, $"{at}.provider", MaxNameLength, fail);
            if (o.ProviderSlug is { } provider && !Slug.IsValid(provider))
            {
                fail($"{at}.providerSlug", $"'{provider}' is not a valid slug");
            }

            if (o.Pricing is null)
            {
                fail($"{at}.pricing", "is required");
            }
            else if (CheckPricing(o.Pricing, "offering") is { } problem)
            {
                fail($"{at}.pricing", problem);
            }

            if (o.ContextWindow is <= 0)
            {
                fail($"{at}.contextWindow", "must be positive");
            }

            CheckSource(o.Source, o.AsOf, at, today, fail);
            CheckNote(o.Note, at, fail);
        }
    }

    private static void CheckEvaluation(Evaluation e, string at, DateOnly today, Action<string, string> fail)
    {
        if (e.Benchmark is null || !TokenShape().IsMatch(e.Benchmark))
        {
            fail($"{at}.benchmark", $"'{e.Benchmark}' must be a benchmark key such as 'mmmu' or 'swe-bench-verified' (docs/catalog.md lists them)");
        }
        else if (Benchmarks.Find(e.Benchmark) is null && string.IsNullOrWhiteSpace(e.Name))
        {
            fail($"{at}.name", $"'{e.Benchmark}' is not a known benchmark key; give it a display name");
        }

        if (!Taxonomy.EvaluationUnits.Contains(e.Unit))
        {
            fail($"{at}.unit", $"'{e.Unit}' is not a unit; use one of: {string.Join(", ", Taxonomy.EvaluationUnits)}");
        }
        else if (e.Unit is "percent" or "wer" && e.Score is < 0 or > 100)
        {
            fail($"{at}.score", $"{e.Score} is not a percentage");
        }
        else if (Benchmarks.Find(e.Benchmark ?? "") is { } known && known.Unit != e.Unit)
        {
            fail($"{at}.unit", $"{known.Name} is reported in {known.Unit}, not {e.Unit}");
        }

        if (e.Version is not null && !BenchmarkVersion().IsMatch(e.Version))
        {
            fail($"{at}.version", $"'{e.Version}' is not a version: write it as the benchmark does, e.g. v4.0 (letters, digits, dots and dashes, up to 20)");
        }

        RequireText(e.Evaluator, $"{at}.evaluator", MaxNameLength, fail);
        CheckRelation(e.Relation, $"{at}.relation", fail);
        CheckSource(e.Source, e.AsOf, at, today, fail);
        CheckNote(e.Note, at, fail);
    }

    private static void CheckRelation(string? relation, string field, Action<string, string> fail)
    {
        if (!EvaluatorRelation.All.Contains(relation ?? ""))
        {
            fail(field, $"'{relation}' is not a relation; use one of: {string.Join(", ", EvaluatorRelation.All)}");
        }
    }

    private static string? CheckLifecycle(Tool tool, Lifecycle lifecycle)
    {
        if (!LifecycleStatus.All.Contains(lifecycle.Status ?? ""))
        {
            return $"status '{lifecycle.Status}' is not one of: {string.Join(", ", LifecycleStatus.All)}";
        }

        if (lifecycle.Successor is { } successor && (!Slug.IsValid(successor) || successor == tool.Slug))
        {
            return successor == tool.Slug ? "a tool cannot succeed itself" : $"successor '{successor}' is not a valid slug";
        }

        return lifecycle is { DeprecationDate: { } deprecated, ShutdownDate: { } shutdown } && shutdown < deprecated
            ? "shutdownDate comes before deprecationDate"
            : null;
    }

    private static string? CheckParameters(decimal total, decimal? active) =>
        total <= 0 ? "totalBillions must be greater than 0"
        : active is { } a && (a <= 0 || a > total) ? "activeBillions must be greater than 0 and at most totalBillions"
        : null;

    private static string? CheckPricing(Pricing p, string kind)
    {
        if (!Taxonomy.PricingModels.Contains(p.Model))
        {
            return $"model '{p.Model}' is not one of: {string.Join(", ", Taxonomy.PricingModels)}";
        }

        var units = p.Units ?? [];
        if (p.InputPerMillionTokensUsd < 0 || p.OutputPerMillionTokensUsd < 0 || p.CachedInputPerMillionTokensUsd < 0 || p.MonthlyUsd < 0 || units.Any(u => u.Usd < 0))
        {
            return "prices cannot be negative";
        }

        if (units.FirstOrDefault(u => !Taxonomy.PriceUnits.Contains(u.Unit)) is { } unit)
        {
            return $"unit '{unit.Unit}' is not one of: {string.Join(", ", Taxonomy.PriceUnits)}";
        }

        var priced = p.InputPerMillionTokensUsd > 0 || p.OutputPerMillionTokensUsd > 0 || p.MonthlyUsd > 0 || units.Any(u => u.Usd > 0);
        if (p.Model is "free" or "open-source" && priced)
        {
            return $"a '{p.Model}' tool cannot carry a price; use 'freemium' or 'usage-based'";
        }

        // A provider prices each model it hosts, an offering can be on record before its price is,
        // and a noted fact may explain why there is no figure: those may say "usage-based" alone.
        if (p.Model == "usage-based" && kind is not ("provider" or "offering" or "explained") && p.InputPerMillionTokensUsd is null && p.OutputPerMillionTokensUsd is null && units.Count == 0)
        {
            return "usage-based pricing needs inputPerMillionTokensUsd, outputPerMillionTokensUsd or a unit price";
        }

        if (p.Model == "subscription" && p.MonthlyUsd is null && !units.Any(u => u.Unit == "seat-month"))
        {
            return "subscription pricing needs monthlyUsd";
        }

        return null;
    }

    /// <summary>Checks a group's own shape; whether its members exist is the importer's to check.</summary>
    public static List<ValidationError> Validate(ToolGroup group, string at)
    {
        ArgumentNullException.ThrowIfNull(group);
        var errors = new List<ValidationError>();
        void Fail(string field, string message) => errors.Add(new($"{at}.{field}", message));
        if (!Slug.IsValid(group.Slug))
        {
            Fail("slug", $"'{group.Slug}' is not a valid slug: use lower-case letters, digits and single dashes, never '-vs-'");
        }

        RequireText(group.Name, "name", MaxNameLength, Fail);
        if (!Taxonomy.GroupKinds.Contains(group.Kind ?? ""))
        {
            Fail("kind", $"'{group.Kind}' is not a group kind; use one of: {string.Join(", ", Taxonomy.GroupKinds)}");
        }

        var members = group.Members ?? [];
        if (members.Count < 2)
        {
            Fail("members", "a group joins at least two tools");
        }

        if (members.FirstOrDefault(m => !Slug.IsValid(m)) is { } bad)
        {
            Fail("members", $"'{bad}' is not a valid slug");
        }
        else if (members.Distinct(StringComparer.Ordinal).Count() != members.Count)
        {
            Fail("members", "lists a tool twice");
        }

        for (var i = 0; i < group.Aliases.Count; i++)
        {
            var alias = Slug.From(group.Aliases[i] ?? "");
            if (alias.Length == 0 || alias.Length > Slug.MaxLength || alias.Contains("-vs-", StringComparison.Ordinal))
            {
                Fail($"aliases[{i}]", "must contain letters or digits, be at most 100 characters and never contain '-vs-'");
            }
        }

        if (group.Note is { Length: > MaxNoteLength })
        {
            Fail("note", $"is {group.Note.Length} characters; the limit is {MaxNoteLength}");
        }

        return errors;
    }

    private static string? InList(IReadOnlyList<string> values, IReadOnlyList<string> allowed, string what) =>
        values.FirstOrDefault(v => !allowed.Contains(v)) is { } bad
            ? $"'{bad}' is not a {what}; use one of: {string.Join(", ", allowed)}"
            : null;

    private static string? Tokens(IReadOnlyList<string> values) =>
        values.FirstOrDefault(v => v is null || !TokenShape().IsMatch(v)) is { } bad
            ? $"'{bad}' must be a lower-case token such as 'gguf' or 'q4_k_m'"
            : null;

    private static void CheckFact<T>(SourcedFact<T>? fact, string field, DateOnly today, Action<string, string> fail, Func<T, string?> checkValue)
    {
        if (fact is null)
        {
            return;
        }

        if (fact.Value is null)
        {
            fail($"{field}.value", "is required");
        }
        else if (checkValue(fact.Value) is { } problem)
        {
            fail($"{field}.value", problem);
        }

        CheckSource(fact.Source, fact.AsOf, field, today, fail);
        CheckNote(fact.Note, field, fail);
    }

    private static void CheckNote(string? note, string field, Action<string, string> fail)
    {
        if (note is { Length: > MaxNoteLength })
        {
            fail($"{field}.note", $"is {note.Length} characters; the limit is {MaxNoteLength}");
        }
    }

    private static void CheckSource(string? source, DateOnly asOf, string field, DateOnly today, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            fail($"{field}.source", "is required: every fact names where it came from");
        }
        else
        {
            CheckUrl(source, $"{field}.source", fail);
        }

        if (asOf == default)
        {
            fail($"{field}.asOf", "is required");
        }
        else if (asOf > today)
        {
            fail($"{field}.asOf", $"{asOf:yyyy-MM-dd} is in the future");
        }
    }

    private static void RequireText(string? text, string field, int max, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            fail(field, "is required");
        }
        else if (text.Length > max)
        {
            fail(field, $"is {text.Length} characters; the limit is {max}");
        }
    }

    private static void CheckUrl(string? url, string field, Action<string, string> fail)
    {
        if (url is null)
        {
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            fail(field, $"'{url}' is not an absolute http(s) URL");
        }
    }
}
