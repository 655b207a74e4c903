using Shipwise.Core.Catalog;
using Shipwise.Core.Panel;

namespace Shipwise.Tests.Panel;

/// <summary>Each check catches the contradiction it names, and a review that says nothing contradictory passes.</summary>
public class ReviewChecksTests
{
    private const string Plain = "It reads 128K tokens at once and costs $0.40 per million input tokens.";

    private static Tool Api(ToolFacts? facts = null) => SyntheticTools.Bare("checked-api", "api", facts ?? SyntheticTools.HostedApi().Facts);

    private static IReadOnlyList<string> Problems(Tool tool, Verdict verdict, string body, string summary = "A summary.") =>
        ReviewChecks.Problems(tool, verdict, summary, body);

    [Fact]
    public void A_plain_review_has_no_problems()
    {
        Assert.Empty(Problems(Api(), Verdict.Ship, Plain));
        Assert.Empty(Problems(Api(), Verdict.Skip, Plain));
    }

    [Theory]
    [InlineData(Verdict.Ship, "Skip: too dear.", "")]
    [InlineData(Verdict.Skip, "Ship: cheap and good.", "")]
    [InlineData(Verdict.Ship, "A summary.", "It is fine, but I would skip it for now.")]
    [InlineData(Verdict.Skip, "A summary.", "It clears my bar on price.")]
    public void A_review_that_argues_against_its_own_verdict_is_caught(Verdict verdict, string summary, string body) =>
        Assert.NotEmpty(Problems(Api(), verdict, Plain + " " + body, summary));

    [Fact]
    public void Independence_claims_must_match_the_evaluations()
    {
        var vendorOnly = Api(SyntheticTools.HostedApi().Facts);
        var independent = Api(SyntheticTools.HostedApi().Facts with { Evaluations = [SyntheticTools.Benchmark("MMLU", 80, "third-party")] });
        Assert.NotEmpty(Problems(vendorOnly, Verdict.Skip, "Its figures are independently verified."));
        Assert.NotEmpty(Problems(independent, Verdict.Skip, "Nobody independent has measured it."));
        Assert.Empty(Problems(independent, Verdict.Skip, "It was measured independently."));
    }

    [Fact]
    public void Price_claims_must_match_the_pricing()
    {
        var paid = Api(SyntheticTools.HostedApi().Facts with
        {
            Pricing = SyntheticTools.Fact(new Pricing { Model = "usage-based", InputPerMillionTokensUsd = 5, OutputPerMillionTokensUsd = 15 }),
        });
        Assert.NotEmpty(Problems(paid, Verdict.Ship, "It is free to use."));
        Assert.NotEmpty(Problems(paid, Verdict.Ship, "A first test costs cents."));
        Assert.NotEmpty(Problems(paid, Verdict.Ship, "It is budget-friendly, but every trial starts with a sales conversation."));
    }

    [Fact]
    public void Data_and_licence_claims_must_match_the_terms()
    {
        var trains = Api(SyntheticTools.HostedApi().Facts with { TrainsOnInputs = SyntheticTools.Fact(true) });
        var private_ = Api(SyntheticTools.HostedApi().Facts with { TrainsOnInputs = SyntheticTools.Fact(false) });
        Assert.NotEmpty(Problems(trains, Verdict.Skip, "The vendor keeps your inputs out of training."));
        Assert.NotEmpty(Problems(private_, Verdict.Skip, "The vendor trains on Example inputs unless you opt out."));

        var closed = Api(SyntheticTools.HostedApi().Facts with { OpenWeights = SyntheticTools.Fact(false) });
        Assert.NotEmpty(Problems(closed, Verdict.Ship, "Its weights are open for anyone to run."));

        var nonCommercial = SyntheticTools.Bare(facts: new ToolFacts { License = SyntheticTools.Fact("CC-BY-NC-4.0"), LicenseTerms = SyntheticTools.Fact(new LicenseTerms { CommercialUse = false }) });
        Assert.NotEmpty(Problems(nonCommercial, Verdict.Skip, "The licence allows commercial products."));
        var commercial = SyntheticTools.Bare(facts: new ToolFacts { License = SyntheticTools.Fact("Apache-2.0"), LicenseTerms = SyntheticTools.Fact(new LicenseTerms { CommercialUse = true }) });
        Assert.NotEmpty(Problems(commercial, Verdict.Ship, "It is for research and evaluation only."));
    }

    [Fact]
    public void Lifecycle_claims_must_match_the_lifecycle()
    {
        var active = Api();
        Assert.NotEmpty(Problems(active, Verdict.Skip, "It is deprecated and shuts down on 1 Mar 2027."));
        var deprecated = SyntheticTools.WithLifecycle(Api(), LifecycleStatus.Deprecated, new DateOnly(2027, 3, 1));
        Assert.NotEmpty(Problems(deprecated, Verdict.Skip, Plain));
        Assert.Empty(Problems(deprecated, Verdict.Skip, $"It shuts down on {FactFormat.Date(new DateOnly(2027, 3, 1))}."));
    }

    [Theory]
    [InlineData("It is rated solid at 67.")]
    [InlineData("Its sub-score on price is low.")]
    [InlineData("It scores 72/100 here.")]
    [InlineData("The weighted mean favours it.")]
    public void Internal_scoring_vocabulary_is_caught(string body) =>
        Assert.NotEmpty(Problems(Api(), Verdict.Skip, body));
}
