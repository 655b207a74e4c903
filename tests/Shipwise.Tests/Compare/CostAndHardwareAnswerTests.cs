using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using static Shipwise.Tests.Compare.CompareTools;

namespace Shipwise.Tests.Compare;

public class CostAndHardwareAnswerTests
{
    // Hardware

    [Fact]
    public void Memory_comes_from_total_parameters_so_a_405B_dense_model_needs_less_hardware_than_a_675B_mixture_with_41B_active()
    {
        var dense = DenseLlama();
        var moe = MixtureLarge();
        var answer = Required(dense, moe, UseCases.Hardware);
        AssertPick(answer, Pick.Left, dense);

        // 405B at FP8 with 20 % for cache is 486 GB: three 192 GB MI300X at $2.59 an hour, $7.77 × 730 h = $5,672 a month.
        // 675B is 810 GB: five of them, $12.95 an hour, $9,454 a month. The 41B active never enters the memory sum.
        Assert.Contains("405 GB at FP8 and 202.5 GB at 4-bit", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("(486 GB) that is 3 × MI300X (192 GB each) at $7.77 an hour, $5,672 a month", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("675 GB at FP8 and 337.5 GB at 4-bit", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("(810 GB) that is 5 × MI300X (192 GB each) at $12.95 an hour, $9,454 a month", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("Mistral Large 3 is a mixture of experts: every expert must be in memory", answer.Reason, StringComparison.Ordinal);

        // The pick follows the tool, not the column.
        AssertPick(Required(moe, dense, UseCases.Hardware), Pick.Right, dense);
    }

    [Fact]
    public void Only_the_side_you_can_run_yourself_gets_the_hardware_pick_and_a_missing_size_is_said()
    {
        var answer = Required(MistralMedium3(), DenseLlama(), UseCases.Hardware);
        AssertPick(answer, Pick.Right, DenseLlama());
        Assert.StartsWith("Only Llama 3.1 405B can run on hardware you control.", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("Mistral Medium 3 is a cloud API with closed weights: nothing to run yourself", answer.Reason, StringComparison.Ordinal);

        var unsized = With("unsized-open", new ToolFacts { OpenWeights = Fact(true) });
        var unknown = Required(unsized, DenseLlama(), UseCases.Hardware);
        AssertPick(unknown, Pick.Unknown);
        Assert.Contains("Unsized Open has open weights, but its parameter count is not on record, so its hardware cannot be sized", unknown.Reason, StringComparison.Ordinal);

        // Two cloud APIs: nothing to host, nothing to ask.
        Assert.Null(Answer(MistralMedium3(), MistralMedium3() with { Slug = "other-api", Name = "Other Api" }, UseCases.Hardware));
    }

    [Fact]
    public void On_the_same_gpus_a_much_smaller_model_leaves_room_for_cache_and_a_near_twin_is_a_real_tie()
    {
        var seven = With("seven-b", new ToolFacts { OpenWeights = Fact(true), Parameters = Fact(new Parameters { TotalBillions = 7 }) });
        var fourteen = With("fourteen-b", new ToolFacts { OpenWeights = Fact(true), Parameters = Fact(new Parameters { TotalBillions = 14 }) });
        var eight = With("eight-b", new ToolFacts { OpenWeights = Fact(true), Parameters = Fact(new Parameters { TotalBillions = 8 }) });

        // 8.4 GB and 16.8 GB at FP8 with cache: one 24 GB card each, the same bill.
        var roomier = Required(fourteen, seven, UseCases.Hardware);
        AssertPick(roomier, Pick.Right, seven);
        Assert.Contains("its weights are 2 times smaller", roomier.Reason, StringComparison.Ordinal);

        var tie = Required(seven, eight, UseCases.Hardware);
        AssertPick(tie, Pick.Depends);
        Assert.Contains("same hardware, so it depends on how many requests each serves per GPU, which is not on record", tie.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Runtimes_compare_by_the_hardware_backends_they_support()
    {
        Tool Runtime(string slug, params string[] backends) => With(slug, new ToolFacts
        {
            License = Fact("MIT"),
            Pricing = Fact(new Pricing { Model = "open-source" }),
            HardwareBackends = List(backends),
        }) with
        { Kind = "runtime", Category = "inference-runtimes" };

        var server = Runtime("server-runtime", "cuda", "rocm", "tpu");
        var local = Runtime("local-runtime", "cuda", "metal", "cpu");
        var answer = Required(server, local, UseCases.Hardware);
        AssertPick(answer, Pick.Depends);
        Assert.EndsWith("It depends on the hardware you have: only Server Runtime supports ROCm and TPU; only Local Runtime supports CPU and Metal.", answer.Reason, StringComparison.Ordinal);

        var wider = Runtime("wider-runtime", "cuda", "rocm", "tpu", "cpu");
        AssertPick(Required(server, wider, UseCases.Hardware), Pick.Right, wider);
    }

    // Cost at volume

    [Fact]
    public void Open_weights_are_not_free_at_volume_the_gpu_bill_and_the_break_even_are_stated()
    {
        var answer = Required(MistralMedium3(), DenseLlama(), UseCases.CostAtVolume);
        AssertPick(answer, Pick.Left, MistralMedium3());

        // Blended at 3:1, $0.40/$2.00 is $0.80 per 1M: 50M tokens a day for 30 days is $1,200 a month.
        // Fireworks' $3/$3 is $4,500; renting three MI300X is $5,672 a month, which equals $3 per 1M at 63M tokens a day.
        Assert.StartsWith("At 50M tokens a day (3 input tokens to 1 output), Mistral Medium 3 costs $1,200 a month against $4,500 for Llama 3.1 405B", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("Fireworks AI's price of $3.00 in / $3.00 out per 1M tokens (third-party) makes $4,500 a month", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("self-hosted at FP8, 3 × MI300X (192 GB each) at $7.77 an hour, $5,672 a month, busy or idle", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("renting the GPUs beats the hosted price only above 63M tokens a day", answer.Reason, StringComparison.Ordinal);

        // Against the API itself: $5,672 a month at $0.80 per 1M is 236M tokens a day, said to two figures as the panel says volumes.
        Assert.EndsWith("Break-even: self-hosting Llama 3.1 405B ($5,672 a month) costs less than Mistral Medium 3's price above 230M tokens a day, and more below it.", answer.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("free", answer.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("no per-token fee", answer.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_small_open_model_with_no_host_is_billed_as_the_gpu_that_holds_it()
    {
        var answer = Required(MistralMedium3(), SmolVlm2(), UseCases.CostAtVolume);
        AssertPick(answer, Pick.Right, SmolVlm2());

        // 2.2B is 2.6 GB at FP8 with cache: one 24 GB card at $0.34 an hour, $248 a month, against $1,200.
        Assert.Contains("SmolVLM2 costs $248 a month against $1,200 for Mistral Medium 3", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("SmolVLM2: self-hosted at FP8, one RTX 4090 (24 GB) at $0.34 an hour, $248 a month, busy or idle.", answer.Reason, StringComparison.Ordinal);

        // $248 a month at $0.80 per 1M is 10.3M tokens a day: below that the API is the cheaper way.
        Assert.EndsWith("Break-even: self-hosting SmolVLM2 ($248 a month) costs less than Mistral Medium 3's price above 10M tokens a day, and more below it.", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_weights_without_a_size_or_a_gpu_price_cannot_be_costed_and_that_is_said()
    {
        var unsized = With("unsized-open", new ToolFacts { OpenWeights = Fact(true), Pricing = Fact(new Pricing { Model = "open-source" }) });
        var answer = Required(unsized, MistralMedium3(), UseCases.CostAtVolume);
        AssertPick(answer, Pick.Unknown);
        Assert.Contains("Unsized Open has open weights but no hosted price, and its parameter count is not on record", answer.Reason, StringComparison.Ordinal);

        var noGpus = Comparison.Build(Side(MistralMedium3()), Side(SmolVlm2()), Critics, CompareContext.Empty)
            .Answers.Single(a => a.UseCase == UseCases.CostAtVolume);
        AssertPick(noGpus, Pick.Unknown);
        Assert.Contains("no GPU price is on record to cost self-hosting", noGpus.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cheaper_blended_bill_wins_and_an_equal_price_depends_on_discounts()
    {
        // $0.50/$1.00 blends to $0.625 per 1M: $937.50, rounded half to even, $938 a month.
        var cheap = With("cheap-api", new ToolFacts { Pricing = Fact(Metered(0.50m, 1.00m), FactStatus.VendorClaim) });
        var answer = Required(MistralMedium3(), cheap, UseCases.CostAtVolume);
        AssertPick(answer, Pick.Right, cheap);
        Assert.Contains("Cheap Api costs $938 a month against $1,200 for Mistral Medium 3", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("(vendor claim)", answer.Reason, StringComparison.Ordinal);

        var same = With("same-price", new ToolFacts { Pricing = Fact(Metered(0.40m, 2.00m)) });
        var tie = Required(MistralMedium3(), same, UseCases.CostAtVolume);
        AssertPick(tie, Pick.Depends);
        Assert.EndsWith("It depends on volume discounts, cached input, batch jobs and rate limits.", tie.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retired_tool_is_never_the_pick_even_where_its_price_would_win()
    {
        var cheap = With("cheap-api", new ToolFacts { Pricing = Fact(Metered(0.50m, 1.00m)) });
        var retired = cheap with
        {
            Facts = cheap.Facts with
            {
                Lifecycle = Fact(new Lifecycle { Status = LifecycleStatus.Retired, ShutdownDate = new DateOnly(2026, 8, 31), Successor = "mistral-medium-3" }),
            },
        };
        var answer = Required(MistralMedium3(), retired, UseCases.CostAtVolume);
        AssertPick(answer, Pick.Left, MistralMedium3());
        Assert.EndsWith("Cheap Api would win on this, but it was retired on 31 Aug 2026, so Mistral Medium 3 is the one you can still use.", answer.Reason, StringComparison.Ordinal);

        var unconfirmed = MistralMedium3() with { Facts = MistralMedium3().Facts with { Lifecycle = Fact(new Lifecycle { Status = LifecycleStatus.Unconfirmed }) } };
        var both = Required(retired, unconfirmed, UseCases.CostAtVolume);
        AssertPick(both, Pick.Neither);
        Assert.EndsWith("and no public source confirms it exists.", both.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_bill_against_an_unknown_one_is_no_pick()
    {
        var subscription = With("chat-app", new ToolFacts { Pricing = Fact(new Pricing { Model = "subscription", MonthlyUsd = 20 }) });
        var answer = Required(subscription, MistralMedium3(), UseCases.CostAtVolume);
        AssertPick(answer, Pick.Unknown);
        Assert.EndsWith("Chat App lists no per-token price (subscription: $20.00 per month), so the two cannot be compared.", answer.Reason, StringComparison.Ordinal);
        Assert.Null(Answer(With("unpriced", new ToolFacts()), With("also-unpriced", new ToolFacts()), UseCases.CostAtVolume));
    }

    [Fact]
    public void Speech_priced_per_minute_and_per_hour_compares_per_hour_at_a_stated_volume()
    {
        Tool Speech(string slug, Pricing pricing) => With(slug, new ToolFacts { Pricing = Fact(pricing), InputModalities = List("audio"), OutputModalities = List("text") }) with
        { Category = "speech-recognition", Kind = "api" };

        var perMinute = Speech("per-minute", new Pricing { Model = "usage-based", Units = [new UnitPrice { Unit = "audio-minute", Usd = 0.0048m }] });
        var perHour = Speech("per-hour", new Pricing { Model = "usage-based", Units = [new UnitPrice { Unit = "audio-hour", Usd = 0.111m }] });
        var answer = Required(perMinute, perHour, UseCases.CostAtVolume);
        AssertPick(answer, Pick.Right, perHour);

        // $0.0048 a minute is $0.288 an hour; at 100 hours a day for 30 days, $864 against $333.
        Assert.Contains("Per Minute costs $0.288 per hour of audio (Per Labs), $864 a month at 100 hours of audio a day", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("Per Hour $0.111 per hour of audio (Per Labs), $333 a month at 100 hours of audio a day", answer.Reason, StringComparison.Ordinal);

        // The ratio names whose price it is measured against: "…, 39% of the price" read as the dearer one's share.
        Assert.EndsWith("Per Hour costs 39% of Per Minute's price.", answer.Reason, StringComparison.Ordinal);

        // The page's note names the volume this answer used, not the token mix of text models.
        Assert.Equal("Costs assume 100 hours of audio a day, at each one's cheapest price per unit.", Pair(perMinute, perHour).CostBasis);
        Assert.StartsWith("Costs assume 50M tokens a day", Pair(MistralMedium3(), SmolVlm2()).CostBasis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gpu_is_priced_per_gigabyte_of_memory_and_a_cheaper_hour_with_less_memory_is_a_trade_off()
    {
        Tool Gpu(string slug, decimal gb, decimal hour) => With(slug, new ToolFacts
        {
            AcceleratorMemoryGb = Fact(gb),
            Pricing = Fact(new Pricing { Model = "usage-based", Units = [new UnitPrice { Unit = "gpu-hour", Usd = hour }] }),
        }) with
        { Kind = "hardware", Category = "ai-hardware" };

        var big = Gpu("big-gpu", 192, 2.59m);
        var small = Gpu("small-gpu", 80, 2.69m);
        var answer = Required(big, small, UseCases.CostAtVolume);
        AssertPick(answer, Pick.Left, big);
        Assert.Contains("$0.0135 an hour for Big Gpu's 192 GB and $0.0336 for Small Gpu's 80 GB", answer.Reason, StringComparison.Ordinal);

        var cheapSmall = Gpu("cheap-small", 24, 0.34m);
        var trade = Required(big, cheapSmall, UseCases.CostAtVolume);
        AssertPick(trade, Pick.Depends);
        Assert.True(trade.Reason.Contains("It depends on whether your model fits in Cheap Small's 24 GB", StringComparison.Ordinal), trade.Reason);
    }
}
