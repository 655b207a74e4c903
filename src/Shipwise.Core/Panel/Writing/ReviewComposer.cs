using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Critics;
using Shipwise.Core.Panel.Scoring;

namespace Shipwise.Core.Panel.Writing;

/// <summary>The summary and body of a review.</summary>
internal sealed record ReviewText(string Summary, string Body);

/// <summary>
/// Writes a review from what the scorers found. Every sentence carries a fact and what it means
/// for the choice: the finding that decided the verdict leads, the strongest point on the other
/// side follows (never a second finding about the same thing pulling the other way), then the
/// lifecycle, what to discount, what is missing, and the critic's own closing line naming what
/// put the tool on its side of the line. Deterministic: the same inputs give the same words.
/// </summary>
internal static class ReviewComposer
{
    private const int MaxFindings = 5;

    public static ReviewText WriteSided(
        Critic critic, ReviewInputs inputs, IReadOnlyList<EvaluatedCriterion> evaluated, int score, Verdict verdict, IReadOnlyList<Adjustment> adjustments)
    {
        var seed = inputs.Seed;
        var ship = verdict == Verdict.Ship;
        var side = ship ? 1 : -1;
        var withEvidence = evaluated.Where(e => e.HasEvidence).ToList();

        var findings = evaluated
            .SelectMany(e => e.Findings.Select(f => (Finding: f, Salience: f.Weight * e.Criterion.Weight * (0.5 + e.Result.EvidenceWeight))))
            .ToList();
        var forSide = findings.Where(f => f.Finding.Polarity == side).OrderByDescending(f => f.Salience).ToList();
        var against = findings.Where(f => f.Finding.Polarity == -side).OrderByDescending(f => f.Salience).ToList();
        var neutral = findings.Where(f => f.Finding.Polarity == 0).OrderByDescending(f => f.Salience).ToList();

        // What put the tool on its side of the bar: a rule that moved it across (a deprecation, a
        // missing measurement), else the criterion that pulled hardest that way, in its own words.
        var raw = score + adjustments.Sum(a => a.Points);
        var crossing = !ship && raw >= critic.ShipBar
            ? adjustments.FirstOrDefault(a => a.Points > 0 && a.Kind != AdjustmentKind.Preview) ?? adjustments.FirstOrDefault(a => a.Points > 0)
            : null;
        var decider = ship
            ? withEvidence.MaxBy(e => e.Criterion.Weight * (e.Result.Score!.Value - critic.ShipBar))!
            : withEvidence.MinBy(e => e.Criterion.Weight * (e.Result.Score!.Value - critic.ShipBar))!;
        var lead = crossing is not null
            ? new Finding("adjustment", -1, Adjusted(crossing, inputs)!)
            : decider.Findings.FirstOrDefault(f => f.Polarity == side)
                ?? forSide.Select(f => f.Finding).FirstOrDefault()
                ?? decider.Findings.FirstOrDefault()
                ?? findings.OrderByDescending(f => f.Salience).First().Finding;

        var chosen = new List<Finding> { lead };
        var body = new List<string>();
        var counters = 0;
        void Add(Finding finding, string? text = null)
        {
            chosen.Add(finding);
            body.Add(text ?? finding.Text);
        }

        foreach (var (finding, _) in forSide.Concat(neutral).Where(f => f.Finding != lead))
        {
            if (chosen.Count >= 3)
            {
                break;
            }

            if (Compatible(chosen, finding))
            {
                Add(finding);
            }
        }

        // The strongest point on the other side, said as such.
        if (against.Select(f => f.Finding).FirstOrDefault(f => Compatible(chosen, f)) is { } counter)
        {
            Add(counter, Connect(seed, ship, counter.Text));
            counters++;
        }

        foreach (var (finding, _) in forSide.Concat(against).Concat(neutral))
        {
            if (chosen.Count >= MaxFindings)
            {
                break;
            }

            if (!chosen.Contains(finding) && Compatible(chosen, finding) && finding.Weight >= 0.7)
            {
                Add(finding, finding.Polarity == -side ? Connect(seed, ship, finding.Text, counters++) : null);
            }
        }

        body.AddRange(adjustments.Where(a => a != crossing).Select(a => Adjusted(a, inputs)).OfType<string>());
        if (Caveat(seed, inputs, evaluated) is { } caveat)
        {
            body.Add(caveat);
        }

        if (Missing(seed, inputs, evaluated) is { } missing)
        {
            body.Add(missing);
        }

        // A short record makes a short review; never shorter than the page needs, so the lead is
        // repeated in the body only when there is nothing else to say.
        var leadText = FirstSentence(lead.Text);
        var rest = lead.Text.Length > leadText.Length ? lead.Text[leadText.Length..].Trim() : "";
        if (rest.Length > 0)
        {
            body.Insert(0, rest);
        }

        // Short: more of what the record says first; the summary's own reason is repeated in the
        // body only when nothing else brings it to the length a review needs.
        if (string.Join(" ", body).Length < ReviewLimits.MinBodyLength)
        {
            foreach (var (finding, _) in findings.Where(f => !chosen.Contains(f.Finding) && Compatible(chosen, f.Finding)))
            {
                if (string.Join(" ", body).Length >= ReviewLimits.MinBodyLength)
                {
                    break;
                }

                Add(finding);
            }
        }

        var summaryLine = Phrasing.Pick(seed, "summary", [.. ship ? critic.Voice.SummaryShip : critic.Voice.SummarySkip]);
        var summary = Fit(Template.Render(summaryLine, k => k switch
        {
            "reason" => Inline(leadText),
            "name" => inputs.Name,
            _ => "",
        }), ReviewLimits.MaxSummaryLength);
        // When the review already counts the record's verified facts, the closing line only dates it.
        var dateOnly = chosen.Any(f => f.Aspect == "verification");
        string Record() => RecordLine(inputs, dateOnly);
        var text = Finish(critic, summary, [.. body], Record, inputs.Kind);
        return text.Body.Length >= ReviewLimits.MinBodyLength ? text : Finish(critic, summary, [leadText, .. body], Record, inputs.Kind);
    }

