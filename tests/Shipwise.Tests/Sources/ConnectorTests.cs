using System.Text;
using System.Text.Json.Nodes;
using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;
using Shipwise.Sources;
using Shipwise.Sources.Connectors;

namespace Shipwise.Tests.Sources;

/// <summary>Each connector on its source's real format: the recorded payloads and, when present, the whole LiteLLM table.</summary>
public sealed class ConnectorTests
{
    private static readonly Provenance LiteLlm = new("https://github.com/BerriAI/litellm/blob/00035b69f416be24e2e323c13198d9b7d2d1bdf9/model_prices_and_context_window.json", new(2026, 7, 20), FactStatus.ThirdParty);
    private static readonly Provenance OpenRouter = new("https://openrouter.ai/api/v1/models", new(2026, 12, 1), FactStatus.ThirdParty);

    private static byte[] Fixture(string name) => File.ReadAllBytes(RecordedSourceServer.Fixture(name));

    private static IReadOnlyList<SourceEntry> LiteLlmEntries(byte[]? json = null) =>
        LiteLlmConnector.Parse("litellm", json ?? Fixture("litellm-excerpt.json"), LiteLlm, "", out _);

    [Fact]
    public void LiteLLM_vendor_keys_give_the_model_s_facts_in_catalog_units()
    {
        var gpt4o = LiteLlmEntries().Single(e => e.Name == "gpt-4o");
        Assert.Equal("OpenAI API", gpt4o.Host!.Provider);
        Assert.True(gpt4o.Host.IsVendorApi);
        Assert.Equal(2.5m, gpt4o.Facts.InputPerMillionTokensUsd);
        Assert.Equal(10m, gpt4o.Facts.OutputPerMillionTokensUsd);
        Assert.Equal(1.25m, gpt4o.Facts.CachedInputPerMillionTokensUsd);
        Assert.Equal(128000, gpt4o.Facts.ContextWindow);
        Assert.Equal(16384, gpt4o.Facts.MaxOutputTokens);
        Assert.True(gpt4o.Facts.ToolCalling);
        Assert.True(gpt4o.Facts.StructuredOutput);
        Assert.True(gpt4o.Facts.PromptCaching);
        Assert.Equal(new[] { "text", "image" }, gpt4o.Facts.InputModalities);
        Assert.Equal(LiteLlm, gpt4o.Provenance);
        Assert.Equal(FactStatus.ThirdParty, gpt4o.Provenance.Status);
        Assert.Contains("'gpt-4o'", gpt4o.Note);
    }

    [Fact]
    public void LiteLLM_provider_prefixed_keys_are_hosts_of_the_same_model()
    {
        var entries = LiteLlmEntries().ToDictionary(e => e.Name);
        var azure = entries["azure/gpt-4o"];
        Assert.Equal(("Azure OpenAI", "gpt-4o", false), (azure.Host!.Provider, azure.Host.ModelId, azure.Host.IsVendorApi));
        Assert.Contains("gpt-4o", azure.Candidates);
        Assert.Contains("gpt-4o-2024-08-06", entries["azure/eu/gpt-4o-2024-08-06"].Candidates);
        Assert.Equal("openai/gpt-4o", entries["openrouter/openai/gpt-4o"].Host!.ModelId);
        Assert.Contains("gpt-4o", entries["openrouter/openai/gpt-4o"].Candidates);
        var bedrock = entries["eu.anthropic.claude-haiku-4-5-20251001-v1:0"];
        Assert.Equal("Amazon Bedrock", bedrock.Host!.Provider);
        Assert.Contains("claude-haiku-4-5-20251001", bedrock.Candidates);
    }

    [Fact]
    public void LiteLLM_deprecation_date_is_when_the_model_stops_being_served()
    {
        Assert.Equal(new DateOnly(2026, 6, 1), LiteLlmEntries().Single(e => e.Name == "gemini-2.0-flash").Facts.ShutdownDate);
    }

    [Fact]
    public void LiteLLM_leaves_out_the_format_s_own_example_and_its_regex_rules()
    {
        var names = LiteLlmEntries().Select(e => e.Name).ToList();
        Assert.DoesNotContain("sample_spec", names);
        Assert.DoesNotContain("fallback_generalizations", names);
        Assert.Equal(14, names.Count);
    }

    [Fact]
    public void LiteLLM_embedding_output_priced_at_zero_is_no_price()
    {
        var embedding = LiteLlmEntries().Single(e => e.Name == "text-embedding-3-small");
        Assert.Equal(0.02m, embedding.Facts.InputPerMillionTokensUsd);
        Assert.Null(embedding.Facts.OutputPerMillionTokensUsd);
    }

    [Fact]
    public void A_field_renamed_upstream_is_named_in_the_error()
    {
        var table = JsonNode.Parse(Fixture("litellm-excerpt.json"))!.AsObject();
        foreach (var (_, entry) in table)
        {
            if (entry is JsonObject model && model.Remove("input_cost_per_token", out var price))
            {
                model["input_cost_per_token_usd"] = price;
            }
        }

        var error = Assert.Throws<SourceException>(() => LiteLlmEntries(Encoding.UTF8.GetBytes(table.ToJsonString())));
        Assert.Equal("litellm", error.SourceName);
        Assert.Contains("'input_cost_per_token'", error.Message);
        Assert.Contains("renamed", error.Message);
    }

