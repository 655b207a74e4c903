using Shipwise.Core.Catalog;
using Shipwise.Core.Compare;
using static Shipwise.Tests.Compare.CompareTools;

namespace Shipwise.Tests.Compare;

public class TermsAnswerTests
{
    private static Tool WithLifecycle(Tool tool, string status, DateOnly? shutdown = null, string? successor = null) =>
        tool with { Facts = tool.Facts with { Lifecycle = Fact(new Lifecycle { Status = status, ShutdownDate = shutdown, Successor = successor }) } };

    // Lifecycle

    [Fact]
    public void A_deprecated_tool_loses_lifecycle_with_its_shutdown_date_and_successor_named()
    {
        var active = WithLifecycle(MistralMedium3(), LifecycleStatus.Active);
        var deprecated = WithLifecycle(With("old-api", new ToolFacts()), LifecycleStatus.Deprecated, new DateOnly(2027, 1, 14), "successor-api");
        var answer = Required(deprecated, active, UseCases.Lifecycle);
        AssertPick(answer, Pick.Right, active);
        Assert.Equal(
            "Mistral Medium 3 is generally available (as of 7 May 2025); Old Api is deprecated and shuts down on 14 Jan 2027 (as of 7 May 2025), and Successor Api replaces it.",
            answer.Reason);

        // Two active tools: nothing to decide, so nothing is said.
        Assert.Null(Answer(active, active with { Slug = "twin-api", Name = "Twin Api" }, UseCases.Lifecycle));
    }

