using System.Globalization;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Peers;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>
/// How good the tool is at its job next to the alternatives: its rank among the category's
/// peers on every test it shares with at least two of them. A vendor's or a rival's figure
/// counts for less than an independent one; a figure no peer reports ranks nothing.
/// </summary>
public sealed class QualityVsPeersScorer : CriterionScorer
{
    public override string Key => "quality-vs-peers";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Evaluations];
    public override bool UsesPeers => true;
    public override string Description =>
        "Rank among the category's tools on each shared benchmark (first scores 100, last 0), weighted by who ran it: independent 1, rival vendor 0.6, the vendor 0.5.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var evaluations = inputs.Facts.Evaluations;
        var uses = inputs.Uses(FactName.Evaluations);
        var ranked = new List<(Evaluation E, FactUse Use, PeerRank Rank)>();
        for (var i = 0; i < evaluations.Count; i++)
        {
            var e = evaluations[i];
            var key = Benchmarks.ComparableKey(e);
            if (inputs.Peers.Rank(inputs.Slug, key, e.Score, Benchmarks.LowerIsBetter(e)) is { } rank
                && ranked.All(r => Benchmarks.ComparableKey(r.E) != key || FactUse.RelationWeight(r.E.Relation) < FactUse.RelationWeight(e.Relation)))
            {
                ranked.RemoveAll(r => Benchmarks.ComparableKey(r.E) == key);
                ranked.Add((e, uses[i], rank));
            }
        }

        if (ranked.Count == 0)
        {
            return null;
        }

        var weights = ranked.Sum(r => FactUse.RelationWeight(r.E.Relation));
        var score = 100 * ranked.Sum(r => r.Rank.Percentile * FactUse.RelationWeight(r.E.Relation)) / weights;

        // Lead with the most trusted figure, then the one that says most.
        var lead = ranked.OrderByDescending(r => FactUse.RelationWeight(r.E.Relation)).ThenByDescending(r => r.Rank.Of).First();
        var findings = new List<Finding> { new("quality", Polarity(score), Sentence(inputs, lead.E, lead.Rank), 1.4) };
        if (ranked.Count > 1)
        {
            var others = ranked.Where(r => r != lead).OrderByDescending(r => r.Rank.Of).Take(2)
                .Select(r => $"{Phrasing.Ordinal(r.Rank.Position)} of {r.Rank.Of} on {Benchmarks.ProseName(r.E)}{Who(r.E)}");
            findings.Add(new("quality", Polarity(score), (Phrasing.Choose(inputs.Seed, "quality-more", 4) switch
            {
                0 => $"Elsewhere {inputs.Name} places {Phrasing.List(others)}.",
                1 => $"{inputs.Name} also comes {Phrasing.List(others)}.",
                2 => $"Other shared tests: {Phrasing.List(others)}.",
                _ => $"{Phrasing.Capital(Phrasing.List(others))} round out {Phrasing.Possessive(inputs.Name)} record.",
            }), 0.6));
        }

        return new ScorerOutcome(Curve.Clamp(score), [.. ranked.Select(r => r.Use)], findings);
    }

    private static string Sentence(ReviewInputs inputs, Evaluation e, PeerRank rank)
    {
        var figure = DisplayScore(e);
        var name = Benchmarks.ProseName(e);
        var noun = inputs.PeerNoun;
        var who = Who(e);
        string Peer((string Name, decimal Score)? peer) => peer is { } p ? $"{p.Name} ({Number(p.Score)})" : "";
        var above = Peer(rank.NextAbove);
        var below = Peer(rank.NextBelow);
        if (rank.Position == 1)
        {
            return (Phrasing.Choose(inputs.Seed, "quality-top", 4) switch
            {
                0 => $"{inputs.Name} tops {rank.Of} {noun} on {name} with {figure}{who}, ahead of {below}.",
                1 => $"{figure} on {name}{who} puts {inputs.Name} first of {rank.Of} {noun}; next is {below}.",
                2 => $"On {name}, {inputs.Name} leads {rank.Of} {noun}: {figure}{who} against {below} in second.",
                _ => $"{name}: {inputs.Name} first of {rank.Of} at {figure}{who}, {below} runner-up.",
            });
        }

        var leader = "";
        if (rank.Position == rank.Of)
        {
            return (Phrasing.Choose(inputs.Seed, "quality-last", 3) switch
            {
                0 => $"{inputs.Name} is last of {rank.Of} {noun} on {name}: {figure}{who}, under {above}{leader}.",
                1 => $"{figure} on {name}{who} ranks {inputs.Name} bottom of {rank.Of} {noun}, below {above}{leader}.",
                _ => $"On {name}, {Phrasing.Possessive(inputs.Name)} {figure}{who} trails {Phrasing.All(rank.Of - 1)} others, {above} the nearest{leader}.",
            });
        }

        return (Phrasing.Choose(inputs.Seed, "quality-mid", 4) switch
        {
            0 => $"On {name}, {inputs.Name} is {Phrasing.Ordinal(rank.Position)} of {rank.Of} {noun} with {figure}{who}, between {above} and {below}{leader}.",
            1 => $"{figure} on {name}{who} ranks {inputs.Name} {Phrasing.Ordinal(rank.Position)} among {rank.Of} {noun}: behind {above}, ahead of {below}{leader}.",
            2 => Phrasing.Capital($"{name}: {inputs.Name} {Phrasing.Ordinal(rank.Position)} of {rank.Of} at {figure}{who}; {above} above, {below} below{leader}."),
            _ => $"{inputs.Name} places {Phrasing.Ordinal(rank.Position)} of {rank.Of} {noun} on {name} at {figure}{who}, under {above} and over {below}{leader}.",
        });
    }

    private static bool NamesEvaluator(Evaluation e) =>
        e.Evaluator.Split(' ', 2)[0] is { Length: >= 3 } first
        && Benchmarks.ProseName(e).Split(' ').SelectMany(w => w.Split('-').Append(w)).Contains(first, StringComparer.OrdinalIgnoreCase);

    internal static string Singular(string noun) => noun.EndsWith("ies", StringComparison.Ordinal) ? noun[..^3] + "y" : noun.TrimEnd('s');

    /// <summary>" (the vendor's own figure)", " (run by LMArena)".</summary>
    internal static string Who(Evaluation e) => e.Relation switch
    {
        // "AA Index per Artificial Analysis" says the evaluator twice.
        EvaluatorRelation.Independent when e.Benchmark.StartsWith("aa-", StringComparison.Ordinal) || e.Benchmark.StartsWith("lmarena-", StringComparison.Ordinal)
            || e.Benchmark.StartsWith("open-asr", StringComparison.Ordinal) || e.Benchmark.StartsWith("opencompass", StringComparison.Ordinal) => "",
        // "on Agentset reranker leaderboard … per Agentset reranker leaderboard" too: the test names its keeper.
        EvaluatorRelation.Independent when NamesEvaluator(e) => "",
        EvaluatorRelation.Independent => $" per {e.Evaluator}",
        EvaluatorRelation.Vendor => " (vendor's figure)",
        EvaluatorRelation.RivalVendor => $" (from rival {e.Evaluator})",
        _ => " (evaluator unnamed)",
    };


    internal static string DisplayScore(Evaluation e) => FactDisplay.Score(e);

    private static string Number(decimal value) => value >= 1000 ? value.ToString("#,0", CultureInfo.InvariantCulture) : FactFormat.Number(value);
}

