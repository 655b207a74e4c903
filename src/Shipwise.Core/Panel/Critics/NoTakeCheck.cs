using System.Globalization;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Scoring;
using Shipwise.Core.Panel.Writing;

namespace Shipwise.Core.Panel.Critics;

/// <summary>Applies a critic's no-take rule. The reason it returns is worded to follow "No take: …".</summary>
public static class NoTakeCheck
{
    public static string? Reason(NoTakeRule rule, string kind, FactView facts, IReadOnlyList<CriterionResult> criteria)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(facts);
        if (rule.Kinds.Count > 0 && !rule.Kinds.Contains(kind))
        {
            return $"it is listed as kind '{kind}', and I only judge {Or(rule.Kinds)}";
        }

        var missing = rule.RequireFacts.Where(f => !facts.Has(f)).ToList();
        if (missing.Count > 0)
        {
            return $"{FactText.List([.. missing.Select(m => m.Noun())])} {(missing.Count == 1 && !missing[0].IsPluralNoun() ? "is" : "are")} not on record";
        }

        if (rule.RequireAnyModality.Count > 0)
        {
            var modalities = (facts.Facts.InputModalities?.Value ?? []).Concat(facts.Facts.OutputModalities?.Value ?? []);
            if (!modalities.Any(rule.RequireAnyModality.Contains))
            {
                return $"nothing on record says it takes in or puts out {Or(rule.RequireAnyModality)}";
            }
        }

        if (criteria.All(c => c.Score is null))
        {
            return "none of the facts I weigh are on record";
        }

        var coverage = ReviewScore.Coverage(criteria);
        if (coverage < rule.MinCoverage)
        {
            // Floor the share and ceil the need, so the sentence never reads "40%, and I need 40%".
            var have = (int)Math.Floor(coverage * 100);
            var need = (int)Math.Ceiling(Math.Round(rule.MinCoverage * 100, 6));
            return string.Create(CultureInfo.InvariantCulture, $"only {have}% of what I weigh is on record with enough trust behind it, and I need {need}%");
        }

        return null;
    }

    private static string Or(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} or {items[^1]}",
    };
}
