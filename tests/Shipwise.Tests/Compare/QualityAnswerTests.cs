using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using static Shipwise.Tests.Compare.CompareTools;

namespace Shipwise.Tests.Compare;

public class QualityAnswerTests
{
    private static Tool Rated(string slug, params Evaluation[] evaluations) =>
        With(slug, new ToolFacts { Evaluations = evaluations }) with { Kind = "api" };

    [Fact]
    public void The_most_trusted_shared_test_decides_names_the_figures_and_who_ran_them()
    {
        var argon = Rated("argon-api",
            Eval("aa-intelligence-index", 50.5m, "Artificial Analysis", EvaluatorRelation.Independent, "points", "v5", FactStatus.ThirdParty),
            Eval("mmlu", 80m, "Argon Labs", EvaluatorRelation.Vendor, status: FactStatus.VendorClaim));
        var haiku = Rated("haiku-api",
            Eval("aa-intelligence-index", 36.5m, "Artificial Analysis", EvaluatorRelation.Independent, "points", "v5", FactStatus.ThirdParty),
            Eval("mmlu", 88m, "Argon Labs", EvaluatorRelation.RivalVendor, status: FactStatus.VendorClaim));
        var answer = Required(haiku, argon, UseCases.Quality);

        // Argon's own MMLU run favours Haiku, but an independent index outranks a vendor's word.
        AssertPick(answer, Pick.Right, argon);
        Assert.StartsWith("On AA Index v5 (both run by Artificial Analysis, independent; third-party), Argon Api scores 50.5 points against Haiku Api's 36.5 points.", answer.Reason, StringComparison.Ordinal);
        Assert.EndsWith("Less trusted figures point the other way on MMLU, where Haiku Api leads.", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Vendor_figures_decide_only_with_a_caveat_and_scores_within_one_percent_are_level()
    {
        // A Labs ran GPQA Diamond on its own model and on B's: one harness, so the gap compares, as a vendor's claim.
        var a = Rated("model-a", Eval("gpqa-diamond", 71.5m, "A Labs", EvaluatorRelation.Vendor, status: FactStatus.VendorClaim, setting: "pass@1"));
        var b = Rated("model-b", Eval("gpqa-diamond", 45.96m, "A Labs", EvaluatorRelation.RivalVendor, status: FactStatus.VendorClaim, setting: "pass@1"));
        var answer = Required(a, b, UseCases.Quality);
        AssertPick(answer, Pick.Left, a);
        Assert.StartsWith("On GPQA Diamond, Model A scores 71.5% (run by A Labs, the vendor; vendor claim) against Model B's 45.96% (run by A Labs, a rival vendor; vendor claim).", answer.Reason, StringComparison.Ordinal);
        Assert.EndsWith("No independent test both took is on record; these figures are a rival vendor's and the vendor's own, so treat the gap as a claim to check.", answer.Reason, StringComparison.Ordinal);

        var level = Rated("model-c", Eval("gpqa-diamond", 71m, "A Labs", EvaluatorRelation.RivalVendor, status: FactStatus.VendorClaim));
        var tie = Required(a, level, UseCases.Quality);
        AssertPick(tie, Pick.Depends);
        Assert.Contains("level within 1%", tie.Reason, StringComparison.Ordinal);
        Assert.Contains("depends on a test closer to your own task", tie.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_benchmark_run_by_two_different_parties_is_shown_but_never_picks_a_winner()
    {
        var a = Rated("model-a", Eval("gpqa-diamond", 71.5m, "A Labs", EvaluatorRelation.Vendor, status: FactStatus.VendorClaim, setting: "pass@1"));
        var b = Rated("model-b", Eval("gpqa-diamond", 45.96m, "B Labs", EvaluatorRelation.Vendor, status: FactStatus.VendorClaim, setting: "5-shot CoT"));
        var answer = Required(a, b, UseCases.Quality);
        AssertPick(answer, Pick.Unknown);
        Assert.Equal(
            "Both took GPQA Diamond, but no evaluator ran both: on GPQA Diamond, Model A scores 71.5% (run by A Labs, the vendor; vendor claim) against Model B's 45.96% (run by B Labs, the vendor; vendor claim), in different settings (pass@1 against 5-shot CoT). "
            + "Figures from separate runs differ in prompts and grading, so they do not decide which does the job better.",
            answer.Reason);

        // The row is still in the facts table, side by side, but leads nowhere and is not marked as a difference.
        var row = Assert.Single(Pair(a, b).FactRows, r => r.Key == "eval:gpqa-diamond");
        Assert.Equal((Leader.None, false), (row.Leader, row.Differs));
    }

    [Fact]
    public void Results_on_different_versions_of_an_index_are_not_shared_and_there_is_no_pick()
    {
        var old = Rated("old-index", Eval("aa-intelligence-index", 58m, "Artificial Analysis", EvaluatorRelation.Independent, "points", "v2"));
        var current = Rated("new-index", Eval("aa-intelligence-index", 33m, "Artificial Analysis", EvaluatorRelation.Independent, "points", "v4.0"));
        var answer = Required(old, current, UseCases.Quality);
        AssertPick(answer, Pick.Unknown);
        Assert.Equal(
            "No test both took is on record: Old Index reports AA Index v2 58 points; New Index reports AA Index v4.0 33 points. Scores on different tests do not compare, so there is no pick on quality.",
            answer.Reason);
    }

    [Fact]
    public void A_lower_word_error_rate_wins()
    {
        var whisper = Rated("whisper-like", Eval("open-asr-wer", 6.55m, "Open ASR Leaderboard", EvaluatorRelation.Independent, "wer"));
        var parakeet = Rated("parakeet-like", Eval("open-asr-wer", 5.2m, "Open ASR Leaderboard", EvaluatorRelation.Independent, "wer"));
        var answer = Required(whisper, parakeet, UseCases.Quality);
        AssertPick(answer, Pick.Right, parakeet);
        Assert.Equal(
            "On Open ASR WER, lower is better (both run by Open ASR Leaderboard, independent), Parakeet Like scores 5.2% WER against Whisper Like's 6.55% WER.",
            answer.Reason);
    }

    [Fact]
    public void Missing_evaluations_are_said_to_be_missing_and_tools_that_take_no_benchmark_are_not_asked()
    {
        var rated = Rated("rated-api", Eval("mmlu", 80m, "Rated Labs", EvaluatorRelation.Vendor));
        var bare = Rated("bare-api");
        var answer = Required(rated, bare, UseCases.Quality);
        AssertPick(answer, Pick.Unknown);
        Assert.Equal("Only Rated Api has evaluations on record (MMLU 80%); Bare Api's are not on record, so the two cannot be compared on quality.", answer.Reason);

        var none = Required(bare, bare with { Slug = "bare-two", Name = "Bare Two" }, UseCases.Quality);
        AssertPick(none, Pick.Unknown);
        Assert.StartsWith("No evaluation of either is on record", none.Reason, StringComparison.Ordinal);

        Tool Runtime(string slug) => With(slug, new ToolFacts { License = Fact("MIT") }) with { Kind = "runtime", Category = "inference-runtimes" };
        Assert.Null(Answer(Runtime("runtime-a"), Runtime("runtime-b"), UseCases.Quality));
    }

    [Fact]
    public void Shared_tests_appear_side_by_side_in_the_facts_table_with_who_ran_them_and_the_leader()
    {
        var a = Rated("model-a",
            Eval("mmmu", 70m, "A Labs", EvaluatorRelation.Vendor, status: FactStatus.VendorClaim),
            Eval("docvqa", 95.7m, "OpenCompass", EvaluatorRelation.Independent),
            Eval("open-asr-wer", 7m, "Open ASR Leaderboard", EvaluatorRelation.Independent, "wer"),
            Eval("mmlu", 60m, "A Labs", EvaluatorRelation.Vendor));
        var b = Rated("model-b",
            Eval("mmmu", 42m, "B Labs", EvaluatorRelation.Vendor, status: FactStatus.VendorClaim, setting: "val"),
            Eval("docvqa", 95.5m, "OpenCompass", EvaluatorRelation.Independent),
            Eval("open-asr-wer", 5m, "Open ASR Leaderboard", EvaluatorRelation.Independent, "wer"));
        var rows = Pair(a, b).FactRows.Where(r => r.Key.StartsWith("eval:", StringComparison.Ordinal)).ToList();

        // Independent tests first; MMLU is reported by one side only, so it gets no row.
        Assert.Equal(["eval:docvqa", "eval:open-asr-wer", "eval:mmmu"], rows.Select(r => r.Key));
        Assert.Equal(("95.7% · run by OpenCompass, independent", "95.5% · run by OpenCompass, independent", Leader.Tie, false),
            (rows[0].Left.Text, rows[0].Right.Text, rows[0].Leader, rows[0].Differs));
        Assert.Equal(("Open ASR Leaderboard WER (lower is better)", Leader.Right), (rows[1].Label, rows[1].Leader));
        Assert.Equal("42% (val) · run by B Labs, the vendor", rows[2].Right.Text);
        // MMMU was run by each vendor on its own model: shown, never ranked.
        Assert.Equal((FactStatus.VendorClaim, Source, Leader.None, false), (rows[2].Left.Status, rows[2].Left.Source, rows[2].Leader, rows[2].Differs));
    }

    // Speed

    [Fact]
    public void The_faster_measured_output_wins_and_who_measured_it_is_named()
    {
        var fast = With("fast-api", new ToolFacts { Speed = [Speed(153, 1.22m, "OpenRouter", "OpenRouter")] });
        var slow = With("slow-api", new ToolFacts { Speed = [Speed(36, 6.22m, "OpenRouter", "OpenRouter")] });
        var answer = Required(slow, fast, UseCases.Speed);
        AssertPick(answer, Pick.Right, fast);
        Assert.Equal(
            "Fast Api writes 153 tokens/s against Slow Api's 36. Slow Api: 36 tokens/s and 6.22 s to first token on OpenRouter, measured by OpenRouter, independent; Fast Api: 153 tokens/s and 1.22 s to first token on OpenRouter, measured by OpenRouter, independent.",
            answer.Reason);

        var other = With("other-api", new ToolFacts { Speed = [Speed(40, null, "Artificial Analysis")] });
        Assert.EndsWith("They were measured by different parties on different hosts, so treat the gap as rough.", Required(fast, other, UseCases.Speed).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Streaming_faster_but_starting_later_is_a_real_tie_and_one_measurement_is_no_pick()
    {
        var streams = With("streams-fast", new ToolFacts { Speed = [Speed(200, 3m)] });
        var starts = With("starts-fast", new ToolFacts { Speed = [Speed(90, 0.4m)] });
        var answer = Required(streams, starts, UseCases.Speed);
        AssertPick(answer, Pick.Depends);
        Assert.Contains("It depends on the length of your answers: Streams Fast streams long ones faster, Starts Fast starts short ones sooner.", answer.Reason, StringComparison.Ordinal);

        var one = Required(streams, With("unmeasured", new ToolFacts()), UseCases.Speed);
        AssertPick(one, Pick.Unknown);
        Assert.EndsWith("Unmeasured's speed is not on record, so the two cannot be compared.", one.Reason, StringComparison.Ordinal);

        Assert.Null(Answer(With("a", new ToolFacts()), With("b", new ToolFacts()), UseCases.Speed));
    }
}