/// <summary>Who vouches for the quality claims: a vendor's own table is a claim, an independent leaderboard is evidence.</summary>
public sealed class EvidenceIndependenceScorer : CriterionScorer
{
    public override string Key => "evidence-independence";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Evaluations];
    public override string Description =>
        "Independent evaluations count 1, a rival's 0.6, the vendor's 0.15, an unnamed evaluator's 0.1; the total saturates (one independent figure ≈ 55, three ≈ 90), so vendor-only evidence stays low.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var evaluations = inputs.Facts.Evaluations;
        if (evaluations.Count == 0)
        {
            return null;
        }

        var credit = evaluations.Sum(e => e.Relation switch
        {
            EvaluatorRelation.Independent => 1.0,
            EvaluatorRelation.RivalVendor => 0.6,
            EvaluatorRelation.Vendor => 0.15,
            _ => 0.1,
        });
        var score = 100 * (1 - Math.Exp(-credit / 1.25));
        var independent = evaluations.Where(e => e.Relation == EvaluatorRelation.Independent).ToList();
        var evaluators = independent.Select(e => e.Evaluator).Distinct().ToList();
        string text;
        var n = evaluations.Count;
        if (independent.Count == 0)
        {
            var vendorOnly = evaluations.All(e => e.Relation == EvaluatorRelation.Vendor);
            text = vendorOnly
                ? n == 1
                    ? (Phrasing.Choose(inputs.Seed, "indep-one", 2) switch
                    {
                        0 => $"{Phrasing.Possessive(inputs.Name)} only quality figure is the vendor's own; no independent leaderboard lists it.",
                        _ => $"Nobody independent has measured {inputs.Name}: its one published score is self-reported.",
                    })
                    : (Phrasing.Choose(inputs.Seed, "indep-none", 3) switch
                    {
                        0 => $"{Phrasing.Capital(Phrasing.All(n))} of {Phrasing.Possessive(inputs.Name)} quality figures come from its vendor; no independent leaderboard lists it.",
                        1 => $"Nobody independent has measured {inputs.Name}: its {n} figures are the vendor's.",
                        _ => $"{inputs.Name} has {n} published scores, all vendor-run, none checked by a neutral evaluator.",
                    })
                : n == 1
                    ? $"{Phrasing.Possessive(inputs.Name)} one published score is not independent: it {OneSource(evaluations[0].Relation)}."
                    : $"{inputs.Name} has no independent figure among its {n}: {Breakdown(evaluations)}.";
        }
        else
        {
            text = independent.Count == n
                ? n == 1
                    ? $"{Phrasing.List(evaluators)}, not {inputs.Vendor}, measured {inputs.Name}."
                    : $"{Phrasing.List(evaluators)}, not {inputs.Vendor}, measured {inputs.Name} ({n} figures)."
                : (Phrasing.Choose(inputs.Seed, "indep-some", 3) switch
                {
                    0 => $"{independent.Count} of {Phrasing.Possessive(inputs.Name)} {n} figures {(independent.Count == 1 ? "is" : "are")} independent ({Phrasing.List(evaluators)}); {Breakdown(evaluations.Where(e => e.Relation != EvaluatorRelation.Independent).ToList())}.",
                    1 => $"{Phrasing.List(evaluators)} measured {inputs.Name} independently: {independent.Count} of {n} figures.",
                    _ => $"Independent numbers for {inputs.Name}: {independent.Count} of {n}, from {Phrasing.List(evaluators)}.",
                });
        }

        return Outcome(score, inputs.Uses(FactName.Evaluations), new Finding("evidence", independent.Count == 0 ? -1 : Polarity(score), text, independent.Count == 0 ? 1.2 : 0.8));
    }

    // Where a lone score comes from, said of the score: "names no evaluator".
    private static string OneSource(string relation) => relation switch
    {
        EvaluatorRelation.Vendor => "is the vendor's own",
        EvaluatorRelation.RivalVendor => "comes from a rival's table",
        _ => "names no evaluator",
    };

    // "4 are the vendor's and 2 a rival's".
    private static string Breakdown(IReadOnlyList<Evaluation> evaluations)
    {
        var parts = new List<string>();
        var vendor = evaluations.Count(e => e.Relation == EvaluatorRelation.Vendor);
        var rival = evaluations.Count(e => e.Relation == EvaluatorRelation.RivalVendor);
        var unknown = evaluations.Count(e => e.Relation == EvaluatorRelation.Unknown);
        if (vendor > 0)
        {
            parts.Add($"{vendor} {(vendor == 1 ? "is" : "are")} the vendor's own");
        }

        if (rival > 0)
        {
            parts.Add($"{rival} {(rival == 1 ? "comes" : "come")} from a rival's table");
        }

        if (unknown > 0)
        {
            parts.Add($"{unknown} name no evaluator");
        }

        return Phrasing.List(parts);
    }
}