    public static ReviewText WriteNoTake(Critic critic, ReviewInputs inputs, NoTakeReason reason)
    {
        var seed = inputs.Seed;
        var name = inputs.Name;
        string Record() => RecordLine(inputs);
        switch (reason.Kind)
        {
            case NoTakeKind.Retired:
            case NoTakeKind.Unconfirmed:
                var detail = reason.Kind == NoTakeKind.Retired
                    ? $"A retired product gets no verdict: there is nothing left to ship. {Phrasing.Possessive(name)} facts stay on record for anyone reading older comparisons or planning a migration."
                    : $"A name with no product behind it gets no verdict. If a vendor publishes {name}, its facts will be reviewed like any other tool's.";
                var then = reason.Text.IndexOf(". ", StringComparison.Ordinal) is var dot and > 0 ? reason.Text[(dot + 2)..] : "";
                var headline = reason.Kind == NoTakeKind.Retired ? "Retired, so no verdict." : "Unconfirmed, so no verdict.";
                return Finish(critic, $"{headline} {then}".Trim(), [reason.Text, detail], Record);
            case NoTakeKind.OutOfScope:
                var line = Phrasing.Capital(Template.Render(Phrasing.Pick(seed, "scope", [.. critic.Voice.OutOfScope]), k => k == "kind" ? reason.Text : k == "name" ? name : ""));
                var judged = Phrasing.List(critic.CriteriaByKind.Keys.Select(KindPlural));
                var scope = critic.NoTake.RequireAnyOutput.Count > 0 ? $"{judged} that make {Phrasing.Either(critic.NoTake.RequireAnyOutput)}" : judged;
                return Finish(critic, $"No take: {name} is not something the {critic.Name} judges.",
                    [line, $"The {critic.Name} reviews {scope}; the other critics' reviews of {name} cover it from their own angles."], Record);
            default:
                var missing = reason.Missing.Count == 0 ? "the facts I weigh" : Phrasing.List(reason.Missing);
                var insufficient = Phrasing.Capital(Template.Render(Phrasing.Pick(seed, "insufficient", [.. critic.Voice.Insufficient]), k => k == "missing" ? missing : k == "name" ? name : ""));
                return Finish(critic, $"No take yet on {name}: not enough on record ({Fit(missing, 200)}).",
                    [insufficient, $"Put those facts on record for {name} with their sources and this review will be written again from them."], Record, inputs.Kind);
        }
    }

