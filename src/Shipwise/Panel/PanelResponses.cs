using System.Text.Json.Serialization;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;
using Shipwise.Core.Panel.Critics;

namespace Shipwise.Panel;

/// <summary>The panel's figures as the JSON API (tools and compare) and the tool page show them, all read from one PanelSummary. Nulls are written out: "no verdict yet" is an answer, not a missing field.</summary>
public sealed record PanelFigures(
    int Ships,
    int Skips,
    int NoTakes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? ShipPercent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Verdict,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? MeanScore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? BadgeScore)
{
    public static PanelFigures From(IEnumerable<StoredReview> reviews) => From(Summarize(reviews));

    public static PanelFigures From(PanelSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(summary.Ships, summary.Skips, summary.NoTakes, summary.ShipPercent, summary.Verdict?.ToWire(), summary.MeanScore, summary.BadgeScore);
    }

    public static PanelSummary Summarize(IEnumerable<StoredReview> reviews) => PanelArithmetic.Summarize(reviews.Select(r => (r.Verdict, r.Score)));
}

public sealed record ReviewResponse(
    string Critic,
    string CriticName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Score,
    string Verdict,
    string Summary,
    string Review,
    IReadOnlyList<CitedFact> CitedFacts,
    string Reviewer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Model,
    DateTimeOffset ReviewedAt)
{
    public static ReviewResponse From(StoredReview review, Critic? critic) => new(
        review.CriticSlug, critic?.Name ?? review.CriticSlug, review.Score, review.Verdict.ToWire(), review.Summary, review.Body, review.CitedFacts,
        review.Reviewer, review.Model, review.CreatedAt);

    /// <summary>Current reviews in panel order.</summary>
    public static IReadOnlyList<ReviewResponse> InPanelOrder(IEnumerable<StoredReview> reviews, CriticCatalog critics) =>
        reviews
            .Select(r => (review: r, critic: critics.Find(r.CriticSlug)))
            .OrderBy(x => x.critic?.Order ?? int.MaxValue).ThenBy(x => x.review.CriticSlug, StringComparer.Ordinal)
            .Select(x => From(x.review, x.critic))
            .ToList();
}

/// <summary>One criterion as the API shows it: the critic's label and weight, and what its scorer reads and rewards.</summary>
public sealed record CriterionResponse(string Key, string Label, double Weight, IReadOnlyList<string> Reads, string Scoring);

public sealed record CriticResponse(
    string Slug,
    string Name,
    string Subtitle,
    string Motto,
    string Lens,
    IReadOnlyList<string> Excites,
    IReadOnlyList<string> Tires,
    int ShipBar,
    IReadOnlyDictionary<string, IReadOnlyList<CriterionResponse>> CriteriaByKind,
    string Version)
{
    public static CriticResponse From(Critic critic) => new(
        critic.Slug, critic.Name, critic.Subtitle, critic.Motto, critic.Lens, critic.Excites, critic.Tires, critic.ShipBar,
        critic.CriteriaByKind.ToDictionary(
            k => k.Key,
            k => (IReadOnlyList<CriterionResponse>)[.. k.Value.Select(c => new CriterionResponse(c.Key, c.Label, c.Weight, [.. c.Scorer.Reads.Select(f => f.ToWire())], c.Scorer.Description))]),
        critic.Version);
}

public sealed record CriticVerdicts(int Reviewed, int Ships, int Skips, int NoTakes);

public sealed record CriticDetailResponse(CriticResponse Critic, CriticVerdicts Verdicts);
