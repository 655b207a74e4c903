using System.Globalization;

namespace Shipwise.Core.Catalog;

/// <summary>
/// One fact that changed between two versions of a tool, with the reason a review history
/// gives for a re-review, e.g. "after the price drop".
/// </summary>
/// <param name="Fact">The fact's wire name, e.g. "pricing" or "contextWindow".</param>
/// <param name="Before">The old value as a reader would say it; "not on record" when there was none.</param>
/// <param name="Phrase">A short reason that reads after "re-reviewed", e.g. "after the licence changed to Apache-2.0".</param>
public sealed record FactChange(string Fact, string Before, string After, string Phrase)
{
    /// <summary>The noun form used when several changes share one phrase: "the price drop", "the licence change".</summary>
    public string Short { get; init; } = "";

    /// <summary>True when only the source, date or status moved and the value stayed the same.</summary>
    public bool SourceOnly => string.Equals(Before, After, StringComparison.Ordinal);
}

/// <summary>Why a tool was re-reviewed, worked out from what changed in its facts.</summary>
public static class FactChanges
{
    public const string NotOnRecord = "not on record";
    private const int MaxListed = 3;

    private static readonly string[] _weight =
    [
        .. new[]
        {
            FactName.Pricing, FactName.License, FactName.OpenWeights, FactName.ContextWindow, FactName.Parameters,
            FactName.InputModalities, FactName.OutputModalities, FactName.DeploymentTargets, FactName.Certifications,
            FactName.DataResidency, FactName.UptimeSla, FactName.Evaluations, FactName.Runtimes, FactName.Quantizations,
            FactName.Support, FactName.Competitors,
        }.Select(f => f.ToWire()),
    ];

    /// <summary>Every fact whose value, source, date or status differs, in catalog order.</summary>
    public static IReadOnlyList<FactChange> Between(Tool before, Tool after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var b = before.Facts;
        var a = after.Facts;
        var changes = new List<FactChange>();

        Add(changes, FactName.License, b.License, a.License, v => v, Same,
            (_, now) => ($"after the licence changed to {now}", "the licence change"));
        Add(changes, FactName.OpenWeights, b.OpenWeights, a.OpenWeights, v => v ? "open" : "closed", (x, y) => x == y,
            (_, now) => now
                ? ("after open weights were released", "the open-weights release")
                : ("after the weights were closed", "the closing of the weights"),
            added: open => open ? ("after open weights were released", "the open-weights release") : null);
        Add(changes, FactName.Parameters, b.Parameters, a.Parameters, FactFormat.Parameters, (x, y) => x == y,
            (_, _) => ("after the parameter count changed", "the parameter change"));
        // 128,000 and 131,072 both read "128K tokens": a restatement, not a change a reader would notice.
        Add(changes, FactName.ContextWindow, b.ContextWindow, a.ContextWindow, FactFormat.Tokens, (x, y) => FactFormat.Tokens(x) == FactFormat.Tokens(y),
            (was, now) => now > was
                ? ($"after the context window grew to {FactFormat.Tokens(now)}", "the larger context window")
                : ($"after the context window shrank to {FactFormat.Tokens(now)}", "the smaller context window"));
        Add(changes, FactName.Pricing, b.Pricing, a.Pricing, PricingRead.Describe, (x, y) => x == y, PriceChange,
            added: _ => ("after pricing was published", "the published pricing"));
        AddList(changes, FactName.InputModalities, b.InputModalities, a.InputModalities,
            Gained(items => $"{FactFormat.List(items)} input"), Lost(items => $"{FactFormat.List(items)} input"));
        AddList(changes, FactName.OutputModalities, b.OutputModalities, a.OutputModalities,
            Gained(items => $"{FactFormat.List(items)} output"), Lost(items => $"{FactFormat.List(items)} output"));
        AddList(changes, FactName.DeploymentTargets, b.DeploymentTargets, a.DeploymentTargets,
            Gained(items => $"{FactFormat.List(items.Select(FactFormat.Target))} support"),
            Lost(items => $"{FactFormat.List(items.Select(FactFormat.Target))} support"));
        AddList(changes, FactName.Runtimes, b.Runtimes, a.Runtimes, New("runtimes"), Dropped("runtimes"));
        AddList(changes, FactName.Quantizations, b.Quantizations, a.Quantizations, New("quantizations"), Dropped("quantizations"));
        AddEvaluations(changes, b.Evaluations, a.Evaluations);
        AddList(changes, FactName.Competitors, b.Competitors, a.Competitors, New("competitors"), Dropped("competitors"));
        AddList(changes, FactName.DataResidency, b.DataResidency, a.DataResidency,
            New("data residency options", FactFormat.Region), Dropped("data residency options", FactFormat.Region));
        AddList(changes, FactName.Certifications, b.Certifications, a.Certifications, New("certifications"), Dropped("certifications"));
        Add(changes, FactName.UptimeSla, b.UptimeSla, a.UptimeSla, v => $"{FactFormat.Number(v)}%", (x, y) => x == y,
            (was, now) => now > was
                ? ($"after the uptime SLA rose to {FactFormat.Number(now)}%", "the higher uptime SLA")
                : ($"after the uptime SLA fell to {FactFormat.Number(now)}%", "the lower uptime SLA"));
        AddList(changes, FactName.Support, b.Support, a.Support, New("support options"), Dropped("support options"));
        return changes;
    }

