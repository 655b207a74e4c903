namespace Shipwise.Core.Compare;

/// <summary>Each critic's verdict on both sides, in panel order.</summary>
internal static class ScorecardBuilder
{
    public static IReadOnlyList<ScorecardRow> Build(CompareSide left, CompareSide right, IReadOnlyList<CompareCritic> critics)
    {
        // The panel list sets the seats; a review by a critic no longer on it still shows, after its order.
        var seats = new Dictionary<string, CompareCritic>(StringComparer.Ordinal);
        foreach (var critic in critics)
        {
            seats.TryAdd(critic.Slug, critic);
        }

        foreach (var take in left.Takes.Concat(right.Takes))
        {
            seats.TryAdd(take.CriticSlug, new CompareCritic(take.CriticSlug, take.CriticName, take.Order));
        }

        return
        [
            .. seats.Values
                .OrderBy(c => c.Order)
                .ThenBy(c => c.Slug, StringComparer.Ordinal)
                .Select(c => Row(c, Find(left, c.Slug), Find(right, c.Slug))),
        ];
    }

    private static CriticTake? Find(CompareSide side, string critic) =>
        side.Takes.FirstOrDefault(t => string.Equals(t.CriticSlug, critic, StringComparison.Ordinal));

    private static ScorecardRow Row(CompareCritic critic, CriticTake? left, CriticTake? right)
    {
        var higher = (left?.Score, right?.Score) switch
        {
            ({ } l, { } r) when l > r => Leader.Left,
            ({ } l, { } r) when l < r => Leader.Right,
            ({ }, { }) => Leader.Tie,
            _ => Leader.None,
        };
        return new ScorecardRow(critic.Slug, critic.Name, critic.Order, left, right, higher);
    }
}