    private static string KindPlural(string kind) => kind switch
    {
        "api" => "hosted APIs",
        "model" => "open-weight models",
        "runtime" => "runtimes",
        "app" => "apps",
        "library" => "libraries",
        "provider" => "providers and gateways",
        "hardware" => "hardware",
        _ => kind,
    };


    // Two findings about the same thing may not pull in opposite directions in one review.
    private static bool Compatible(List<Finding> chosen, Finding candidate) =>
        !chosen.Any(c => c.Aspect == candidate.Aspect && (c.Polarity * candidate.Polarity < 0 || c.Text == candidate.Text));

    private static string Connect(string seed, bool ship, string text, int nth = 0)
    {
        var inline = Inline(text);
        string[] options = ship
            ? [$"The catch: {inline}", $"Against that, {inline}", $"But {inline}", $"Still, {inline}", text]
            : [$"In its favour, {inline}", $"To be fair, {inline}", $"Granted, {inline}", $"One plus: {inline}", text];
        return options[(int)((Phrasing.Hash(seed + "|counter") + (uint)nth) % (uint)options.Length)];
    }

    private static string? Adjusted(Adjustment adjustment, ReviewInputs inputs)
    {
        var lifecycle = inputs.Facts.Lifecycle?.Value;
        var successor = lifecycle?.Successor is { } s ? inputs.Peers.NameOf(s) : null;
        var name = inputs.Name;
        return adjustment.Kind switch
        {
            AdjustmentKind.Deprecated => (lifecycle?.ShutdownDate is { } off
                    ? off <= inputs.AsOf
                        ? $"{name} is deprecated: {Phrasing.Possessive(inputs.Vendor)} hosted service for it shut down on {FactFormat.Date(off)}, and no new project should start on it."
                        : $"{name} is deprecated and shuts down on {FactFormat.Date(off)}: no new project should start on it."
                    : $"{name} is deprecated, shutdown date not yet announced: no new project should start on it.")
                + (successor is null ? "" : $" Plan for {successor}."),
            AdjustmentKind.MaintenanceOnly when inputs.Kind is "api" or "model" => (lifecycle?.DeprecationDate is { } since
                    ? $"{name} has been a legacy model since {FactFormat.Date(since)}: fine where it runs today, a poor start for new work."
                    : $"{name} is a legacy model now, kept running but no longer the vendor's pick: a poor start for new work.")
                + (successor is null ? "" : $" {inputs.Vendor} points to {successor}."),
            AdjustmentKind.MaintenanceOnly => (lifecycle?.DeprecationDate is { } since
                    ? $"Since {FactFormat.Date(since)} {name} gets fixes only: fine where it runs today, a poor start for new work."
                    : $"{name} gets fixes only now: fine where it runs today, a poor start for new work.")
                + (successor is null ? "" : $" Its maintainers point to {successor}."),
            AdjustmentKind.Preview => $"{name} is still a preview; behaviour and price may change before it is generally available.",
            AdjustmentKind.Unmeasured => $"No published figure ranks {name} on {adjustment.About}, and I won't ship what nobody has measured.",
            _ => null,
        };
    }