/// <summary>How much of what is on record someone has checked against a primary source.</summary>
public sealed class FactVerificationScorer : CriterionScorer
{
    public override string Key => "fact-verification";
    public override IReadOnlyList<FactName> Reads { get; } = FactNames.All;
    public override string Description =>
        "The mean credit of every fact on record: verified 1, third-party 0.6, vendor claim 0.35, unverified 0; a vendor-run evaluation at most 0.5. Needs six facts: fewer say too little for their checking to vouch for the tool.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        // What the record claims about the tool; editorial picks (competitors) and dates are not claims to check.
        var used = inputs.AllUses().Where(u => u.Name is not (FactName.Competitors or FactName.ReleaseDate)).ToList();
        // Four or five facts say too little about a tool for their checking to vouch for it.
        if (used.Count < 6)
        {
            return null;
        }

        var mean = used.Average(Credit);
        var verified = used.Count(u => u.Status == FactStatus.Verified);
        var thirdParty = used.Count(u => u.Status == FactStatus.ThirdParty);
        var claims = used.Count(u => u.Status == FactStatus.VendorClaim);
        var unconfirmed = used.Count(u => u.Status == FactStatus.Unverified);
        var rest = new List<string>();
        if (thirdParty > 0)
        {
            rest.Add($"{thirdParty} second-hand");
        }