    [Fact]
    public void A_file_in_another_format_is_refused_with_what_was_expected()
    {
        var array = Assert.Throws<SourceException>(() => LiteLlmEntries(Fixture("openrouter-models.json")));
        Assert.Contains("not LiteLLM's model table", array.Message);
        var broken = Assert.Throws<SourceException>(() => LiteLlmEntries("{\"gpt-4o\": {"u8.ToArray()));
        Assert.Contains("not valid JSON", broken.Message);
        var openRouter = Assert.Throws<SourceException>(() => OpenRouterConnector.Parse("openrouter", Fixture("litellm-excerpt.json"), OpenRouter, "", out _));
        Assert.Contains("expected {\"data\": [models…]}", openRouter.Message);
    }

    [Fact]
    public void The_whole_LiteLLM_table_maps_without_an_error()
    {
        var file = SharedData.LiteLlmTable;
        Assert.SkipWhen(file is null, SharedData.Missing);
        var entries = LiteLlmConnector.Parse("litellm", File.ReadAllBytes(file!), LiteLlm, "", out var count);
        Assert.Equal(2966, count);
        Assert.InRange(entries.Count, 2900, 2966);
        Assert.All(entries, e => Assert.True(e.Facts.InputPerMillionTokensUsd is null or > 0 and <= 2000, e.Name));
    }

    [Fact]
    public void OpenRouter_models_give_prices_context_modalities_and_parameters()
    {
        var entries = OpenRouterConnector.Parse("openrouter", Fixture("openrouter-models.json"), OpenRouter, "", out var count);
        Assert.Equal(8, count);
        Assert.DoesNotContain(entries, e => e.Name == "openrouter/auto");
        var mini = entries.Single(e => e.Name == "openai/gpt-4o-mini");
        Assert.Equal((0.15m, 0.6m, 0.075m), (mini.Facts.InputPerMillionTokensUsd, mini.Facts.OutputPerMillionTokensUsd, mini.Facts.CachedInputPerMillionTokensUsd));
        Assert.Equal((128000, 16384), (mini.Facts.ContextWindow, mini.Facts.MaxOutputTokens));
        Assert.True(mini.Facts.ToolCalling);
        Assert.True(mini.Facts.StructuredOutput);
        Assert.Contains("image", mini.Facts.InputModalities);
        Assert.Equal(("OpenRouter", "openai/gpt-4o-mini"), (mini.Host!.Provider, mini.Host.ModelId));
        Assert.Contains("gpt-4o-mini", mini.Candidates);
        Assert.Null(entries.Single(e => e.Name == "anthropic/claude-haiku-4.5").Facts.StructuredOutput);
        Assert.Contains("microsoft/phi-4", entries.Single(e => e.Name == "microsoft/phi-4").Candidates);
    }

    [Fact]
    public void OpenRouter_pricing_renamed_upstream_is_named_in_the_error()
    {
        var list = JsonNode.Parse(Fixture("openrouter-models.json"))!;
        foreach (var model in list["data"]!.AsArray())
        {
            var pricing = model!["pricing"]!.AsObject();
            model.AsObject().Remove("pricing");
            model["prices"] = pricing.DeepClone();
        }

        var error = Assert.Throws<SourceException>(() => OpenRouterConnector.Parse("openrouter", Encoding.UTF8.GetBytes(list.ToJsonString()), OpenRouter, "", out _));
        Assert.Contains("has no 'pricing'", error.Message);
        Assert.Contains("openai/gpt-4o-mini", error.Message);
    }

    [Fact]
    public void Hugging_Face_gives_licence_parameters_and_modalities_as_of_the_last_change()
    {
        var entry = HuggingFace("microsoft--phi-4.json");
        Assert.Null(entry.Host);
        Assert.Equal("MIT", entry.Facts.License);
        Assert.Equal(14.7m, entry.Facts.TotalBillions);
        Assert.True(entry.Facts.OpenWeights);
        Assert.Equal(new[] { "text" }, entry.Facts.InputModalities);
        Assert.Equal(new DateOnly(2025, 7, 9), entry.Provenance.AsOf);
        Assert.Contains("phi-4", entry.Candidates);
        Assert.Contains("downloads in the last 30 days", entry.Note);
        Assert.Contains("last changed 9 Jul 2025", entry.Note);

        Assert.Equal("LicenseRef-Qwen", HuggingFace("Qwen--Qwen2.5-72B-Instruct.json").Facts.License);
        var gemma = HuggingFace("google--gemma-3-27b-it.json");
        Assert.Equal("LicenseRef-Gemma-Terms-of-Use", gemma.Facts.License);
        Assert.Equal(new[] { "text", "image" }, gemma.Facts.InputModalities);
    }

    [Fact]
    public void Hugging_Face_without_its_date_field_is_refused()
    {
        var model = JsonNode.Parse(Fixture("huggingface/microsoft--phi-4.json"))!.AsObject();
        model["last_modified"] = model["lastModified"]!.DeepClone();
        model.Remove("lastModified");
        var error = Assert.Throws<SourceException>(() => HuggingFace(Encoding.UTF8.GetBytes(model.ToJsonString())));
        Assert.Contains("'lastModified'", error.Message);
    }

    private static SourceEntry HuggingFace(string file) => HuggingFace(Fixture("huggingface/" + file));

    private static SourceEntry HuggingFace(byte[] json) =>
        HuggingFaceConnector.Parse("huggingface", json, HuggingFaceConnector.DefaultBaseUrl, null, new SourceDocument("recorded.json", false, json, null), new DateOnly(2026, 12, 7));
}

/// <summary>The shared data folder next to the repository (../shared/data), which tests may read but the repository does not hold.</summary>
public static class SharedData
{
    public const string Missing = "../shared/data/litellm/model_prices_and_context_window.json (the real LiteLLM table) is not next to this repository";

    public static string? LiteLlmTable
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data", "litellm", "model_prices_and_context_window.json"));
            return File.Exists(path) ? path : null;
        }
    }
}
