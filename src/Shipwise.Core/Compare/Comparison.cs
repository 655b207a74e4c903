using Shipwise.Core.Catalog;

namespace Shipwise.Core.Compare;

/// <summary>
/// Everything a compare page shows for two tools: the headline rows, the key facts side by
/// side, each critic's scorecard and, above all, which one to ship with for each use case.
/// </summary>
public sealed record Comparison(
    CompareSide Left,
    CompareSide Right,
    string Path,
    string CanonicalPath,
    IReadOnlyList<DecisionRow> DecisionRows,
    IReadOnlyList<FactComparisonRow> FactRows,
    IReadOnlyList<ScorecardRow> Scorecard,
    IReadOnlyList<UseCaseAnswer> Answers,
    CompareVerdict Verdict,
    IReadOnlyList<SharedEvaluation> SharedEvaluations)
{
    /// <summary>What the answers were worked out with (today's date, the successors' names): the page's notices read the same.</summary>
    public CompareContext Context { get; init; } = CompareContext.Empty;

    /// <summary>The volume the cost answer is worked out at, in the unit it compares: tokens, hours of audio, images.</summary>
    public string CostBasis { get; init; } = "";

    /// <summary>
    /// Compares the two sides in the order given (the reader's): <see cref="Path"/> is the address
    /// of that order, <see cref="CanonicalPath"/> the pair's one address for search engines.
    /// </summary>
    /// <param name="critics">The whole panel, so every seat gets a scorecard row even when neither side has its review yet.</param>
    /// <param name="context">The GPUs self-hosting is priced on and the names of tools the two point at; none when left out.</param>
    public static Comparison Build(CompareSide left, CompareSide right, IReadOnlyList<CompareCritic> critics, CompareContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(critics);
        if (string.Equals(left.Tool.Slug, right.Tool.Slug, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{left.Tool.Slug}' cannot be compared with itself", nameof(right));
        }

        context ??= CompareContext.Empty;
        var answers = UseCaseAnswers.For(left, right, context);
        return new Comparison(
            left,
            right,
            ComparePair.Address(left.Tool.Slug, right.Tool.Slug),
            ComparePair.Path(left.Tool.Slug, right.Tool.Slug),
            DecisionRowBuilder.Build(left, right),
            FactRowBuilder.Build(left.Tool, right.Tool),
            ScorecardBuilder.Build(left, right, critics),
            answers,
            UseCaseAnswers.VerdictOf(left, right, answers, context),
            Compare.SharedEvaluations.Of(left.Tool, right.Tool))
        { Context = context, CostBasis = UseCaseAnswers.CostBasis(left.Tool, right.Tool) };
    }
}

/// <summary>Which side a row favours. None when the row has no better side or a side is unknown.</summary>
public enum Leader { None, Left, Right, Tie }

/// <summary>
/// The answer to a use case: one side; "it depends" (a real tie, naming what it depends on);
/// neither fits; or unknown, when the facts that would decide it are not on record on both sides.
/// </summary>
public enum Pick { Left, Right, Depends, Neither, Unknown }

/// <summary>What a comparison reads from the rest of the catalog besides the two tools.</summary>
/// <param name="Gpus">The priced GPUs self-hosting is worked out on (the hardware category), cheapest first.</param>
/// <param name="Names">Tool names by slug, for the tools the two point at (successors).</param>
/// <param name="Today">The date a shutdown is measured against; unknown leaves every announced shutdown in the future.</param>
public sealed record CompareContext(IReadOnlyList<GpuOption> Gpus, IReadOnlyDictionary<string, string> Names, DateOnly? Today = null)
{
    public static CompareContext Empty { get; } = new([], new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>A tool's name for a sentence, or its slug when the name is not known here.</summary>
    public string NameOf(string slug) => Names.GetValueOrDefault(slug) ?? slug;
}

/// <summary>A headline row: panel verdict, community, pricing, best for, category.</summary>
public sealed record DecisionRow(string Key, string Label, string Left, string Right, bool Differs);

/// <summary>
/// One key fact of two tools side by side; <see cref="Leader"/> is set only where "better" means something.
/// A different job from a tool page's fact line (Catalog's FactLineView, one tool's fact with its note,
/// derivation and link): a row pairs two cells and says whether they differ and which side leads. Each
/// cell's text and provenance are the tool page's, from <see cref="FactDisplay"/>.
/// </summary>
public sealed record FactComparisonRow(string Key, string Label, FactCell Left, FactCell Right, bool Differs, Leader Leader);

/// <summary>A fact as shown, with where it came from; Source, AsOf and Status are null when it is not on record.</summary>
public sealed record FactCell(string Text, string? Source, DateOnly? AsOf, FactStatus? Status)
{
    public const string UnknownText = "Not on record";

    public static FactCell Unknown { get; } = new(UnknownText, null, null, null);

    public bool IsKnown => Status is not null;

    /// <summary>"verified", "vendor-claim" or "unverified"; null when unknown.</summary>
    public string? StatusWire => Status?.ToWire();

    public static FactCell Of<T>(SourcedFact<T> fact, string text)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return new FactCell(text, fact.Source, fact.AsOf, fact.Status);
    }
}

/// <summary>One critic's take on both sides; a null side has not been reviewed by that critic yet.</summary>
/// <param name="Higher">The side the critic scored higher; None when either score is missing.</param>
public sealed record ScorecardRow(string CriticSlug, string CriticName, int Order, CriticTake? Left, CriticTake? Right, Leader Higher);

/// <summary>"Which one should you ship with?" for one use case, with the facts that decide it.</summary>
/// <param name="ToolSlug">The picked tool; null for <see cref="Pick.Depends"/> and <see cref="Pick.Neither"/>.</param>
public sealed record UseCaseAnswer(string UseCase, string Question, Pick Pick, string? ToolSlug, string? ToolName, string Reason);