        if (claims > 0)
        {
            rest.Add($"{claims} on {Phrasing.Possessive(inputs.Vendor)} word alone");
        }

        // Unverified is not the vendor's word: nobody has checked it against any source yet.
        if (unconfirmed > 0)
        {
            rest.Add($"{unconfirmed} unverified");
        }

        var hosts = used.Where(u => u.Status == FactStatus.Verified)
            .Select(u => Uri.TryCreate(u.Cited.Source, UriKind.Absolute, out var uri) ? uri.Host.Replace("www.", "", StringComparison.Ordinal) : null)
            .OfType<string>().GroupBy(h => h).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3).Select(g => g.Key).ToList();
        // The counts and the sites carry the sentence; a fixed lead-in around them would say nothing more.
        var where = hosts.Count > 0 ? $" ({Phrasing.List(hosts)})" : "";
        var tail = rest.Count == 0 ? "" : $"; {string.Join(", ", rest)}";
        var text = $"{Phrasing.Possessive(inputs.Name)} record: {used.Count} facts, {verified} verified{where}{tail}.";

        // Read as a share: mostly verified argues for, mostly unconfirmed against, the middle is neither.
        var share = (double)verified / used.Count;
        var polarity = share >= 0.7 ? 1 : share <= 0.4 ? -1 : 0;

        // The statuses are the subject here, so they are not discounted a second time.
        return new ScorerOutcome(Curve.Clamp(100 * mean), used, [new Finding("verification", polarity, text, 0.7)], Trust: 1.0);
    }

    private static double Credit(FactUse use)
    {
        var credit = use.Status switch
        {
            FactStatus.Verified => 1.0,
            FactStatus.ThirdParty => 0.6,
            FactStatus.VendorClaim => 0.35,
            _ => 0.0,
        };
        return use.VendorAuthored ? Math.Min(credit, 0.5) : credit;
    }
}
