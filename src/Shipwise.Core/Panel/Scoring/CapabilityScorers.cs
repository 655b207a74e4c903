using System.Globalization;
using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>How much it can read at once, next to its peers.</summary>
public sealed class ContextLengthScorer : CriterionScorer
{
    public override string Key => "context-length";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.ContextWindow, FactName.MaxOutputTokens];
    public override bool UsesPeers => true;
    public override bool AppliesTo(ReviewInputs inputs) => inputs.IsText;
    public override string Description =>
        "The share of the category's tools with a shorter context window, a window within 5 % counting half (longest scores 100); without peers, a log scale from 4K (20) to 1M tokens (95).";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        if (inputs.Facts.ContextWindow is not { } window)
        {
            return null;
        }

        var tokens = FactFormat.Tokens(window.Value);
        var output = inputs.Facts.MaxOutputTokens is { } max ? $" (answers up to {FactFormat.Tokens(max.Value)})" : "";
        var standing = inputs.Peers.Standing(inputs.Slug, window.Value, p => p.Context, level: 0.05m);
        double score;
        string text;
        if (standing is { } st)
        {
            score = 100.0 * st.Share;
            string Peer((string Name, decimal Value)? peer) => peer is { } x ? $"{Phrasing.Possessive(x.Name)} {FactFormat.Tokens((int)x.Value)}" : "";
            var longer = st.NextBetter is null ? "" : $"short of {Peer(st.NextBetter)}";
            // Level with a peer says where it sits; the next one down adds little then.
            var shorter = st.NextWorse is null || st.Level is not null ? "" : $"past {Peer(st.NextWorse)}";
            var level = st.Level is { } lv ? $"level with {lv}" : "";
            var where = Phrasing.List(new[] { level, shorter, longer }.Where(x => x.Length > 0));
            text = st.Beaten == 0
                ? $"{inputs.Name} reads {tokens} at once{output}, {where}; none of the {st.Of} other {inputs.PeerNoun} holds less."
                : (Phrasing.Choose(inputs.Seed, "context", 4) switch
                {
                    0 => $"{inputs.Name} reads {tokens} at once{output}, {where}; {st.Beaten} of {st.Of} {inputs.PeerNoun} hold less.",
                    1 => $"{tokens} of context for {inputs.Name}{output}: {where}, longer than {st.Beaten} of {st.Of} {inputs.PeerNoun}.",
                    2 => $"{Phrasing.IndefiniteArticle(tokens)} {tokens} window{output} puts {inputs.Name} {where} ({st.Beaten} of {st.Of} {inputs.PeerNoun} read less).",
                    _ => $"{Phrasing.Possessive(inputs.Name)} window is {tokens}{output}, {where}.",
                });
        }
        else
        {
            score = Curve.Between(Math.Log2(Math.Max(1, window.Value)), 12, 20, 20, 95);
            text = $"{inputs.Name} reads {tokens} at once{output}.";
        }

        return Outcome(score, inputs.Uses(FactName.ContextWindow, FactName.MaxOutputTokens), new Finding("context", Polarity(score), text, 0.8));
    }
}

