using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using Shipwise.Core.Panel;
using static Shipwise.Tests.Compare.CompareTools;

namespace Shipwise.Tests.Compare;

public class UseCaseAnswerTests
{
    private static Pricing Metered(decimal input, decimal output) =>
        new() { Model = "usage-based", InputPerMillionTokensUsd = input, OutputPerMillionTokensUsd = output };

    private static UseCaseAnswer Required(Tool left, Tool right, string useCase) =>
        Answer(left, right, useCase) ?? throw new Xunit.Sdk.XunitException($"no {useCase} answer for {left.Slug} vs {right.Slug}");

    private static void AssertPick(UseCaseAnswer answer, Pick pick, Tool? picked = null)
    {
        Assert.True(answer.Pick == pick, $"expected {pick}, got {answer.Pick}: {answer.Reason}");
        Assert.Equal(picked?.Slug, answer.ToolSlug);
        Assert.Equal(picked?.Name, answer.ToolName);
        Assert.Equal(UseCases.Question(answer.UseCase), answer.Question);
    }

    // On a phone or laptop

    [Fact]
    public void A_small_on_device_model_beats_a_cloud_api_for_on_device_use_with_the_vendor_claim_flagged()
    {
        var smol = SmolVlm2();
        var answer = Required(smol, MistralMedium3(), UseCases.OnDevice);
        AssertPick(answer, Pick.Left, smol);
        Assert.Equal("Running on a phone or laptop?", answer.Question);
        Assert.Equal(
            "SmolVLM2 runs on phone and laptop (vendor claim) with 2.2B parameters; Mistral Medium 3 is a cloud API only.",
            answer.Reason);

        // The pick follows the tool, not the column.
        AssertPick(Required(MistralMedium3(), smol, UseCases.OnDevice), Pick.Right, smol);
    }

