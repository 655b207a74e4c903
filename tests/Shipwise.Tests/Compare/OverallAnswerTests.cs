using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using Shipwise.Core.Panel;
using static Shipwise.Tests.Compare.CompareTools;

namespace Shipwise.Tests.Compare;

/// <summary>"Overall, which one should you ship with?": the panel's verdicts, the documented too-close-to-call gap, and lifecycle.</summary>
public class OverallAnswerTests
{
    private static Tool Api(string slug, ToolFacts? facts = null) => With(slug, facts ?? new ToolFacts()) with { Kind = "api" };

    private static (string, Verdict, int?)[] Takes(params (Verdict Verdict, int Score)[] takes) =>
        [.. takes.Select((t, i) => (Critics[i].Slug, t.Verdict, (int?)t.Score))];

    private static UseCaseAnswer Overall(Tool left, (string, Verdict, int?)[] l, Tool right, (string, Verdict, int?)[] r) =>
        Comparison.Build(Side(left, l), Side(right, r), Critics, Context).Answers.Single(a => a.UseCase == UseCases.Overall);

    private static readonly (Verdict, int) _ship70 = (Verdict.Ship, 70);

    [Fact]
    public void A_panel_that_ships_one_and_skips_the_other_picks_the_shipped_one()
    {
        var (a, b) = (Api("alpha-api"), Api("beta-api"));
        var answer = Overall(a, Takes(_ship70, _ship70, (Verdict.Skip, 50)), b, Takes((Verdict.Skip, 40), (Verdict.Skip, 45), _ship70));
        AssertPick(answer, Pick.Left, a);
        Assert.Equal("The panel ships Alpha Api (2 ship / 1 skip, 67% ship, mean score 63.3) and skips Beta Api (1 ship / 2 skip, 33% ship, mean score 51.7).", answer.Reason);
    }