/// <summary>How many kinds of input and output it handles, next to its peers.</summary>
public sealed class ModalityBreadthScorer : CriterionScorer
{
    public override string Key => "modality-breadth";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.InputModalities, FactName.OutputModalities];
    public override bool UsesPeers => true;
    public override string Description => "Distinct modalities in and out: 20 plus 75 × the share of the category's tools it handles more kinds than (ties count half); without peers, one modality 30, five 95.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var f = inputs.Facts;
        if (f.InputModalities is null && f.OutputModalities is null)
        {
            return null;
        }

        var inputs_ = f.InputModalities?.Value ?? [];
        var outputs = f.OutputModalities?.Value ?? [];
        // In a sentence the tokens read as what comes out: "embeddings", "relevance scores".
        var said = outputs.Select(o => o switch { "embedding" => "embeddings", "scores" => "relevance scores", _ => o }).ToList();
        var distinct = inputs_.Concat(outputs).Distinct().Count();
        var standing = inputs.Peers.Standing(inputs.Slug, distinct, p => p.Modalities);
        var score = standing is { } b ? 20 + (75.0 * b.Share) : Curve.Between(distinct, 1, 30, 5, 95);
        var text = (Phrasing.Choose(inputs.Seed, "modality", 3) switch
        {
            0 => $"{inputs.Name} takes {FactFormat.List(inputs_)} and produces {FactFormat.List(said)}",
            1 => $"{inputs.Name}: {FactFormat.List(inputs_)} in, {FactFormat.List(said)} out",
            _ => $"{inputs.Name} reads {FactFormat.List(inputs_)} and answers in {FactFormat.List(said)}",
        });
        if (standing is { } c)
        {
            text += c.Better * 2 > c.Of && c.NextBetter is { } more
                ? $"; {c.Better} of {c.Of} {inputs.PeerNoun} handle more kinds, {more.Name} among them."
                : c.Beaten * 2 > c.Of && c.NextWorse is { } fewer
                    ? $", more kinds than {c.Beaten} of {c.Of} {inputs.PeerNoun} such as {fewer.Name}."
                    // Level with most of the field is no distinction: said in a few words, not with a count every such tool shares.
                    : c.Level is not null && (c.Tied + 1) * 2 > c.Of + 1 ? $", like most {inputs.PeerNoun}."
                    : c.Level is { } level ? $", as many kinds as {level} and {Math.Max(0, c.Tied - 1)} other {inputs.PeerNoun}." : ".";
        }
        else
        {
            text += ".";
        }

        return Outcome(score, inputs.Uses(FactName.InputModalities, FactName.OutputModalities), new Finding("modalities", Polarity(score), text, 0.6));
    }


}

/// <summary>Measured output speed and time to first token, next to its peers.</summary>
public sealed class SpeedScorer : CriterionScorer
{
    public override string Key => "speed";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.Speed];
    public override bool UsesPeers => true;
    public override bool AppliesTo(ReviewInputs inputs) => Taxonomy.IsTextCategory(inputs.Category) || inputs.Kind == "provider";
    public override string Description =>
        "The fastest measured output speed against the category's: faster than all scores 95, the median 60; without peers, 20 tokens/s scores 30 and 200 tokens/s 90. Vendor-measured figures count for less.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        var measured = inputs.Facts.Speed.Where(s => s.OutputTokensPerSecond is not null).ToList();
        if (measured.Count == 0)
        {
            return null;
        }

        var fastest = measured.MaxBy(s => s.OutputTokensPerSecond)!;
        var tps = fastest.OutputTokensPerSecond!.Value;
        var who = fastest.Relation == EvaluatorRelation.Independent ? $"measured by {fastest.MeasuredBy}" : "by the vendor's own measurement";
        var ttft = fastest.TimeToFirstTokenSeconds is { } t ? $" and the first token after {FactFormat.Number(t)} s" : "";
        var median = inputs.Peers.Median(inputs.Slug, p => p.TokensPerSecond);
        var standing = inputs.Peers.Standing(inputs.Slug, tps, p => p.TokensPerSecond, level: 0.03m);
        double score;
        string text;
        if (median is { Median: > 0 } m)
        {
            score = Curve.Between(Math.Log2((double)(tps / m.Median)), -2, 20, 2, 95);
            string Peer((string Name, decimal Value)? peer) => peer is { } x ? $"{Phrasing.Possessive(x.Name)} {FactFormat.Number(x.Value)}" : "";
            var faster = standing?.NextBetter is null ? "" : $"behind {Peer(standing.NextBetter)}";
            var slower = standing?.NextWorse is null ? "" : $"ahead of {Peer(standing.NextWorse)}";
            var between = Phrasing.List(new[] { slower, faster }.Where(x => x.Length > 0));
            text = (Phrasing.Choose(inputs.Seed, "speed", 2) switch
            {
                0 => $"{inputs.Name} writes {FactFormat.Number(tps)} tokens/s on {fastest.Provider}{ttft} ({who}), {between}; the median of {m.Count} is {FactFormat.Number(m.Median)}.",
                _ => $"{FactFormat.Number(tps)} tokens/s{ttft} for {inputs.Name} on {fastest.Provider}, {who}: {between}, median {FactFormat.Number(m.Median)} over {m.Count} {inputs.PeerNoun}.",
            });
        }
        else
        {
            score = Curve.Between(Math.Log10((double)tps), Math.Log10(20), 30, Math.Log10(200), 90);
            text = $"{inputs.Name} writes {FactFormat.Number(tps)} tokens/s on {fastest.Provider}{ttft} ({who}).";
        }

        return Outcome(score, inputs.Uses(FactName.Speed), new Finding("speed", Polarity(score), text, 0.8));
    }
}