    [Fact]
    public void Between_two_laptop_models_fewer_active_parameters_wins()
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
        AssertPick(answer, Pick.Right, moe);
        Assert.Equal(
            "Both run on laptop; Moe Small has 3B active parameters (24B in total) against Dense Seven's 7B parameters, so it does less work per token.",
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
    public void An_unknown_parameter_count_is_said_to_be_unknown_not_guessed()
    {
        var known = With("known-size", new ToolFacts { DeploymentTargets = List("laptop"), Parameters = Fact(new Parameters { TotalBillions = 4 }) });
        var unknown = With("unknown-size", new ToolFacts { DeploymentTargets = List("laptop") });
        var answer = Required(unknown, known, UseCases.OnDevice);
        AssertPick(answer, Pick.Right, known);
        Assert.Contains("Unknown Size's parameter count is not on record", answer.Reason, StringComparison.Ordinal);

        var both = Required(unknown, unknown with { Slug = "other-unknown", Name = "Other Unknown" }, UseCases.OnDevice);
        AssertPick(both, Pick.Depends);
        Assert.Contains("neither lists a parameter count", both.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void On_device_is_left_out_when_no_side_lists_a_phone_or_laptop()
    {
        var cloud = With("cloud-api", new ToolFacts { DeploymentTargets = List("cloud-api") });
        var server = With("server-model", new ToolFacts { DeploymentTargets = List("server") });
        Assert.Null(Answer(cloud, server, UseCases.OnDevice));
        Assert.Null(Answer(With("no-targets", new ToolFacts()), server, UseCases.OnDevice));

        var answer = Required(SmolVlm2(), With("no-targets", new ToolFacts()), UseCases.OnDevice);
        AssertPick(answer, Pick.Left, SmolVlm2());
        Assert.EndsWith("No Targets' deployment targets are not on record.", answer.Reason, StringComparison.Ordinal);
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
    public void Equal_windows_depend_on_quality_and_the_cost_of_filling_them()
    {
        var rival = With("rival-api", new ToolFacts { ContextWindow = Fact(131_072), Pricing = Fact(Metered(2.50m, 10m)) });
        var answer = Required(MistralMedium3(), rival, UseCases.LongDocuments);
        AssertPick(answer, Pick.Depends);
        // 128,000 × $0.40 / 1M = $0.0512; 131,072 × $2.50 / 1M = $0.32768 → $0.3277.
        Assert.Equal(
            "Both read up to 128K tokens at once, so it depends on how well each handles a full window of your documents, and on cost: filling it once costs $0.0512 with Mistral Medium 3 and $0.3277 with Rival Api.",
            answer.Reason);
    }

    [Fact]
    public void A_missing_context_window_is_called_unknown_and_two_missing_leave_the_question_out()
    {
        var answer = Required(SmolVlm2(), MistralMedium3(), UseCases.LongDocuments);
        AssertPick(answer, Pick.Right, MistralMedium3());
        Assert.Equal("Mistral Medium 3 reads up to 128K tokens at once; SmolVLM2's context window is not on record.", answer.Reason);
        Assert.Null(Answer(SmolVlm2(), With("no-window", new ToolFacts()), UseCases.LongDocuments));
    }

    // Cost at volume

    [Fact]
    public void Open_weights_you_run_yourself_beat_a_per_token_bill_and_the_hardware_is_named()
    {
        var answer = Required(MistralMedium3(), SmolVlm2(), UseCases.LowestCostAtVolume);
        AssertPick(answer, Pick.Right, SmolVlm2());
        Assert.Equal(
            "SmolVLM2 has open weights: run it yourself and there is no per-token fee, but you pay for hardware big enough for its 2.2B parameters. Mistral Medium 3 charges $0.40 in / $2.00 out per 1M tokens.",
            answer.Reason);
    }

    [Fact]
    public void The_cheaper_per_token_api_wins_and_a_cheaper_input_on_the_other_side_is_pointed_out()
    {
        var cheap = With("cheap-api", new ToolFacts { Pricing = Fact(Metered(0.50m, 1.00m), FactStatus.VendorClaim) });
        var answer = Required(MistralMedium3(), cheap, UseCases.LowestCostAtVolume);
        AssertPick(answer, Pick.Right, cheap);
        Assert.Equal(
            "Cheap Api charges $0.50 in / $1.00 out per 1M tokens (vendor claim); Mistral Medium 3 charges $0.40 in / $2.00 out per 1M tokens: $1.50 against $2.40 for 1M tokens each way. Mistral Medium 3 is cheaper on input, so check this against your input-heavy work.",
            answer.Reason);
    }

    [Fact]
    public void A_retired_tool_is_never_the_pick_even_where_its_facts_would_win()
    {
        var cheap = With("cheap-api", new ToolFacts { Pricing = Fact(Metered(0.50m, 1.00m)) });
        var retired = cheap with
        {
            Facts = cheap.Facts with
            {
                Lifecycle = Fact(new Lifecycle { Status = LifecycleStatus.Retired, ShutdownDate = new DateOnly(2026, 8, 31), Successor = "mistral-medium-3" }),
            },
        };
        Assert.Equal(Pick.Right, Required(MistralMedium3(), cheap, UseCases.LowestCostAtVolume).Pick);

        var answer = Required(MistralMedium3(), retired, UseCases.LowestCostAtVolume);
        AssertPick(answer, Pick.Left, MistralMedium3());
        Assert.Equal("Cheap Api would win on this, but it was retired on 31 Aug 2026, so Mistral Medium 3 is the one you can still ship.", answer.Reason);

        var both = Required(retired, MistralMedium3() with { Facts = MistralMedium3().Facts with { Lifecycle = Fact(new Lifecycle { Status = LifecycleStatus.Unconfirmed }) } }, UseCases.LowestCostAtVolume);
        AssertPick(both, Pick.Neither);
        Assert.EndsWith("and no public source confirms it exists.", both.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_totals_with_a_different_split_depend_on_the_input_output_mix()
    {
        var a = With("input-cheap", new ToolFacts { Pricing = Fact(Metered(0.20m, 2.20m)) });
        var answer = Required(MistralMedium3(), a, UseCases.LowestCostAtVolume);
        AssertPick(answer, Pick.Depends);
        Assert.EndsWith("Both come to $2.40 for 1M tokens each way, so it depends on your mix: Input Cheap is cheaper on input, Mistral Medium 3 on output.", answer.Reason, StringComparison.Ordinal);

        var same = With("same-price", new ToolFacts { Pricing = Fact(Metered(0.40m, 2.00m)) });
        var tie = Required(MistralMedium3(), same, UseCases.LowestCostAtVolume);
        AssertPick(tie, Pick.Depends);
        Assert.Equal("Both charge $0.40 in / $2.00 out per 1M tokens, so it depends on volume discounts, rate limits and free tiers.", tie.Reason);
    }

    [Fact]
    public void Two_self_hosted_models_compare_by_size_or_depend_on_the_hardware()
    {
        var big = With("big-open", new ToolFacts { OpenWeights = Fact(true), Parameters = Fact(new Parameters { TotalBillions = 70 }) });
        var answer = Required(big, SmolVlm2(), UseCases.LowestCostAtVolume);
        AssertPick(answer, Pick.Right, SmolVlm2());
        Assert.Contains("2.2B parameters against Big Open's 70B parameters", answer.Reason, StringComparison.Ordinal);

        var unsized = With("unsized-open", new ToolFacts { OpenWeights = Fact(true) });
        var depends = Required(unsized, SmolVlm2(), UseCases.LowestCostAtVolume);
        AssertPick(depends, Pick.Depends);
        Assert.EndsWith("Neither charges per token, so it depends on the hardware you run them on.", depends.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_price_is_picked_over_an_unknown_one_and_the_unknown_is_said()
    {
        var subscription = With("chat-app", new ToolFacts { Pricing = Fact(new Pricing { Model = "subscription", MonthlyUsd = 20 }) });
        var answer = Required(subscription, MistralMedium3(), UseCases.LowestCostAtVolume);
        AssertPick(answer, Pick.Right, MistralMedium3());
        Assert.Equal(
            "Mistral Medium 3 charges $0.40 in / $2.00 out per 1M tokens. Chat App lists no per-token price (subscription: $20.00 per month), so only Mistral Medium 3's cost at volume can be worked out.",
            answer.Reason);

        var unpriced = With("unpriced", new ToolFacts());
        Assert.Contains("Unpriced's pricing is not on record", Required(unpriced, MistralMedium3(), UseCases.LowestCostAtVolume).Reason, StringComparison.Ordinal);
        Assert.Null(Answer(unpriced, subscription, UseCases.LowestCostAtVolume));
    }

    // Commercial licence

    [Fact]
    public void Apache_beats_proprietary_for_a_commercial_product_and_the_api_terms_are_stated_honestly()
    {
        var answer = Required(MistralMedium3(), SmolVlm2(), UseCases.CommercialLicence);
        AssertPick(answer, Pick.Right, SmolVlm2());
        Assert.Equal(
            "SmolVLM2 is Apache-2.0: you can use, change and ship it commercially, keeping the licence notice. Mistral Medium 3 is proprietary: commercial use is possible only under Mistral AI's terms, and you get access to it, not a copy you can change or ship.",
            answer.Reason);
    }

    [Fact]
    public void A_proprietary_api_beats_a_non_commercial_open_licence_for_commercial_use()
    {
        var nc = With("research-model", new ToolFacts { License = Fact("CC-BY-NC-4.0") });
        var answer = Required(nc, MistralMedium3(), UseCases.CommercialLicence);
        AssertPick(answer, Pick.Right, MistralMedium3());
        Assert.Contains("Research Model is CC-BY-NC-4.0: it does not allow commercial use.", answer.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MIT", "Apache-2.0", "whether you want Apache-2.0's explicit patent grant")]
    [InlineData("MIT", "BSD-3-Clause", "which notices you would rather keep")]
    [InlineData("MIT", "MIT", "the other questions here, not the licence")]
    public void Two_permissive_licences_tie_and_say_what_it_depends_on(string left, string right, string dependsOn)
    {
        var answer = Required(With("left-tool", new ToolFacts { License = Fact(left) }), With("right-tool", new ToolFacts { License = Fact(right) }), UseCases.CommercialLicence);
        AssertPick(answer, Pick.Depends);
        Assert.EndsWith($"so it depends on {dependsOn}.", answer.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GPL-3.0-only", "AGPL-3.0-only", Pick.Left)]
    [InlineData("AGPL-3.0-only", "MPL-2.0", Pick.Right)]
    [InlineData("Apache-2.0", "GPL-3.0-only", Pick.Left)]
    [InlineData("proprietary", "proprietary", Pick.Depends)]
    [InlineData("LicenseRef-llama-3.1", "proprietary", Pick.Depends)]
    [InlineData("CC-BY-NC-4.0", "BUSL-1.1", Pick.Neither)]
    [InlineData("GPL-3.0-only", "GPL-3.0-only", Pick.Depends)]
    [InlineData("SSPL-1.0", "LicenseRef-community", Pick.Right)]
    public void Licences_rank_by_what_a_business_may_do(string left, string right, Pick expected)
    {
        var l = With("left-tool", new ToolFacts { License = Fact(left) });
        var r = With("right-tool", new ToolFacts { License = Fact(right) });
        var answer = Required(l, r, UseCases.CommercialLicence);
        AssertPick(answer, expected, expected switch { Pick.Left => l, Pick.Right => r, _ => null });
    }

    [Fact]
    public void An_unknown_licence_is_said_to_be_unknown()
    {
        var unknown = With("no-licence", new ToolFacts());
        var answer = Required(unknown, SmolVlm2(), UseCases.CommercialLicence);
        AssertPick(answer, Pick.Right, SmolVlm2());
        Assert.EndsWith("No Licence's licence is not on record.", answer.Reason, StringComparison.Ordinal);

        var nc = With("nc-only", new ToolFacts { License = Fact("CC-BY-NC-4.0", FactStatus.Unverified) });
        var neither = Required(nc, unknown, UseCases.CommercialLicence);
        AssertPick(neither, Pick.Neither);
        Assert.Contains("CC-BY-NC-4.0 (unverified)", neither.Reason, StringComparison.Ordinal);
        Assert.Null(Answer(unknown, unknown with { Slug = "also-none" }, UseCases.CommercialLicence));
    }

    // Self-hosting

    [Fact]
    public void Open_weights_beat_a_closed_api_for_self_hosting()
    {
        var answer = Required(MistralMedium3(), SmolVlm2(), UseCases.SelfHosting);
        AssertPick(answer, Pick.Right, SmolVlm2());
        Assert.Equal("SmolVLM2 publishes its weights and runs with transformers and mlx; Mistral Medium 3 keeps its weights closed.", answer.Reason);
    }

    [Fact]
    public void Closed_weights_with_a_server_option_beat_a_cloud_only_api_and_say_it_goes_through_the_vendor()
    {
        var onPrem = MistralMedium3() with
        {
            Slug = "on-prem-api",
            Name = "On Prem Api",
            Facts = MistralMedium3().Facts with { DeploymentTargets = List(FactStatus.VendorClaim, "cloud-api", "server") },
        };
        var answer = Required(MistralMedium3(), onPrem, UseCases.SelfHosting);
        AssertPick(answer, Pick.Right, onPrem);
        Assert.StartsWith("On Prem Api keeps its weights closed but lists server deployment (vendor claim), which goes through Mistral AI", answer.Reason, StringComparison.Ordinal);

        // Two cloud-only APIs: nothing to self-host, so the question is left out.
        Assert.Null(Answer(MistralMedium3(), MistralMedium3() with { Slug = "other-api" }, UseCases.SelfHosting));
    }

    [Fact]
    public void An_open_source_runtime_counts_as_self_hostable_without_a_weights_fact()
    {
        var runtime = With("llama-cpp", new ToolFacts { Pricing = Fact(new Pricing { Model = "open-source" }), License = Fact("MIT") });
        var answer = Required(runtime, MistralMedium3(), UseCases.SelfHosting);
        AssertPick(answer, Pick.Left, runtime);
        Assert.StartsWith("Llama Cpp is open source;", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_two_open_models_fitting_one_gpu_wins_and_otherwise_it_depends_on_hardware()
    {
        var serverOnly = With("server-open", new ToolFacts { OpenWeights = Fact(true), DeploymentTargets = List("server") });
        var answer = Required(serverOnly, SmolVlm2(), UseCases.SelfHosting);
        AssertPick(answer, Pick.Right, SmolVlm2());
        Assert.EndsWith("SmolVLM2 lists a single GPU as enough (vendor claim); Server Open does not.", answer.Reason, StringComparison.Ordinal);

        var twin = With("twin-open", new ToolFacts { OpenWeights = Fact(true), DeploymentTargets = List("server") });
        var tie = Required(serverOnly, twin, UseCases.SelfHosting);
        AssertPick(tie, Pick.Depends);
        Assert.EndsWith("It depends on your hardware and the runtime you already use.", tie.Reason, StringComparison.Ordinal);
    }

    // Vision

    [Fact]
    public void Image_and_video_input_beats_image_only()
    {
        var answer = Required(MistralMedium3(), SmolVlm2(), UseCases.Vision);
        AssertPick(answer, Pick.Right, SmolVlm2());
        Assert.Equal("SmolVLM2 takes image and video input; Mistral Medium 3 takes image input only.", answer.Reason);
    }

    [Fact]
    public void Vision_against_text_only_unknown_and_equal_inputs()
    {
        var text = With("text-only", new ToolFacts { InputModalities = List(FactStatus.VendorClaim, "text") });
        var answer = Required(text, MistralMedium3(), UseCases.Vision);
        AssertPick(answer, Pick.Right, MistralMedium3());
        Assert.Equal("Mistral Medium 3 takes image input; Text Only takes text only (vendor claim).", answer.Reason);

        var unknown = Required(With("no-inputs", new ToolFacts()), MistralMedium3(), UseCases.Vision);
        Assert.EndsWith("No Inputs' input modalities are not on record.", unknown.Reason, StringComparison.Ordinal);

        var same = Required(MistralMedium3() with { Slug = "twin-api", Name = "Twin Api" }, MistralMedium3(), UseCases.Vision);
        AssertPick(same, Pick.Depends);
        Assert.Contains("it depends on how well each reads your own material", same.Reason, StringComparison.Ordinal);

        var video = With("video-only", new ToolFacts { InputModalities = List("text", "video") });
        AssertPick(Required(video, MistralMedium3(), UseCases.Vision), Pick.Depends);

        Assert.Null(Answer(text, text with { Slug = "text-two" }, UseCases.Vision));
    }

    // Compliance

    [Fact]
    public void Certifications_residency_and_sla_win_compliance_and_each_vendor_claim_is_flagged()
    {
        var answer = Required(SmolVlm2(), MistralMedium3(), UseCases.Compliance);
        AssertPick(answer, Pick.Right, MistralMedium3());
        Assert.Equal(
            "Mistral Medium 3 lists SOC 2 Type II and ISO 27001 (vendor claim), data residency in EU and US (vendor claim), and a 99.9% uptime SLA (vendor claim); SmolVLM2 lists no certifications, data residency or uptime SLA. SmolVLM2 has open weights, so data stays wherever you host it, but no vendor attestation comes with it.",
            answer.Reason);
    }

    [Fact]
    public void Different_strengths_tie_and_name_what_it_depends_on()
    {
        var certified = With("certified-api", new ToolFacts { Certifications = List("SOC 2 Type II") });
        var resident = With("eu-api", new ToolFacts { DataResidency = List("eu") });
        var answer = Required(certified, resident, UseCases.Compliance);
        AssertPick(answer, Pick.Depends);
        Assert.EndsWith("It depends on whether you need Certified Api's SOC 2 Type II or Eu Api's data residency in EU.", answer.Reason, StringComparison.Ordinal);

        var same = Required(certified, certified with { Slug = "certified-twin" }, UseCases.Compliance);
        AssertPick(same, Pick.Depends);
        Assert.EndsWith("It depends on the contract terms behind them.", same.Reason, StringComparison.Ordinal);

        Assert.Null(Answer(SmolVlm2(), With("bare-tool", new ToolFacts()), UseCases.Compliance));
    }

    [Fact]
    public void A_higher_uptime_sla_decides_when_the_rest_is_equal()
    {
        var better = MistralMedium3() with { Slug = "better-sla", Name = "Better Sla", Facts = MistralMedium3().Facts with { UptimeSla = Fact(99.95m) } };
        AssertPick(Required(MistralMedium3(), better, UseCases.Compliance), Pick.Right, better);
    }

    // Overall

    [Fact]
    public void Overall_follows_the_panel_verdict_ship_percent_then_mean_score()
    {
        var smol = SmolVlm2();
        var mistral = MistralMedium3();
        UseCaseAnswer Overall(CompareSide l, CompareSide r) =>
            Comparison.Build(l, r, Critics).Answers.Single(a => a.UseCase == UseCases.Overall);

        var shipSkip = Overall(Side(smol, ("builder", Verdict.Ship, 80), ("counsel", Verdict.Ship, 70), ("founder", Verdict.Skip, 40)),
            Side(mistral, ("builder", Verdict.Skip, 45), ("operator", Verdict.Ship, 72), ("counsel", Verdict.Skip, 37)));
        AssertPick(shipSkip, Pick.Left, smol);
        Assert.Equal(
            "The panel ships SmolVLM2 (2 ship / 1 skip, 67% ship, mean score 63.3) and skips Mistral Medium 3 (1 ship / 2 skip, 33% ship, mean score 51.3).",
            shipSkip.Reason);

        var bothSkip = Overall(Side(smol, ("builder", Verdict.Skip, 40)), Side(mistral, ("builder", Verdict.Skip, 45)));
        AssertPick(bothSkip, Pick.Neither);
        Assert.StartsWith("The panel skips both", bothSkip.Reason, StringComparison.Ordinal);

        var firmer = Overall(Side(smol, ("builder", Verdict.Ship, 70), ("counsel", Verdict.Skip, 50), ("futurist", Verdict.Ship, 75)),
            Side(mistral, ("builder", Verdict.Ship, 66)));
        AssertPick(firmer, Pick.Right, mistral);
        Assert.Contains("Mistral Medium 3 more firmly: 1 ship / 0 skip, 100% ship", firmer.Reason, StringComparison.Ordinal);

        var higherMean = Overall(Side(smol, ("builder", Verdict.Ship, 70)), Side(mistral, ("builder", Verdict.Ship, 75)));
        AssertPick(higherMean, Pick.Right, mistral);
        Assert.Contains("higher mean score, 75 against SmolVLM2's 70", higherMean.Reason, StringComparison.Ordinal);

        var tie = Overall(Side(smol, ("builder", Verdict.Ship, 70)), Side(mistral, ("counsel", Verdict.Ship, 70)));
        AssertPick(tie, Pick.Depends);

        var oneSided = Overall(Side(smol), Side(mistral, ("builder", Verdict.Ship, 66)));
        AssertPick(oneSided, Pick.Right, mistral);
        Assert.EndsWith("SmolVLM2 has no panel verdict yet.", oneSided.Reason, StringComparison.Ordinal);

        var oneSkipped = Overall(Side(smol), Side(mistral, ("builder", Verdict.Skip, 40)));
        AssertPick(oneSkipped, Pick.Neither);
    }

    // Across every answer

    [Fact]
    public void Unreviewed_tools_without_facts_get_no_answers()
    {
        Assert.Empty(Pair(With("bare-one", new ToolFacts()), With("bare-two", new ToolFacts())).Answers);
    }

    [Fact]
    public void Answers_come_in_use_case_order_and_cover_every_relevant_use_case_for_smolvlm2_against_mistral()
    {
        var c = Comparison.Build(Side(SmolVlm2(), ("builder", Verdict.Ship, 78)), Side(MistralMedium3(), ("builder", Verdict.Skip, 48)), Critics);
        Assert.Equal(UseCases.All, c.Answers.Select(a => a.UseCase));
        Assert.Equal(
            [Pick.Left, Pick.Right, Pick.Left, Pick.Left, Pick.Left, Pick.Left, Pick.Right, Pick.Left],
            c.Answers.Select(a => a.Pick));
    }

    [Fact]
    public void Every_answer_is_consistent_across_a_mixed_set_of_tools()
    {
        Tool[] tools =
        [
            SmolVlm2(),
            MistralMedium3(),
            With("llama-3-1-405b", new ToolFacts
            {
                License = Fact("LicenseRef-llama-3.1"),
                OpenWeights = Fact(true),
                Parameters = Fact(new Parameters { TotalBillions = 405 }),
                ContextWindow = Fact(131_072),
                DeploymentTargets = List("server"),
            }),
            With("deepseek-v3", new ToolFacts
            {
                License = Fact("MIT"),
                OpenWeights = Fact(true),
                Parameters = Fact(new Parameters { TotalBillions = 671, ActiveBillions = 37 }),
                ContextWindow = Fact(128_000, FactStatus.VendorClaim),
                Pricing = Fact(Metered(0.27m, 1.10m)),
                DeploymentTargets = List("server", "cloud-api"),
            }),
            With("ollama", new ToolFacts { License = Fact("MIT"), Pricing = Fact(new Pricing { Model = "open-source" }), DeploymentTargets = List("laptop", "server") }),
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
