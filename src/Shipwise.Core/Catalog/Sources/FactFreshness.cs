namespace Shipwise.Core.Catalog.Sources;

/// <summary>A fact older than the site's limit (Catalog:StaleAfterDays), and when it was last read or confirmed.</summary>
public sealed record StaleFact(FactName Fact, string Label, DateOnly AsOf, DateOnly? CheckedOn, int AgeDays)
{
    /// <summary>The newest of the fact's date and the day a source last read the same value.</summary>
    public DateOnly LastSeen => CheckedOn is { } checkedOn && checkedOn > AsOf ? checkedOn : AsOf;
}

/// <summary>
/// The one place that decides which facts are stale. A fact is stale when neither its own date nor
/// the last day a source confirmed its value is within the limit. Measurements (evaluations, speed),
/// the release date and the editorial competitor list are dated by nature and never go stale.
/// A list fact (offerings) counts from its newest item.
/// </summary>
public static class FactFreshness
{
    private static readonly HashSet<FactName> _timeless = [FactName.Evaluations, FactName.Speed, FactName.ReleaseDate, FactName.Competitors];

    public static IReadOnlyList<StaleFact> Stale(Tool tool, DateOnly today, int staleAfterDays, IReadOnlyDictionary<string, DateOnly> checkedOn)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(checkedOn);
        var stale = new List<StaleFact>();
        foreach (var fact in FactNames.All.Where(f => !_timeless.Contains(f)))
        {
            var dates = fact.ProvenancesOf(tool).Select(p => p.AsOf).ToList();
            if (dates.Count == 0)
            {
                continue;
            }

            var asOf = dates.Max();
            DateOnly? checkedDay = checkedOn.TryGetValue(fact.ToWire(), out var day) ? day : null;
            var lastSeen = checkedDay is { } c && c > asOf ? c : asOf;
            var age = today.DayNumber - lastSeen.DayNumber;
            if (age > staleAfterDays)
            {
                stale.Add(new StaleFact(fact, fact.Label(), asOf, checkedDay, age));
            }
        }

        return stale;
    }
}