/// <summary>How current it is: its release against the category's, on the review date.</summary>
public sealed class RecencyScorer : CriterionScorer
{
    public override string Key => "recency";
    public override IReadOnlyList<FactName> Reads { get; } = [FactName.ReleaseDate];
    public override bool UsesPeers => true;
    public override string Description =>
        "15 plus 80 × the share of pickable peers it is newer than (same-day releases count half); without peers, released on the review date 95, two years earlier 20.";

    public override ScorerOutcome? Score(ReviewInputs inputs)
    {
        if (inputs.ReleaseDate is not { } released)
        {
            return null;
        }

        var age = Phrasing.Age(released, inputs.AsOf);
        var standing = inputs.Peers.Standing(inputs.Slug, released.DayNumber, p => p.Released?.DayNumber);
        double score;
        string text;
        if (standing is { } st)
        {
            score = 15 + (80.0 * st.Share);
            string Peer((string Name, decimal Value)? peer) => peer is { } x ? $"{x.Name} ({FactFormat.Date(DateOnly.FromDayNumber((int)x.Value))})" : "";
            var after = st.NextWorse is null ? "" : $"after {Peer(st.NextWorse)}";
            var before = st.NextBetter is null ? "" : $"before {Peer(st.NextBetter)}";
            var between = Phrasing.List(new[] { after, before }.Where(x => x.Length > 0));
            text = st.Beaten == 0
                ? $"{inputs.Name} came out {FactFormat.Date(released)}, {age} ago, {between}: none of the {st.Of} other {inputs.PeerNoun} is older."
                : (Phrasing.Choose(inputs.Seed, "recency", 4) switch
                {
                    0 => $"{inputs.Name} came out {FactFormat.Date(released)}, {age} ago, {between}: newer than {st.Beaten} of {st.Of} {inputs.PeerNoun}.",
                    1 => $"At {age} old, {inputs.Name} postdates {st.Beaten} of {st.Of} current {inputs.PeerNoun}; it landed {between}.",
                    2 => $"{inputs.Name} shipped {FactFormat.Date(released)}, {between}; {st.Beaten} of {st.Of} alternatives are older.",
                    _ => $"Out since {FactFormat.Date(released)} ({between}), {inputs.Name} is younger than {st.Beaten} of {st.Of} {inputs.PeerNoun}.",
                });
        }
        else
        {
            score = Curve.Between(inputs.AsOf.DayNumber - released.DayNumber, 0, 95, 730, 20);
            text = $"{inputs.Name} came out {FactFormat.Date(released)}, {age} before this review.";
        }

        return Outcome(score, inputs.Uses(FactName.ReleaseDate), new Finding("timing", Polarity(score), text, 0.6));
    }
}

internal static class Counting
{
    public static string Of(int n, string singular, string plural) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural);
}