    /// <summary>What a reader should discount: quality figures from the vendor or a rival, facts that are claims or second-hand.</summary>
    private static string? Caveat(string seed, ReviewInputs inputs, IReadOnlyList<EvaluatedCriterion> evaluated)
    {
        // Dates and the editorial competitor list are not claims a reader needs to discount.
        var uses = evaluated.Where(e => e.HasEvidence).SelectMany(e => e.Uses)
            .Where(u => u.Name is not (FactName.ReleaseDate or FactName.Competitors))
            .DistinctBy(u => u.Cited.Path).ToList();
        var selfRun = uses.Where(u => u.Relation is EvaluatorRelation.Vendor && u.Name == FactName.Evaluations)
            .Select(u => u.Benchmark!).Distinct().ToList();
        var claims = uses.Where(u => u.Relation is null && u.Status == FactStatus.VendorClaim).Select(u => u.Name).Distinct().ToList();
        // An unverified fact is nobody's word yet, the vendor's included: it is said as unconfirmed, not as a claim.
        var unconfirmed = uses.Where(u => u.Relation is null && u.Status == FactStatus.Unverified).Select(u => u.Name).Distinct().Except(claims).ToList();
        if (selfRun.Count == 0 && claims.Count == 0 && unconfirmed.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (selfRun.Count > 0)
        {
            parts.Add($"{inputs.Vendor} ran {Phrasing.List(selfRun.Take(3))} on {inputs.Name} itself");
        }

        if (claims.Count > 0)
        {
            var nouns = claims.Take(3).Select(c => c.Noun().StartsWith("the ", StringComparison.Ordinal) ? c.Noun()[4..] : c.Noun()).ToList();
            parts.Add($"{Phrasing.List(nouns)} {(claims.Count == 1 && !claims[0].IsPluralNoun() ? "rests" : "rest")} on {Phrasing.Possessive(inputs.Vendor)} word");
        }

        if (unconfirmed.Count > 0)
        {
            var nouns = unconfirmed.Take(3).Select(c => c.Noun().StartsWith("the ", StringComparison.Ordinal) ? c.Noun()[4..] : c.Noun()).ToList();
            parts.Add($"{Phrasing.List(nouns)} {(unconfirmed.Count == 1 && !unconfirmed[0].IsPluralNoun() ? "is" : "are")} unverified");
        }

        return (Phrasing.Choose(seed, "caveat", 3) switch
        {
            0 => $"Discount: {Phrasing.List(parts)}.",
            1 => $"A caution: {Phrasing.List(parts)}.",
            _ => $"Note that {Phrasing.List(parts)}.",
        });
    }

    private static string? Missing(string seed, ReviewInputs inputs, IReadOnlyList<EvaluatedCriterion> evaluated)
    {
        var missing = evaluated.Where(e => !e.HasEvidence)
            .SelectMany(e => e.Criterion.Scorer.ReadsFor(inputs))
            .Distinct()
            .Where(f => !inputs.Has(f) && f is not FactName.Competitors)
            .Select(f => f.Noun().StartsWith("the ", StringComparison.Ordinal) ? f.Noun()[4..] : f.Noun())
            .Take(4)
            .ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var list = Phrasing.List(missing);
        return (Phrasing.Choose(seed, "missing", 3) switch
        {
            0 => $"Unknown for {inputs.Name}: {list}.",
            1 => $"{Phrasing.Possessive(inputs.Name)} record lacks {list}.",
            _ => $"Missing for {inputs.Name}: {list}.",
        });
    }

    /// <summary>A sentence made to follow a colon or a connector: its first letter lowered when it starts with an ordinary word.</summary>
    internal static string Inline(string text)
    {
        if (text.Length < 2 || !char.IsUpper(text[0]) || char.IsUpper(text[1]) || char.IsDigit(text[1]))
        {
            return text;
        }

        var firstWord = text.Split(' ', 2)[0].TrimEnd(',', ':', ';');
        string[] ordinary = ["It", "Its", "Your", "Renting", "Owning", "Break-even", "Granted", "Legally", "Procurement", "Repeated", "Overnight", "Top", "Primary", "Nobody", "Every", "Other", "Trying", "Hosted", "Discount", "Note", "Unconfirmed", "Regions", "Plan", "Since", "Out", "At", "With", "In", "No", "From", "The", "On", "At", "Run", "Budget", "Among", "With", "Hosted", "Self-hosting", "Running", "Released", "Nothing", "Every", "All", "None", "Only", "Trying", "There", "You", "A", "An", "For", "Input", "Legally", "Under", "Of", "Elsewhere", "Independent", "Serving", "Supported", "Hardware", "Against", "Asynchronous", "Cached", "Missing", "No", "Commercial", "Nobody", "Testing", "Mixture", "Unknown", "Data", "Renting", "Self-hosted", "Primary", "Overnight", "Repeated", "Hosted", "Runtimes", "Hosts", "Closest", "Products", "Cleared"];
        return ordinary.Contains(firstWord, StringComparer.Ordinal) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }


    /// <summary>The first sentence of a finding, for a summary line.</summary>
    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }

    private static string Fit(string text, int max) => text.Length <= max ? text : text[..(text.LastIndexOf(' ', max - 2) is var cut and > 0 ? cut : max - 2)] + "…";

    /// <summary>
    /// A closing fact for a short review: how much of the record is there and checked, so even
    /// a one-finding review tells the reader how far to trust it.
    /// </summary>
    internal static string RecordLine(ReviewInputs inputs, bool dateOnly = false)
    {
        var name = inputs.Name;
        var facts = inputs.AllUses().Where(u => u.Name is not (FactName.Competitors or FactName.ReleaseDate)).ToList();
        var missing = inputs.MissingCoreFacts.Select(f => f.Noun().StartsWith("the ", StringComparison.Ordinal) ? f.Noun()[4..] : f.Noun()).Take(4).ToList();
        var gap = missing.Count > 0 ? $" Still unknown: {Phrasing.List(missing)}." : "";
        if (facts.Count == 0)
        {
            return $"Nothing about {name} is on record yet beyond its name and kind.{gap}";
        }

        var verified = facts.Count(u => u.Status == FactStatus.Verified);
        var latest = facts.Max(u => u.Cited.AsOf);

        // How old the evidence is says more than a list of fact names: the oldest fact, named, and its date.
        var oldest = facts.MinBy(u => u.Cited.AsOf)!;
        var n = facts.Count;
        if (dateOnly)
        {
            return oldest.Cited.AsOf == latest
                ? $"Every fact on {Phrasing.Possessive(name)} record was checked on {FactFormat.Date(latest)}.{gap}"
                : $"The oldest fact on record, {OldestNoun(oldest)}, dates from {FactFormat.Date(oldest.Cited.AsOf)}.{gap}";
        }

        if (oldest.Cited.AsOf == latest)
        {
            return $"{Phrasing.Possessive(name)} record: {n} facts, {verified} verified, all from {FactFormat.Date(latest)}.{gap}";
        }

        return $"{Phrasing.Possessive(name)} record: {n} facts, {verified} verified, dating from {FactFormat.Date(oldest.Cited.AsOf)} ({OldestNoun(oldest)}).{gap}";
    }

    /// <summary>"the AA Index v5 score", "the licence", "a speed figure": one fact as a sentence names it.</summary>
    private static string OldestNoun(FactUse use) => use.Name switch
    {
        FactName.Evaluations when use.Benchmark is { } b => b.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? $"{b} score" : $"the {b} score",
        FactName.Speed => "a speed figure",
        FactName.Offerings => "an offering's price",
        FactName.Lifecycle => "the status entry",
        _ when use.Name.Noun().StartsWith("the ", StringComparison.Ordinal) => use.Name.Noun(),
        FactName.TrainsOnInputs => "the training-on-inputs term",
        FactName.DataRetentionDays => "the retention period",
        FactName.OpenaiCompatible => "the OpenAI-compatibility entry",
        _ => $"the {use.Name.Noun()} entry",
    };

    // The record line is worked out only when the review is short enough to need it.
    private static ReviewText Finish(Critic critic, string summary, List<string> sentences, Func<string>? record = null, string? kind = null)
    {
        if (record is not null && string.Join(" ", sentences).Length < ReviewLimits.MinBodyLength)
        {
            sentences.Add(record());
        }

        // Still short: say what this critic would have weighed, so the reader knows what the verdict leaves out.
        if (kind is not null && critic.CriteriaFor(kind).Count > 0 && string.Join(" ", sentences).Length < ReviewLimits.MinBodyLength)
        {
            sentences.Add($"For {KindPlural(kind)} the {critic.Name} weighs {Phrasing.List(critic.CriteriaFor(kind).Select(c => c.Label))}.");
        }

        // The first sentences carry the decision; the tail gives way to the length limit.
        while (string.Join(" ", sentences).Length > ReviewLimits.MaxBodyLength && sentences.Count > 1)
        {
            sentences.RemoveAt(sentences.Count - 1);
        }

        return new ReviewText(
            Phrasing.NestedBrackets(BannedPhrases.Remove(summary, critic.BannedPhrases)),
            Phrasing.NestedBrackets(BannedPhrases.Remove(string.Join(" ", sentences), critic.BannedPhrases)));
    }
}
