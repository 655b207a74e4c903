using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using static Shipwise.Tests.Compare.CompareTools;

namespace Shipwise.Tests.Compare;

/// <summary>"Are these alternatives at all?": said first, and for tools that do different jobs no winner is forced.</summary>
public class AlternativesAnswerTests
{
    private static Tool Gpu() => Tool("nvidia-h100", "NVIDIA H100", new ToolFacts
    {
        AcceleratorMemoryGb = Fact(80m),
        Pricing = Fact(new Pricing { Model = "usage-based", Units = [new UnitPrice { Unit = "gpu-hour", Usd = 2.69m }] }),
    }, "ai-hardware") with
    { Kind = "hardware", Vendor = new Vendor { Name = "NVIDIA" } };

    private static Tool Runtime() => Tool("vllm", "vLLM", new ToolFacts
    {
        License = Fact("Apache-2.0"),
        HardwareBackends = List("cuda", "rocm", "cpu"),
        Pricing = Fact(new Pricing { Model = "open-source" }),
    }, "inference-runtimes") with
    { Kind = "runtime" };

    [Fact]
    public void A_gpu_and_a_serving_runtime_are_not_alternatives_and_nothing_else_is_asked()
    {
        var answers = Pair(Gpu(), Runtime()).Answers;

        // No "cheaper", no "overall": between a GPU and the software that runs on it there is no winner.
        var answer = Assert.Single(answers);
        AssertPick(answer, Pick.Neither);
        Assert.Equal(UseCases.Alternatives, answer.UseCase);
        Assert.Equal(
            "No, they do different jobs. NVIDIA H100 is an accelerator with 80 GB of memory; vLLM is a serving runtime, which runs models on your servers. "
            + "vLLM lists CUDA among its hardware backends, NVIDIA's platform for the NVIDIA H100: you would run vLLM on it, not choose between them.",
            answer.Reason);
    }

    [Fact]
    public void A_serving_layer_and_the_engine_it_runs_on_are_used_together()
    {
        // "Only vLLM has continuous batching" read as a contest, though Dynamo runs vLLM as its engine.
        var dynamo = Tool("nvidia-dynamo", "NVIDIA Dynamo", new ToolFacts
        {
            License = Fact("Apache-2.0"),
            Runtimes = List("vllm", "sglang", "tensorrt-llm"),
            ServingFeatures = List("openai-compatible-server", "disaggregated-serving"),
        }, "inference-runtimes") with
        { Kind = "runtime" };
        var answer = Assert.Single(Pair(Runtime(), dynamo).Answers);
        AssertPick(answer, Pick.Neither);
        Assert.Equal(UseCases.Alternatives, answer.UseCase);
        Assert.Equal("No, one runs on the other. NVIDIA Dynamo runs vLLM as one of its engines, so you would use them together, not choose between them.", answer.Reason);
    }

    [Fact]
    public void An_embedding_model_and_a_chat_api_do_different_jobs()
    {
        var embedder = Tool("bge-m3", "BGE-M3", new ToolFacts { OpenWeights = Fact(true), Parameters = Fact(new Parameters { TotalBillions = 0.568m }) }, "embedding-models");
        var answer = Assert.Single(Pair(embedder, MistralMedium3()).Answers);
        Assert.Equal(UseCases.Alternatives, answer.UseCase);
        Assert.StartsWith("No, they do different jobs. BGE-M3 is an embedding model, which turns content into vectors for search; Mistral Medium 3 is a language model", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_2B_on_device_model_against_a_hosted_api_is_said_first_and_overall_depends_on_where_it_runs()
    {
        var answers = Pair(MistralMedium3(), SmolVlm2()).Answers;
        Assert.Equal(UseCases.Alternatives, answers[0].UseCase);
        Assert.StartsWith("Not really: SmolVLM2 has 2.2B parameters and runs on phone and laptop (vendor claim), while Mistral Medium 3 is a cloud API", answers[0].Reason, StringComparison.Ordinal);

        var overall = answers.Single(a => a.UseCase == UseCases.Overall);
        AssertPick(overall, Pick.Depends);
        Assert.StartsWith("They are not alternatives, so it depends on where it must run: on the device, SmolVLM2", overall.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retired_server_model_against_an_on_device_one_is_said_to_be_gone_not_awaiting_a_verdict()
    {
        var retired = MistralMedium3() with
        {
            Facts = MistralMedium3().Facts with { Lifecycle = Fact(new Lifecycle { Status = LifecycleStatus.Retired, ShutdownDate = new DateOnly(2026, 9, 24), Successor = "successor-api" }) },
        };
        var overall = Pair(retired, SmolVlm2()).Answers.Single(a => a.UseCase == UseCases.Overall);
        Assert.EndsWith("on servers, Mistral Medium 3 (it was retired on 24 Sep 2026; Successor Api replaces it).", overall.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_language_models_of_a_size_are_alternatives_and_that_question_is_not_asked()
    {
        Assert.DoesNotContain(Pair(DenseLlama(), MixtureLarge()).Answers, a => a.UseCase == UseCases.Alternatives);
    }
}