    /// <summary>
    /// All changes as one phrase: "after the price drop and the licence change". Bookkeeping
    /// (a new source for the same value) is left out when anything real changed.
    /// </summary>
    public static string Describe(IReadOnlyList<FactChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        // Money and rights first: they are what a reader most wants to know moved.
        var ordered = changes.OrderBy(c => Array.IndexOf(_weight, c.Fact) is var i and >= 0 ? i : _weight.Length).ToList();
        var real = ordered.Where(c => !c.SourceOnly).ToList();
        var shown = real.Count > 0 ? real : ordered;
        if (shown.Count == 0)
        {
            return "";
        }

        if (shown.Count == 1)
        {
            return shown[0].Phrase;
        }

        var nouns = shown.Select(ShortOf).Distinct(StringComparer.Ordinal).ToList();
        if (nouns.Count == 1)
        {
            return real.Count == 0 ? "after the sources were updated" : shown[0].Phrase;
        }

        if (nouns.Count > MaxListed)
        {
            var more = nouns.Count - (MaxListed - 1);
            nouns = [.. nouns.Take(MaxListed - 1), $"{more} other changes"];
        }

        return "after " + FactFormat.List(nouns);
    }

    private static string ShortOf(FactChange change)
    {
        if (change.Short.Length > 0)
        {
            return change.Short;
        }

        const string After = "after ";
        return change.Phrase.StartsWith(After, StringComparison.Ordinal) ? change.Phrase[After.Length..] : change.Phrase;
    }

    private static bool Same(string x, string y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase);

    private static string Text(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);

    // Phrase makers for list facts: what was gained or lost, e.g. "after video input was added",
    // "after new certifications (SOC 2 Type II)".
    private static Func<IReadOnlyList<string>, (string, string)> Gained(Func<IReadOnlyList<string>, string> what) =>
        items => ($"after {what(items)} was added", $"the new {what(items)}");

    private static Func<IReadOnlyList<string>, (string, string)> Lost(Func<IReadOnlyList<string>, string> what) =>
        items => ($"after {what(items)} was dropped", $"the dropped {what(items)}");

    private static Func<IReadOnlyList<string>, (string, string)> New(string noun, Func<string, string>? item = null) =>
        items => ($"after new {noun} ({FactFormat.List(items.Select(item ?? (i => i)))})", $"new {noun}");

    private static Func<IReadOnlyList<string>, (string, string)> Dropped(string noun, Func<string, string>? item = null) =>
        items => ($"after {noun} {(noun.EndsWith('s') ? "were" : "was")} dropped ({FactFormat.List(items.Select(item ?? (i => i)))})", $"the dropped {noun}");

    /// <param name="changed">The phrase and short form when the value moved from the first to the second.</param>
    /// <param name="added">A better phrase than "was recorded" for a fact that appears, or null to use that.</param>
    private static void Add<T>(
        List<FactChange> changes,
        FactName name,
        SourcedFact<T>? before,
        SourcedFact<T>? after,
        Func<T, string> text,
        Func<T, T, bool> same,
        Func<T, T, (string Phrase, string Short)> changed,
        Func<T, (string Phrase, string Short)?>? added = null)
    {
        var fact = name.ToWire();
        var noun = name.Noun();
        var verb = name.IsPluralNoun() ? "were" : "was";
        switch (before, after)
        {
            case (null, null):
                return;
            case (null, { } now):
                var (phrase, brief) = added?.Invoke(now.Value) ?? ($"after {noun} {verb} recorded", $"the newly recorded {Bare(noun)}");
                changes.Add(new FactChange(fact, NotOnRecord, text(now.Value), phrase) { Short = brief });
                return;
            case ({ } was, null):
                changes.Add(new FactChange(fact, text(was.Value), NotOnRecord, $"after {noun} {verb} taken off the record")
                {
                    Short = $"the removal of {noun}",
                });
                return;
            case ({ } was, { } now) when same(was.Value, now.Value):
                if (was.Source == now.Source && was.AsOf == now.AsOf && was.Status == now.Status)
                {
                    return;
                }

                // Same value, new evidence: worth a line in the history, but not a reason the verdict moved.
                var value = text(now.Value);
                var verified = now.Status == FactStatus.Verified && was.Status != FactStatus.Verified;
                changes.Add(verified
                    ? new FactChange(fact, value, value, $"after {noun} {verb} verified") { Short = $"the verified {Bare(noun)}" }
                    : new FactChange(fact, value, value, "after the source was updated") { Short = "the source update" });
                return;
            case ({ } was, { } now):
                var (changedPhrase, changedShort) = changed(was.Value, now.Value);
                changes.Add(new FactChange(fact, text(was.Value), text(now.Value), changedPhrase) { Short = changedShort });
                return;
        }
    }

