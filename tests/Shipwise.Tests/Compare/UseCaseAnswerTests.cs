using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using Shipwise.Core.Panel;
using static Shipwise.Tests.Compare.CompareTools;

namespace Shipwise.Tests.Compare;

public class UseCaseAnswerTests
{
    // On a phone or laptop

    [Fact]
    public void A_small_on_device_model_beats_a_cloud_api_for_on_device_use_with_the_vendor_claim_flagged()
    {
        var smol = SmolVlm2();
        var answer = Required(smol, MistralMedium3(), UseCases.OnDevice);
        AssertPick(answer, Pick.Left, smol);
        Assert.Equal("Running on a phone or laptop?", answer.Question);
        Assert.Equal(
            "SmolVLM2 runs on phone and laptop (vendor claim) with 2.2B parameters, 1.1 GB at 4-bit; Mistral Medium 3 is a cloud API only.",
            answer.Reason);

        // The pick follows the tool, not the column.
        AssertPick(Required(MistralMedium3(), smol, UseCases.OnDevice), Pick.Right, smol);
    }

    [Fact]
    public void Between_two_laptop_models_fewer_total_parameters_win_because_every_expert_must_be_in_memory()
    {
        var moe = With("moe-small", new ToolFacts
        {
            DeploymentTargets = List("laptop"),
            Parameters = Fact(new Parameters { TotalBillions = 24, ActiveBillions = 3 }),
        });
        var dense = With("dense-seven", new ToolFacts
        {
            DeploymentTargets = List("laptop"),
            Parameters = Fact(new Parameters { TotalBillions = 7 }),
        });
        var answer = Required(dense, moe, UseCases.OnDevice);
        AssertPick(answer, Pick.Left, dense);
        Assert.Equal(
            "Both run on laptop; Dense Seven has 7B parameters, 3.5 GB at 4-bit, against Moe Small's 3B active parameters (24B in total), 12 GB, so it needs less of the device's memory.",
            answer.Reason);
    }