    [Fact]
    public void Under_the_documented_gap_it_is_too_close_to_call_rather_than_a_winner_by_a_few_points()
    {
        var (a, b) = (Api("alpha-api"), Api("beta-api"));

        // Both ship every seat; a mean 3 points higher is under the 5-point gap, so no winner is forced.
        var close = Overall(a, Takes((Verdict.Ship, 70), (Verdict.Ship, 70)), b, Takes((Verdict.Ship, 73), (Verdict.Ship, 73)));
        AssertPick(close, Pick.Depends);
        Assert.Equal(
            "The panel is too close to call: Alpha Api (2 ship / 0 skip, 100% ship, mean score 70) and Beta Api (2 ship / 0 skip, 100% ship, mean score 73) are under 15 points of ship % and 5 of mean score apart. "
            + "No test both took says which does the job better, so it depends on how each does on your own task.",
            close.Reason);

        // At the gap it is a lead.
        var clear = Overall(a, Takes((Verdict.Ship, 70), (Verdict.Ship, 70)), b, Takes((Verdict.Ship, 75), (Verdict.Ship, 75)));
        AssertPick(clear, Pick.Right, b);
        Assert.StartsWith("The panel ships both, Beta Api clearly ahead", clear.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void More_ships_on_a_lower_mean_score_is_one_critics_flip_and_too_close_to_call()
    {
        var (a, b) = (Api("alpha-api"), Api("beta-api"));

        // 80 % against 60 % ship is a 20-point gap, but the mean score says the opposite by 3.6 points.
        var answer = Overall(
            a, Takes((Verdict.Ship, 62), (Verdict.Ship, 62), (Verdict.Ship, 62), (Verdict.Ship, 62), (Verdict.Skip, 63)),
            b, Takes((Verdict.Ship, 70), (Verdict.Ship, 70), (Verdict.Ship, 70), (Verdict.Skip, 59), (Verdict.Skip, 60)));
        AssertPick(answer, Pick.Depends);
        Assert.StartsWith("The panel is too close to call: Alpha Api has more ships but Beta Api the higher mean score", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_close_on_the_panel_the_answers_above_decide_when_a_test_both_took_does()
    {
        Tool Rated(string slug, decimal index, decimal input) => Api(slug, new ToolFacts
        {
            Evaluations = [Eval("aa-intelligence-index", index, "Artificial Analysis", EvaluatorRelation.Independent, "points", "v5")],
            Pricing = Fact(Metered(input, input * 4)),
        });

        // Beta is better on the index and a third of the price: quality and cost weigh 2 each.
        var (a, b) = (Rated("alpha-api", 40, 3), Rated("beta-api", 50, 1));
        var answer = Overall(a, Takes(_ship70, _ship70), b, Takes((Verdict.Ship, 71), (Verdict.Ship, 71)));
        AssertPick(answer, Pick.Right, b);
        Assert.EndsWith("The answers above decide it: Beta Api leads on quality and cost at volume.", answer.Reason, StringComparison.Ordinal);

        // Without a test both took, the other answers cannot settle it.
        var blind = Overall(
            Api("alpha-api", new ToolFacts { Pricing = Fact(Metered(3, 12)) }), Takes(_ship70, _ship70),
            Api("beta-api", new ToolFacts { Pricing = Fact(Metered(1, 4)) }), Takes((Verdict.Ship, 71), (Verdict.Ship, 71)));
        AssertPick(blind, Pick.Depends);
        Assert.Contains("No test both took says which does the job better", blind.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_panel_skips_both_the_answers_still_say_which_leads_where()
    {
        var cheap = Api("cheap-api", new ToolFacts { Pricing = Fact(Metered(1, 4)) });
        var dear = Api("dear-api", new ToolFacts { Pricing = Fact(Metered(3, 12)) });
        var answer = Overall(cheap, Takes((Verdict.Skip, 40)), dear, Takes((Verdict.Skip, 45)));
        AssertPick(answer, Pick.Neither);
        Assert.Equal(
            "The panel skips both: Cheap Api (0 ship / 1 skip, 0% ship, mean score 40) and Dear Api (0 ship / 1 skip, 0% ship, mean score 45). If you must choose between these two, Cheap Api leads on cost at volume.",
            answer.Reason);
    }

    [Fact]
    public void A_retired_side_is_out_with_its_successor_named_and_never_reads_as_awaiting_a_verdict()
    {
        var gone = Api("gone-api", new ToolFacts
        {
            Lifecycle = Fact(new Lifecycle { Status = LifecycleStatus.Retired, ShutdownDate = new DateOnly(2026, 10, 23), Successor = "successor-api" }),
        });
        var live = Api("live-api");
        var answer = Overall(gone, [], live, Takes(_ship70, _ship70));
        AssertPick(answer, Pick.Right, live);
        Assert.Equal(
            "Only Live Api can still be used. Gone Api: it was retired on 23 Oct 2026; Successor Api replaces it. The panel ships Live Api (2 ship / 0 skip, 100% ship, mean score 70).",
            answer.Reason);

        var skipped = Overall(gone, [], live, Takes((Verdict.Skip, 40)));
        AssertPick(skipped, Pick.Neither);
        Assert.EndsWith("The panel skips Live Api too (0 ship / 1 skip, 0% ship, mean score 40), so start on neither.", skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("yet", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deprecated_winner_hands_the_pick_to_the_other_side_with_its_shutdown_date()
    {
        var old = Api("old-api", new ToolFacts { Lifecycle = Fact(new Lifecycle { Status = LifecycleStatus.Deprecated, ShutdownDate = new DateOnly(2027, 1, 14) }) });
        var current = Api("current-api", new ToolFacts { Lifecycle = Fact(new Lifecycle { Status = LifecycleStatus.Active }) });
        var answer = Overall(old, Takes((Verdict.Ship, 80), (Verdict.Ship, 80)), current, Takes(_ship70, _ship70, (Verdict.Skip, 50)));
        AssertPick(answer, Pick.Right, current);
        Assert.Contains("But Old Api shuts down on 14 Jan 2027, so Current Api is the one to start on.", answer.Reason, StringComparison.Ordinal);

        // And lifecycle is the first question asked after "are these alternatives".
        var answers = Comparison.Build(Side(old), Side(current), Critics, Context).Answers;
        Assert.Equal(UseCases.Lifecycle, answers[0].UseCase);
    }

    // The verdict banner: one line read from the same answers.

    [Fact]
    public void The_verdict_names_the_pick_and_why_in_one_sentence()
    {
        var cheap = Api("cheap-api", new ToolFacts { Pricing = Fact(Metered(1, 4)) });
        var dear = Api("dear-api", new ToolFacts { Pricing = Fact(Metered(3, 12)) });
        var verdict = Comparison.Build(Side(cheap, Takes(_ship70, _ship70, (Verdict.Skip, 50))), Side(dear, Takes((Verdict.Skip, 40), (Verdict.Skip, 45))), Critics, Context).Verdict;
        Assert.Equal(new CompareVerdict("Ship with Cheap Api", "The panel ships it (67% ship) and skips Dear Api (0%); it leads on cost at volume.", Pick.Left, "cheap-api"), verdict);
    }

    [Fact]
    public void A_verdict_that_starts_with_a_name_keeps_its_spelling()
    {
        // vLLM and llama.cpp are spelt in lower case on purpose; "VLLM leads on …" misspells the name.
        foreach (var (a, b) in new[] { ("vllm", "llama-cpp"), ("llama-cpp", "vllm") })
        {
            var why = DemoComparisons.Compare(a, b).Verdict.Why;
            Assert.Contains("vLLM leads on", why, StringComparison.Ordinal);
            Assert.Contains("llama.cpp leads on", why, StringComparison.Ordinal);
            Assert.DoesNotContain("VLLM", why, StringComparison.Ordinal);
            Assert.DoesNotContain("Llama.cpp", why, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Two_tools_shipped_at_the_same_percentage_are_told_apart_by_the_score_that_separates_them()
    {
        // Both 80 % ship: "ahead (80% ship against 80%)" gave the reader no reason; the mean score is the one.
        var why = DemoComparisons.Compare("gpt-5-5", "claude-opus-5-5").Verdict.Why;
        Assert.Matches(@"Claude Opus 5\.5 ahead on mean score \(\d+(\.\d)? against \d+(\.\d)?\)", why);
        Assert.DoesNotMatch(@"(\d+)% ship against \1%", why);
    }

    [Fact]
    public void The_verdict_says_too_close_to_call_and_on_what()
    {
        var cheap = Api("cheap-api", new ToolFacts { Pricing = Fact(Metered(1, 4)) });
        var wide = Api("wide-api", new ToolFacts { Pricing = Fact(Metered(3, 12)), ContextWindow = Fact(1_000_000) }) with { Kind = "api" };
        var narrow = cheap with { Facts = cheap.Facts with { ContextWindow = Fact(128_000) } };
        var verdict = Comparison.Build(Side(narrow, Takes(_ship70, _ship70)), Side(wide, Takes((Verdict.Ship, 72), (Verdict.Ship, 72))), Critics, Context).Verdict;
        Assert.Equal("Too close to call", verdict.Title);
        Assert.Equal("No test both took says which does the job better; Cheap Api leads on cost at volume; Wide Api leads on long documents.", verdict.Why);
        Assert.Equal(Pick.Depends, verdict.Pick);
    }

    [Fact]
    public void The_verdict_says_not_alternatives_first_and_a_retired_side_with_its_successor()
    {
        Assert.Equal("Not alternatives", Pair(MistralMedium3(), SmolVlm2()).Verdict.Title);

        var gone = Api("gone-api", new ToolFacts
        {
            Lifecycle = Fact(new Lifecycle { Status = LifecycleStatus.Retired, ShutdownDate = new DateOnly(2026, 10, 23), Successor = "successor-api" }),
        });
        var verdict = Comparison.Build(Side(gone), Side(Api("live-api"), Takes((Verdict.Skip, 40))), Critics, Context).Verdict;
        Assert.Equal(new CompareVerdict("Neither", "Gone Api: it was retired on 23 Oct 2026; Successor Api replaces it; the panel skips Live Api (0% ship).", Pick.Neither, null), verdict);
    }
}
