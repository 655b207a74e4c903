using Shipwise.Core.Catalog;

namespace Shipwise.Core.Panel.Scoring;

/// <summary>A fact a scorer read, with its name so the review can name and qualify it.</summary>
public sealed record FactUse(FactName Name, CitedFact Cited)
{
    public FactStatus Status => Cited.Status;

    /// <summary>For an evaluation: the benchmark as a sentence names it ("AA Index v5"); null for other facts.</summary>
    public string? Benchmark { get; init; }

    /// <summary>For an evaluation: who ran it relative to the vendor; null for other facts.</summary>
    public string? Relation { get; init; }

    /// <summary>An evaluation the vendor or a rival ran: worth less than an independent one.</summary>
    public bool VendorAuthored => Relation is not null && Relation != EvaluatorRelation.Independent;

    /// <summary>How far the fact counts: its status weight, and for an evaluation also who ran it.</summary>
    public double Trust => Relation is null ? Status.Weight() : Math.Min(Status.Weight(), RelationWeight(Relation));

    /// <summary>An independent evaluation counts in full; a rival's 0.6, the vendor's own 0.5, an unnamed evaluator's 0.4.</summary>
    public static double RelationWeight(string relation) => relation switch
    {
        EvaluatorRelation.Independent => 1.0,
        EvaluatorRelation.RivalVendor => 0.6,
        EvaluatorRelation.Vendor => 0.5,
        _ => 0.4,
    };

    /// <summary>One use per line of the fact as pages show it (one per evaluation, offering, speed figure...).</summary>
    public static IEnumerable<FactUse> All(Tool tool, FactName name)
    {
        var lines = FactDisplay.Lines(tool, name).Where(l => !l.Derived && l.Provenance is not null).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var path = FactPaths.Of(name, lines.Count > 1 || IsList(name) ? i : null);
            var relation = name == FactName.Evaluations ? tool.Facts.Evaluations[i].Relation
                : name == FactName.Speed ? tool.Facts.Speed[i].Relation
                : null;
            var value = name is FactName.Evaluations or FactName.Speed or FactName.Offerings ? $"{line.Label}: {line.Value}" : $"{name.Label()}: {line.Value}";
            var benchmark = name == FactName.Evaluations ? Benchmarks.ProseName(tool.Facts.Evaluations[i]) : null;
            yield return new FactUse(name, new CitedFact(path, value, line.Provenance!.Source, line.Provenance.AsOf, line.Provenance.Status)) { Relation = relation, Benchmark = benchmark };
        }
    }

    private static bool IsList(FactName name) => name is FactName.Evaluations or FactName.Speed or FactName.Offerings;
}

/// <summary>
/// What a scorer found: a raw 0–100 sub-score before trust is applied, the facts behind it, and
/// what it would tell a reader (findings), strongest first.
/// </summary>
/// <param name="Trust">
/// Overrides the usual trust (the mean trust of the facts used). Only a scorer whose subject is
/// the statuses themselves sets it, since discounting those twice would be wrong.
/// </param>
public sealed record ScorerOutcome(double Score, IReadOnlyList<FactUse> Facts, IReadOnlyList<Finding> Findings, double? Trust = null);

/// <summary>
/// One thing a scorer learned, worded for a reader: a sentence with the fact's numbers and a
/// comparison where there is one. <see cref="Polarity"/> says whether it argues for shipping
/// (+1), against (-1) or neither (0); <see cref="Weight"/> how much it should lead the review.
/// </summary>
/// <param name="Aspect">What it is about ("price", "quality", "licence"...): two findings on one aspect never pull opposite ways in a review.</param>
public sealed record Finding(string Aspect, int Polarity, string Text, double Weight = 1);