    /// <summary>Lists compare as sets: order and case are not a change.</summary>
    private static void AddList(
        List<FactChange> changes,
        FactName name,
        SourcedFact<IReadOnlyList<string>>? before,
        SourcedFact<IReadOnlyList<string>>? after,
        Func<IReadOnlyList<string>, (string Phrase, string Short)> gained,
        Func<IReadOnlyList<string>, (string Phrase, string Short)> lost)
    {
        var noun = name.Noun();
        Add(changes, name, before, after, Text, SameSet,
            (was, now) => (Minus(now, was), Minus(was, now)) switch
            {
                ({ Count: > 0 } added, { Count: 0 }) => gained(added),
                ({ Count: 0 }, { Count: > 0 } removed) => lost(removed),
                _ => ($"after {noun} changed", $"the change to {noun}"),
            },
            added: items => items.Count == 0 ? null : gained(items));
    }

    private static void AddEvaluations(List<FactChange> changes, IReadOnlyList<Evaluation> before, IReadOnlyList<Evaluation> after)
    {
        var was = Figures(before);
        var now = Figures(after);
        if (string.Equals(was, now, StringComparison.Ordinal))
        {
            if (!before.SequenceEqual(after))
            {
                changes.Add(new FactChange(FactName.Evaluations.ToWire(), was, now, "after the source was updated") { Short = "the source update" });
            }

            return;
        }

        var gained = after.Select(Benchmarks.DisplayName).Except(before.Select(Benchmarks.DisplayName), StringComparer.OrdinalIgnoreCase).ToList();
        var change = gained.Count > 0 && before.All(x => after.Any(y => Figure(x) == Figure(y)))
            ? new FactChange(FactName.Evaluations.ToWire(), was, now, $"after new benchmark results ({FactFormat.List(gained)})") { Short = "new benchmark results" }
            : new FactChange(FactName.Evaluations.ToWire(), was, now, "after the benchmark figures changed") { Short = "the benchmark change" };
        changes.Add(change);
    }

    private static string Figure(Evaluation evaluation) =>
        string.Create(CultureInfo.InvariantCulture, $"{Benchmarks.DisplayName(evaluation)} {FactFormat.Number(evaluation.Score)} ({evaluation.Evaluator})");

    private static string Figures(IReadOnlyList<Evaluation> benchmarks) =>
        benchmarks.Count == 0 ? NotOnRecord : string.Join(", ", benchmarks.Select(Figure).Order(StringComparer.Ordinal));

    /// <summary>Which way the bill moved: every per-1M and monthly price that is on record both times.</summary>
    private static (string, string) PriceChange(Pricing was, Pricing now)
    {
        var moves = new[]
        {
            Direction(was.InputPerMillionTokensUsd, now.InputPerMillionTokensUsd),
            Direction(was.OutputPerMillionTokensUsd, now.OutputPerMillionTokensUsd),
            Direction(was.MonthlyUsd, now.MonthlyUsd),
        };
        var drops = moves.Count(m => m < 0);
        var rises = moves.Count(m => m > 0);
        if (drops > 0 && rises == 0)
        {
            return ("after the price drop", "the price drop");
        }

        if (rises > 0 && drops == 0)
        {
            return ("after a price rise", "a price rise");
        }

        if (drops > 0)
        {
            return ("after the price change", "the price change");
        }

        if (now.FreeTier != was.FreeTier)
        {
            return now.FreeTier
                ? ("after a free tier was added", "the new free tier")
                : ("after the free tier ended", "the end of the free tier");
        }

        return now.Model != was.Model
            ? ($"after the pricing model changed to {now.Model}", "the pricing model change")
            : ("after the pricing changed", "the pricing change");
    }

    private static int Direction(decimal? was, decimal? now) =>
        was is { } w && now is { } n ? n.CompareTo(w) : 0;

    private static bool SameSet(IReadOnlyList<string> x, IReadOnlyList<string> y) =>
        x.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(y);

    private static List<string> Minus(IReadOnlyList<string> from, IReadOnlyList<string> take) =>
        [.. from.Where(i => !take.Contains(i, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>"the uptime SLA" → "uptime SLA", for "the newly recorded uptime SLA".</summary>
    private static string Bare(string noun) => noun.StartsWith("the ", StringComparison.Ordinal) ? noun[4..] : noun;
}