    [Fact]
    public void Reaching_phones_as_well_as_laptops_beats_a_slightly_smaller_laptop_only_model()
    {
        var laptopOnly = With("laptop-only", new ToolFacts
        {
            DeploymentTargets = List("laptop"),
            Parameters = Fact(new Parameters { TotalBillions = 1.9m }),
        });
        var answer = Required(laptopOnly, SmolVlm2(), UseCases.OnDevice);
        AssertPick(answer, Pick.Right, SmolVlm2());
        Assert.Contains("SmolVLM2 runs on phone and laptop (vendor claim), Laptop Only on laptop only", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("1.9B parameters", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_devices_and_same_size_is_a_real_tie_that_names_the_runtimes()
    {
        var a = With("tiny-a", new ToolFacts
        {
            DeploymentTargets = List("phone", "laptop"),
            Parameters = Fact(new Parameters { TotalBillions = 2 }),
            Runtimes = List("llama-cpp"),
        });
        var b = With("tiny-b", new ToolFacts
        {
            DeploymentTargets = List("laptop", "phone"),
            Parameters = Fact(new Parameters { TotalBillions = 2 }),
            Runtimes = List("mlx", "transformers"),
        });
        var answer = Required(a, b, UseCases.OnDevice);
        AssertPick(answer, Pick.Depends);
        Assert.Equal(
            "Both run on phone and laptop, with 2B parameters each, so it depends on your device and the runtimes it supports: Tiny A runs with llama-cpp, Tiny B with mlx and transformers.",
            answer.Reason);
    }

    [Fact]
    public void An_unknown_parameter_count_or_target_is_said_to_be_unknown_not_guessed()
    {
        var known = With("known-size", new ToolFacts { DeploymentTargets = List("laptop"), Parameters = Fact(new Parameters { TotalBillions = 4 }) });
        var unknown = With("unknown-size", new ToolFacts { DeploymentTargets = List("laptop") });
        var answer = Required(unknown, known, UseCases.OnDevice);
        AssertPick(answer, Pick.Unknown);
        Assert.Contains("Unknown Size's parameter count is not on record, so the two cannot be sized against each other", answer.Reason, StringComparison.Ordinal);

        var both = Required(unknown, unknown with { Slug = "other-unknown", Name = "Other Unknown" }, UseCases.OnDevice);
        AssertPick(both, Pick.Unknown);

        // No targets on record and not a cloud API: whether it runs on a device is unknown...
        var untargeted = Required(SmolVlm2(), With("no-targets", new ToolFacts()), UseCases.OnDevice);
        AssertPick(untargeted, Pick.Unknown);
        Assert.Contains("No Targets' deployment targets are not on record", untargeted.Reason, StringComparison.Ordinal);

        // ...unless its size rules it out: 235B needs 117.5 GB even at 4-bit.
        var huge = With("huge-model", new ToolFacts { OpenWeights = Fact(true), Parameters = Fact(new Parameters { TotalBillions = 235, ActiveBillions = 22 }) });
        var ruledOut = Required(SmolVlm2(), huge, UseCases.OnDevice);
        AssertPick(ruledOut, Pick.Left, SmolVlm2());
        Assert.EndsWith("need 117.5 GB even at 4-bit, more than a phone or a 64 GB laptop has.", ruledOut.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void On_device_is_left_out_when_no_side_lists_a_phone_or_laptop()
    {
        var cloud = With("cloud-api", new ToolFacts { DeploymentTargets = List("cloud-api") });
        var server = With("server-model", new ToolFacts { DeploymentTargets = List("server") });
        Assert.Null(Answer(cloud, server, UseCases.OnDevice));
        Assert.Null(Answer(With("no-targets", new ToolFacts()), server, UseCases.OnDevice));
    }

    // Long documents

    [Fact]
    public void The_larger_context_window_wins_long_documents_with_the_ratio()
    {
        var gemini = With("gemini-1-5-pro", new ToolFacts { ContextWindow = Fact(2_000_000) }) with { Name = "Gemini 1.5 Pro" };
        var answer = Required(MistralMedium3(), gemini, UseCases.LongDocuments);
        AssertPick(answer, Pick.Right, gemini);
        Assert.Equal("Gemini 1.5 Pro reads up to 2M tokens at once, 15.6 times Mistral Medium 3's 128K tokens.", answer.Reason);

        var slightly = With("slightly-larger", new ToolFacts { ContextWindow = Fact(200_000, FactStatus.Unverified) });
        var close = Required(MistralMedium3(), slightly, UseCases.LongDocuments);
        AssertPick(close, Pick.Right, slightly);
        Assert.Equal("Slightly Larger reads up to 200K tokens (unverified) at once, against Mistral Medium 3's 128K tokens.", close.Reason);
    }

    [Fact]
    public void Windows_that_read_the_same_are_not_a_question_and_a_missing_one_is_no_pick()
    {
        // 128,000 and 131,072 both read "128K tokens".
        var rival = With("rival-api", new ToolFacts { ContextWindow = Fact(131_072) });
        Assert.Null(Answer(MistralMedium3(), rival, UseCases.LongDocuments));

        // 1.05M against 1M is 5 % more: the same documents fit, so no winner on it (the bar is 1.2 times).
        var million = With("million-api", new ToolFacts { ContextWindow = Fact(1_000_000) });
        Assert.Null(Answer(million, With("bigger-api", new ToolFacts { ContextWindow = Fact(1_050_000) }), UseCases.LongDocuments));
        AssertPick(Required(million, With("much-bigger", new ToolFacts { ContextWindow = Fact(1_200_000) }), UseCases.LongDocuments), Pick.Right, With("much-bigger", new ToolFacts()));

        var answer = Required(SmolVlm2(), MistralMedium3(), UseCases.LongDocuments);
        AssertPick(answer, Pick.Unknown);
        Assert.Equal("Mistral Medium 3 reads up to 128K tokens at once; SmolVLM2's context window is not on record, so the two cannot be compared.", answer.Reason);
        Assert.Null(Answer(SmolVlm2(), With("no-window", new ToolFacts()), UseCases.LongDocuments));
    }

    // Vision

    [Fact]
    public void Taking_video_as_well_wins_only_video_work_and_an_image_test_both_took_ranks_images()
    {
        // A 2B model that also takes video does not beat a large API at reading images by that alone.
        var answer = Required(MistralMedium3(), SmolVlm2(), UseCases.Vision);
        AssertPick(answer, Pick.Depends);
        Assert.Equal(
            "SmolVLM2 takes image and video input; Mistral Medium 3 takes image input only. It depends on your material: for video, only SmolVLM2; on image input, no test one evaluator ran on both says which reads it better.",
            answer.Reason);

        Tool Rated(Tool tool, decimal mmmu) => tool with { Facts = tool.Facts with { Evaluations = [Eval("mmmu", mmmu, "OpenCompass", EvaluatorRelation.Independent)] } };
        var imagesToMistral = Required(Rated(MistralMedium3(), 70m), Rated(SmolVlm2(), 42m), UseCases.Vision);
        AssertPick(imagesToMistral, Pick.Depends);
        Assert.Contains("for video, only SmolVLM2; on image input, Mistral Medium 3 leads: on MMMU (both run by OpenCompass, independent), Mistral Medium 3 scores 70% against SmolVLM2's 42%.", imagesToMistral.Reason, StringComparison.Ordinal);

        var bothToSmol = Required(Rated(MistralMedium3(), 42m), Rated(SmolVlm2(), 70m), UseCases.Vision);
        AssertPick(bothToSmol, Pick.Right, SmolVlm2());
        Assert.EndsWith("and on image input SmolVLM2 leads too: on MMMU (both run by OpenCompass, independent), SmolVLM2 scores 70% against Mistral Medium 3's 42%.", bothToSmol.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Vision_against_text_only_unknown_and_equal_inputs()
    {
        var text = With("text-only", new ToolFacts { InputModalities = List(FactStatus.VendorClaim, "text") });
        var answer = Required(text, MistralMedium3(), UseCases.Vision);
        AssertPick(answer, Pick.Right, MistralMedium3());
        Assert.Equal(
            "Mistral Medium 3 takes image input; Text Only takes text only (vendor claim). How well Mistral Medium 3 reads images is not on record: no image test of it is.",
            answer.Reason);

        var unknown = Required(With("no-inputs", new ToolFacts()), MistralMedium3(), UseCases.Vision);
        AssertPick(unknown, Pick.Unknown);
        Assert.EndsWith("No Inputs' input modalities are not on record, so there is no pick.", unknown.Reason, StringComparison.Ordinal);

        // The same inputs and no image test both took: nothing separates them.
        Assert.Null(Answer(MistralMedium3() with { Slug = "twin-api", Name = "Twin Api" }, MistralMedium3(), UseCases.Vision));

        var video = With("video-only", new ToolFacts { InputModalities = List("text", "video") });
        AssertPick(Required(video, MistralMedium3(), UseCases.Vision), Pick.Depends);

        Assert.Null(Answer(text, text with { Slug = "text-two" }, UseCases.Vision));
    }

    [Fact]
    public void Between_two_models_that_see_the_same_things_the_image_tests_both_took_decide()
    {
        var a = SmolVlm2() with { Facts = SmolVlm2().Facts with { Evaluations = [Eval("docvqa", 79.98m, "Bigger Labs", EvaluatorRelation.RivalVendor, status: FactStatus.VendorClaim)] } };
        var b = SmolVlm2() with
        {
            Slug = "bigger-vlm",
            Name = "Bigger VLM",
            Facts = SmolVlm2().Facts with { Evaluations = [Eval("docvqa", 95.7m, "Bigger Labs", EvaluatorRelation.Vendor, status: FactStatus.VendorClaim)] },
        };
        var answer = Required(a, b, UseCases.Vision);
        AssertPick(answer, Pick.Right, b);
        Assert.StartsWith("Both take image and video input; Bigger VLM leads on 1 of the 1 most trusted image tests both took (DocVQA): on DocVQA, Bigger VLM scores 95.7%", answer.Reason, StringComparison.Ordinal);
    }

    // Across every answer

    [Fact]
    public void Unreviewed_tools_without_facts_get_no_answers()
    {
        Assert.Empty(Pair(With("bare-one", new ToolFacts()) with { Kind = "runtime" }, With("bare-two", new ToolFacts()) with { Kind = "runtime" }).Answers);
    }

    [Fact]
    public void Answers_come_in_use_case_order()
    {
        var c = Comparison.Build(Side(DenseLlama(), ("builder", Verdict.Ship, 78)), Side(MistralMedium3(), ("builder", Verdict.Skip, 48)), Critics, Context);
        var order = c.Answers.Select(a => UseCases.All.ToList().IndexOf(a.UseCase)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Equal(UseCases.Overall, c.Answers[^1].UseCase);
    }

    [Fact]
    public void Every_answer_is_consistent_across_a_mixed_set_of_tools()
    {
        Tool[] tools =
        [
            SmolVlm2(),
            MistralMedium3(),
            DenseLlama(),
            MixtureLarge(),
            With("deepseek-v3", new ToolFacts
            {
                License = Fact("MIT"),
                OpenWeights = Fact(true),
                Parameters = Fact(new Parameters { TotalBillions = 671, ActiveBillions = 37 }),
                ContextWindow = Fact(128_000, FactStatus.VendorClaim),
                Pricing = Fact(Metered(0.27m, 1.10m)),
                DeploymentTargets = List("server", "cloud-api"),
                Evaluations = [Eval("mmlu", 88.5m, "DeepSeek", EvaluatorRelation.Vendor)],
            }),
            With("ollama", new ToolFacts { License = Fact("MIT"), Pricing = Fact(new Pricing { Model = "open-source" }), DeploymentTargets = List("laptop", "server") }) with { Kind = "runtime", Category = "inference-runtimes" },
            With("chat-app", new ToolFacts { Pricing = Fact(new Pricing { Model = "subscription", MonthlyUsd = 20 }), InputModalities = List("text", "image", "audio") }),
            With("bare-tool", new ToolFacts()),
        ];
        foreach (var left in tools)
        {
            foreach (var right in tools.Where(t => t.Slug != left.Slug))
            {
                var answers = Pair(left, right).Answers;
                var mirrored = Pair(right, left).Answers;
                Assert.Equal(answers.Select(a => a.UseCase), mirrored.Select(a => a.UseCase));
                foreach (var answer in answers)
                {
                    var context = $"{left.Slug} vs {right.Slug}, {answer.UseCase}: {answer.Reason}";
                    Assert.True(answer.Reason.EndsWith('.'), context);
                    Assert.DoesNotContain("tagline", answer.Reason, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain("  ", answer.Reason, StringComparison.Ordinal);
                    Assert.DoesNotContain("..", answer.Reason, StringComparison.Ordinal);
                    Assert.Equal(answer.Pick is Pick.Left or Pick.Right, answer.ToolSlug is not null);
                    if (answer.Pick == Pick.Depends)
                    {
                        Assert.Contains("depends on", answer.Reason, StringComparison.OrdinalIgnoreCase);
                    }

                    if (answer.ToolName is { } name)
                    {
                        Assert.Contains(name, answer.Reason, StringComparison.Ordinal);
                    }

                    // Swapping the columns swaps the pick and nothing else.
                    var swapped = mirrored.Single(m => m.UseCase == answer.UseCase);
                    var expected = answer.Pick switch { Pick.Left => Pick.Right, Pick.Right => Pick.Left, var same => same };
                    Assert.True(expected == swapped.Pick, context + " | mirrored: " + swapped.Reason);
                    Assert.Equal(answer.ToolSlug, swapped.ToolSlug);
                }
            }
        }
    }
}