    [Fact]
    public void A_shutdown_date_already_past_counts_as_gone_and_two_deprecated_tools_are_neither()
    {
        var preview = WithLifecycle(With("preview-api", new ToolFacts()), LifecycleStatus.Preview);
        var lapsed = WithLifecycle(With("lapsed-api", new ToolFacts()), LifecycleStatus.Deprecated, new DateOnly(2026, 7, 31)) with { Kind = "api" };
        var answer = Required(lapsed, preview, UseCases.Lifecycle);
        AssertPick(answer, Pick.Right, preview);
        Assert.Contains("Lapsed Api was deprecated with a shutdown on 31 Jul 2026 (as of 7 May 2025), a date now past, so it may no longer work", answer.Reason, StringComparison.Ordinal);

        // Open weights outlive their vendor's hosted service: said in the past tense, and the weights still download.
        var weights = WithLifecycle(With("lapsed-weights", new ToolFacts()), LifecycleStatus.Deprecated, new DateOnly(2026, 7, 31)) with { Kind = "model" };
        var model = Required(weights, preview, UseCases.Lifecycle);
        Assert.Contains("Lapsed Weights is deprecated: its vendor's hosted service shut down on 31 Jul 2026 (as of 7 May 2025), though the weights still download", model.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("shuts down", model.Reason, StringComparison.Ordinal);

        var also = WithLifecycle(With("also-deprecated", new ToolFacts()), LifecycleStatus.Deprecated, new DateOnly(2027, 3, 1));
        var other = WithLifecycle(With("other-deprecated", new ToolFacts()), LifecycleStatus.Deprecated, new DateOnly(2027, 6, 1));
        AssertPick(Required(also, other, UseCases.Lifecycle), Pick.Neither);
    }

    [Fact]
    public void A_retired_tool_is_never_picked_on_lifecycle_and_an_unknown_status_is_said()
    {
        var retired = WithLifecycle(With("gone-api", new ToolFacts()), LifecycleStatus.Retired, new DateOnly(2026, 8, 31));
        var maintained = WithLifecycle(With("kept-api", new ToolFacts()), LifecycleStatus.MaintenanceOnly);
        AssertPick(Required(retired, maintained, UseCases.Lifecycle), Pick.Right, maintained);

        var unknown = Required(With("no-status", new ToolFacts()), maintained, UseCases.Lifecycle);
        AssertPick(unknown, Pick.Unknown);
        Assert.StartsWith("No Status' lifecycle status is not on record;", unknown.Reason, StringComparison.Ordinal);
    }

    // API features

    [Fact]
    public void Api_features_known_on_both_sides_decide_and_unknown_ones_are_named_not_counted()
    {
        var full = With("full-api", new ToolFacts
        {
            OpenaiCompatible = Fact(true),
            StructuredOutput = Fact(true),
            ToolCalling = Fact(true),
            Streaming = Fact(true),
            BatchDiscountPercent = Fact(50m),
            Sdks = List("python", "typescript", "go"),
        }) with
        { Kind = "api" };
        var thin = With("thin-api", new ToolFacts
        {
            OpenaiCompatible = Fact(false),
            StructuredOutput = Fact(true),
            ToolCalling = Fact(true),
            BatchDiscountPercent = Fact(0m),
            Sdks = List("python"),
        }) with
        { Kind = "api" };
        var answer = Required(thin, full, UseCases.ApiFeatures);
        AssertPick(answer, Pick.Right, full);
        Assert.StartsWith("Full Api has OpenAI compatibility, batch pricing and official SDKs for TypeScript and Go, which Thin Api does not.", answer.Reason, StringComparison.Ordinal);
        Assert.True(answer.Reason.Contains("Thin Api has JSON-schema output and tool calling (2 of the 6 features compared here); no OpenAI compatibility or batch pricing; official SDKs for Python; streaming and prompt caching not on record", StringComparison.Ordinal), answer.Reason);

        // One SDK language more, beside two lists that both cover Python and TypeScript, separates nobody.
        var sixSdks = With("six-sdk-api", full.Facts with { Sdks = List("python", "typescript", "go", "java", "csharp", "ruby") }) with { Kind = "api" };
        var sevenSdks = With("seven-sdk-api", full.Facts with { Sdks = List("python", "typescript", "go", "java", "csharp", "ruby", "php") }) with { Kind = "api" };
        Assert.Null(Answer(sixSdks, sevenSdks, UseCases.ApiFeatures));

        // A side with only its SDKs on record is still named: "Sdk Only Api has official SDKs for Python", not a bare "official SDKs for Python".
        var sdkOnly = With("sdk-only-api", new ToolFacts { Sdks = List("python") }) with { Kind = "api" };
        var named = Required(sdkOnly, full, UseCases.ApiFeatures);
        Assert.Contains("Sdk Only Api has official SDKs for Python; ", named.Reason, StringComparison.Ordinal);

        // The same on both sides where both are known, and the rest on record for one side only: no pick.
        var partial = With("partial-api", new ToolFacts { StructuredOutput = Fact(true), ToolCalling = Fact(true) }) with { Kind = "api" };
        var unknown = Required(thin, partial, UseCases.ApiFeatures);
        AssertPick(unknown, Pick.Unknown);
        Assert.EndsWith("Nothing on record separates them, and OpenAI compatibility and batch pricing are on record for only one of the two.", unknown.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rerankers_are_not_held_to_an_openai_endpoint_that_does_not_exist()
    {
        // OpenAI's API has no rerank endpoint: "Cohere Rerank has no OpenAI compatibility" said nothing.
        Tool Reranker(string slug, string name, bool? openai, params string[] sdks) => Tool(slug, name, new ToolFacts
        {
            OutputModalities = List("scores"),
            OpenaiCompatible = openai is { } o ? Fact(o) : null,
            Sdks = List(sdks),
        }, "embedding-models") with
        { Kind = "api" };
        var answer = Required(Reranker("many-sdk-rerank", "Many Sdk Rerank", false, "python", "typescript", "java", "go"), Reranker("one-sdk-rerank", "One Sdk Rerank", null, "python"), UseCases.ApiFeatures);
        Assert.DoesNotContain("OpenAI", answer.Reason, StringComparison.Ordinal);
        Assert.StartsWith("Many Sdk Rerank has official SDKs for TypeScript, Java and Go, which One Sdk Rerank does not.", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_weights_are_held_only_to_what_the_model_does_not_to_a_hosts_endpoint()
    {
        var open = With("open-model", new ToolFacts { OpenWeights = Fact(true), ToolCalling = Fact(true), StructuredOutput = Fact(false) });
        var api = With("closed-api", new ToolFacts { OpenaiCompatible = Fact(true), ToolCalling = Fact(true), StructuredOutput = Fact(true), Streaming = Fact(true) }) with { Kind = "api" };
        var answer = Required(open, api, UseCases.ApiFeatures);
        AssertPick(answer, Pick.Right, api);
        Assert.StartsWith("Closed Api has JSON-schema output, which Open Model does not.", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("(2 of the 2 features compared here)", answer.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("streaming", answer.Reason, StringComparison.Ordinal);
    }

    // Data handling

    [Fact]
    public void Self_hosted_weights_keep_data_in_house_and_a_vendor_that_trains_on_inputs_is_said_to()
    {
        var trains = With("training-api", new ToolFacts { TrainsOnInputs = Fact(true), ZeroDataRetention = Fact(true), Certifications = List("SOC 2 Type 2") }) with { Kind = "api" };
        var answer = Required(trains, SmolVlm2(), UseCases.DataHandling);
        AssertPick(answer, Pick.Right, SmolVlm2());
        Assert.StartsWith("Run on your own hardware, SmolVLM2 sends nothing to a vendor: no retention, no training, data stays where you host it.", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("Training Api trains on your inputs by default, offers zero retention and lists SOC 2 Type 2; its DPA is not on record.", answer.Reason, StringComparison.Ordinal);
        Assert.EndsWith("Only Training Api comes with a vendor's attestations, if your auditors ask for them.", answer.Reason, StringComparison.Ordinal);

        // Two sets of open weights both keep data at home: the question does not separate them.
        Assert.Null(Answer(SmolVlm2(), DenseLlama(), UseCases.DataHandling));
    }

    [Fact]
    public void Two_hosted_apis_trade_off_named_terms_and_a_policy_that_trains_on_inputs_decides()
    {
        var shortRetention = With("short-api", new ToolFacts { TrainsOnInputs = Fact(false), DataRetentionDays = Fact(30), Dpa = Fact(true), DataResidency = List("us") }) with { Kind = "api" };
        var euRegion = With("eu-api", new ToolFacts { TrainsOnInputs = Fact(false), DataRetentionDays = Fact(55), Dpa = Fact(true), DataResidency = List("us", "eu") }) with { Kind = "api" };
        var answer = Required(shortRetention, euRegion, UseCases.DataHandling);
        AssertPick(answer, Pick.Depends);
        Assert.EndsWith("It depends on which matters more to you: Short Api has shorter retention (30 days against 55); Eu Api has an EU region.", answer.Reason, StringComparison.Ordinal);

        var trains = euRegion with { Slug = "eu-trains", Name = "Eu Trains", Facts = euRegion.Facts with { TrainsOnInputs = Fact(true) } };
        var decided = Required(shortRetention, trains, UseCases.DataHandling);
        AssertPick(decided, Pick.Left, shortRetention);
        Assert.StartsWith("Short Api has the better data terms: no training on your inputs and shorter retention (30 days against 55).", decided.Reason, StringComparison.Ordinal);
        Assert.EndsWith("Eu Trains has only an EU region in its favour.", decided.Reason, StringComparison.Ordinal);

        // Identical terms with the same gaps (two models of one vendor) are not a question.
        Assert.Null(Answer(shortRetention, shortRetention with { Slug = "short-twin", Name = "Short Twin" }, UseCases.DataHandling));
    }

    // Customisation

    [Fact]
    public void Open_weights_under_a_permissive_licence_beat_a_tuning_service_and_an_api_whose_tuning_is_unknown()
    {
        var service = With("tunable-api", new ToolFacts { FineTuning = Fact(true, FactStatus.ThirdParty) }) with { Kind = "api" };
        var answer = Required(service, SmolVlm2(), UseCases.Customisation);
        AssertPick(answer, Pick.Right, SmolVlm2());
        Assert.Equal(
            "SmolVLM2 has open weights under Apache-2.0: fine-tune them yourself and ship the result; its 4-bit weights alone take 1.1 GB, the least a QLoRA run needs. Tunable Api offers fine-tuning as a service (third-party); the tuned model stays with Tunable Labs.",
            answer.Reason);

        var unknown = Required(MistralMedium3(), SmolVlm2(), UseCases.Customisation);
        AssertPick(unknown, Pick.Right, SmolVlm2());
        Assert.StartsWith("Whether Mistral Medium 3 can be fine-tuned is not on record.", unknown.Reason, StringComparison.Ordinal);

        var nonCommercial = With("research-weights", new ToolFacts { OpenWeights = Fact(true), License = Fact("CC-BY-NC-4.0") });
        AssertPick(Required(nonCommercial, service, UseCases.Customisation), Pick.Right, service);
        AssertPick(Required(nonCommercial, MistralMedium3(), UseCases.Customisation), Pick.Unknown);

        var none = With("fixed-api", new ToolFacts { FineTuning = Fact(false) }) with { Kind = "api" };
        AssertPick(Required(none, none with { Slug = "fixed-two", Name = "Fixed Two" }, UseCases.Customisation), Pick.Neither);
    }

    // Commercial licence

    [Fact]
    public void Apache_beats_proprietary_for_a_commercial_product_and_the_api_terms_are_stated_honestly()
    {
        var answer = Required(MistralMedium3(), SmolVlm2(), UseCases.CommercialLicence);
        AssertPick(answer, Pick.Right, SmolVlm2());
        Assert.Equal(
            "SmolVLM2 is Apache-2.0: you can use, change and ship it commercially, keeping the licence notice. Mistral Medium 3 is proprietary: commercial use is possible only under Mistral AI's terms, which are not on record here, and you get access to it, not a copy you can change or ship.",
            answer.Reason);
    }

    [Fact]
    public void A_custom_licence_states_its_clauses_and_against_a_closed_api_it_depends_on_shipping_the_model()
    {
        var answer = Required(MistralMedium3(), DenseLlama(), UseCases.CommercialLicence);
        AssertPick(answer, Pick.Depends);
        Assert.Contains("Llama 3.1 405B uses the Llama 3.1 Community License: commercial use allowed; a separate licence above 700M monthly users; acceptable-use policy restricts some uses; attribution required.", answer.Reason, StringComparison.Ordinal);
        Assert.EndsWith("It depends on whether you need to ship or change the model itself, which only Llama 3.1 405B's licence allows, below 700M monthly users, or only to call a service under Mistral AI's terms.", answer.Reason, StringComparison.Ordinal);

        var unknownTerms = With("custom-model", new ToolFacts { License = Fact("LicenseRef-community") });
        Assert.Contains("their clauses (user caps, field-of-use limits) are not on record here", Required(unknownTerms, DenseLlama(), UseCases.CommercialLicence).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GPL-3.0-only", "AGPL-3.0-only", Pick.Left)]
    [InlineData("AGPL-3.0-only", "MPL-2.0", Pick.Right)]
    [InlineData("Apache-2.0", "GPL-3.0-only", Pick.Left)]
    [InlineData("LicenseRef-llama-3.1", "proprietary", Pick.Depends)]
    [InlineData("CC-BY-NC-4.0", "BUSL-1.1", Pick.Neither)]
    [InlineData("SSPL-1.0", "LicenseRef-community", Pick.Right)]
    [InlineData("CC-BY-NC-4.0", "proprietary", Pick.Right)]
    public void Licences_rank_by_what_a_business_may_do(string left, string right, Pick expected)
    {
        var l = With("left-tool", new ToolFacts { License = Fact(left) });
        var r = With("right-tool", new ToolFacts { License = Fact(right) });
        var answer = Required(l, r, UseCases.CommercialLicence);
        AssertPick(answer, expected, expected switch { Pick.Left => l, Pick.Right => r, _ => null });
    }

    [Theory]
    [InlineData("MIT", "Apache-2.0")]
    [InlineData("MIT", "MIT")]
    [InlineData("GPL-3.0-only", "GPL-3.0-only")]
    [InlineData("proprietary", "proprietary")]
    public void Licences_that_ask_the_same_of_a_product_are_not_a_question(string left, string right) =>
        Assert.Null(Answer(With("left-tool", new ToolFacts { License = Fact(left) }), With("right-tool", new ToolFacts { License = Fact(right) }), UseCases.CommercialLicence));

    [Fact]
    public void One_custom_licence_with_the_same_clauses_is_not_a_question_but_different_clauses_are()
    {
        var maverick = DenseLlama() with { Slug = "llama-4-maverick", Name = "Llama 4 Maverick" };
        var scout = DenseLlama() with { Slug = "llama-4-scout", Name = "Llama 4 Scout" };
        Assert.Null(Answer(maverick, scout, UseCases.CommercialLicence));

        var capped = scout with { Facts = scout.Facts with { LicenseTerms = Fact(new LicenseTerms { CommercialUse = true, UserCap = 700_000_000, UseRestrictions = true, AttributionRequired = true, ExcludedRegions = ["EU"] }) } };
        AssertPick(Required(maverick, capped, UseCases.CommercialLicence), Pick.Left, maverick);
    }

    [Fact]
    public void A_retired_tool_that_wins_the_licence_question_does_not_hand_it_to_a_non_commercial_licence()
    {
        var retired = WithLifecycle(MistralMedium3(), LifecycleStatus.Retired, new DateOnly(2026, 10, 23));
        var nonCommercial = With("nc-model", new ToolFacts { License = Fact("CC-BY-NC-4.0"), OpenWeights = Fact(true) });
        var answer = Required(nonCommercial, retired, UseCases.CommercialLicence);
        AssertPick(answer, Pick.Neither);
        Assert.EndsWith("Mistral Medium 3 would win on this, but it was retired on 23 Oct 2026, and Nc Model's licence does not allow commercial use either.", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_licence_is_said_to_be_unknown()
    {
        var unknown = With("no-licence", new ToolFacts());
        var answer = Required(unknown, SmolVlm2(), UseCases.CommercialLicence);
        AssertPick(answer, Pick.Unknown);
        Assert.EndsWith("No Licence's licence is not on record, so the two cannot be compared.", answer.Reason, StringComparison.Ordinal);

        var nc = With("nc-only", new ToolFacts { License = Fact("CC-BY-NC-4.0", FactStatus.Unverified) });
        var neither = Required(nc, unknown, UseCases.CommercialLicence);
        AssertPick(neither, Pick.Neither);
        Assert.Contains("CC-BY-NC-4.0 (unverified)", neither.Reason, StringComparison.Ordinal);
        Assert.Null(Answer(unknown, unknown with { Slug = "also-none" }, UseCases.CommercialLicence));
    }
}
