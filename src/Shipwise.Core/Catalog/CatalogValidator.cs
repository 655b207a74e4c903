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

    [GeneratedRegex(@"^(proprietary|LicenseRef-[A-Za-z0-9.\-]+|[A-Za-z0-9][A-Za-z0-9.\-+]*)\z")]
    private static partial Regex LicenseShape();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.\-_+]*\z")]
    private static partial Regex TokenShape();

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
        CheckFact(facts.OpenWeights, "openWeights", today, fail, _ => null);
        CheckFact(facts.Parameters, "parameters", today, fail, p =>
            p.TotalBillions <= 0 ? "totalBillions must be greater than 0"
            : p.ActiveBillions is { } active && (active <= 0 || active > p.TotalBillions) ? "activeBillions must be greater than 0 and at most totalBillions"
            : null);
        CheckFact(facts.InputModalities, "inputModalities", today, fail, m => InList(m, Taxonomy.Modalities, "modality"));
        CheckFact(facts.OutputModalities, "outputModalities", today, fail, m => InList(m, Taxonomy.Modalities, "modality"));
        CheckFact(facts.ContextWindow, "contextWindow", today, fail, c => c is > 0 and <= 100_000_000 ? null : $"{c} tokens is not a plausible context window");
        CheckFact(facts.Pricing, "pricing", today, fail, CheckPricing);
        CheckFact(facts.DeploymentTargets, "deploymentTargets", today, fail, d => InList(d, Taxonomy.DeploymentTargets, "deployment target"));
        CheckFact(facts.Runtimes, "runtimes", today, fail, Tokens);
        CheckFact(facts.Quantizations, "quantizations", today, fail, Tokens);
        CheckFact(facts.Competitors, "competitors", today, fail, competitors =>
            competitors.FirstOrDefault(c => !Slug.IsValid(c)) is { } bad ? $"'{bad}' is not a valid slug"
            : competitors.Any(c => c == tool.Slug || tool.Aliases.Any(a => Slug.From(a ?? "") == c)) ? "a tool cannot compete with itself (by its slug or an alias)"
            : null);
        CheckFact(facts.DataResidency, "dataResidency", today, fail, Tokens);
        CheckFact(facts.Certifications, "certifications", today, fail, c => c.Any(string.IsNullOrWhiteSpace) ? "contains an empty entry" : null);
        CheckFact(facts.UptimeSla, "uptimeSla", today, fail, u => u is > 0 and <= 100 ? null : "must be a percentage between 0 and 100");
        CheckFact(facts.Support, "support", today, fail, Tokens);

        for (var i = 0; i < facts.Benchmarks.Count; i++)
        {
            var b = facts.Benchmarks[i];
            var at = $"benchmarks[{i}]";
            if (string.IsNullOrWhiteSpace(b.Name))
            {
                fail($"{at}.name", "is required");
            }

            if (!Taxonomy.BenchmarkAuthors.Contains(b.Author))
            {
                fail($"{at}.author", $"'{b.Author}' must be 'vendor' or 'third-party'");
            }

            CheckSource(b.Source, b.AsOf, $"{at}", today, fail);
        }
    }

    private static string? CheckPricing(Pricing p)
    {
        if (!Taxonomy.PricingModels.Contains(p.Model))
        {
            return $"model '{p.Model}' is not one of: {string.Join(", ", Taxonomy.PricingModels)}";
        }

        if (p.InputPerMillionTokensUsd < 0 || p.OutputPerMillionTokensUsd < 0 || p.MonthlyUsd < 0)
        {
            return "prices cannot be negative";
        }

        if (p.Model is "free" or "open-source" && (p.InputPerMillionTokensUsd > 0 || p.OutputPerMillionTokensUsd > 0 || p.MonthlyUsd > 0))
        {
            return $"a '{p.Model}' tool cannot carry a price; use 'freemium' or 'usage-based'";
        }

        if (p.Model == "usage-based" && p.InputPerMillionTokensUsd is null && p.OutputPerMillionTokensUsd is null)
        {
            return "usage-based pricing needs inputPerMillionTokensUsd or outputPerMillionTokensUsd";
        }

        if (p.Model == "subscription" && p.MonthlyUsd is null)
        {
            return "subscription pricing needs monthlyUsd";
        }

        return null;
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
