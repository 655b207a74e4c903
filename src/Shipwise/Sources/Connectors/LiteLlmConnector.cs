using System.Text.Json;
using System.Text.RegularExpressions;
using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;

namespace Shipwise.Sources.Connectors;

/// <summary>
/// LiteLLM's model table (model_prices_and_context_window.json): one JSON object keyed by the
/// provider's model name. Prices are USD per token. A key under the vendor's own provider
/// ("gpt-4o" under openai) describes the model; a key under any other provider ("azure/gpt-4o",
/// "openrouter/openai/gpt-4o") is an offering of it.
/// </summary>
public sealed partial class LiteLlmConnector(SourceFetcher fetcher) : ISourceConnector
{
    /// <summary>The file on GitHub, named as the source when the table is read from a local copy and no --source-url is given.</summary>
    public const string UpstreamUrl = "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json";

    // Fields every current table has on most model entries; a table without one of them was renamed upstream.
    private static readonly string[] _expected = ["litellm_provider", "mode", "input_cost_per_token", "output_cost_per_token", "max_input_tokens"];

    // Entries that are not models: the format's own example, regex fallbacks, and modes that price something else.
    private static readonly HashSet<string> _notModels = ["sample_spec", "fallback_generalizations"];
    private static readonly HashSet<string> _skippedModes = ["search", "vector_store"];

    public string Connector => SourceLabels.Connector.LiteLlm;

    private const decimal MaxPerMillion = 2000m;

    public async Task<SourceRead> ReadAsync(SourceRequest request, DateOnly today, CancellationToken cancellationToken)
    {
        if (request.Locations.Count != 1)
        {
            throw new SourceException(request.Name, "LiteLLM is read from one file or URL (model_prices_and_context_window.json).");
        }

        var document = await fetcher.ReadAsync(request.Name, request.Locations[0], cancellationToken);
        var asOf = ConnectorText.NotAfter(request.AsOf ?? (document.IsUrl ? document.LastModified : null) ?? today, today);
        var url = request.SourceUrl ?? (document.IsUrl ? document.Location : UpstreamUrl);
        var readFrom = document.IsUrl ? "" : $", read from {Path.GetFileName(document.Location)} (SHA-256 {ConnectorText.Short(document.Sha256)})";
        var entries = Parse(request.Name, document.Content, new Provenance(url, asOf, FactStatus.ThirdParty), readFrom, out var count);
        return new SourceRead($"{document.Location} (as of {asOf:yyyy-MM-dd})", count, entries);
    }

    /// <param name="readFrom">Added to each note, e.g. ", read from model_prices.json (SHA-256 …)".</param>
    public static IReadOnlyList<SourceEntry> Parse(string source, byte[] json, Provenance provenance, string readFrom, out int count)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new SourceException(source, $"this is not LiteLLM's model table: not valid JSON ({ex.Message}).");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SourceException(source, $"this is not LiteLLM's model table: expected a JSON object keyed by model name, found {Describe(document.RootElement.ValueKind)}.");
            }

            var seen = _expected.ToDictionary(f => f, _ => 0);
            var entries = new List<SourceEntry>();
            count = 0;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (_notModels.Contains(property.Name))
                {
                    continue;
                }

                var value = property.Value;
                if (value.ValueKind != JsonValueKind.Object)
                {
                    throw new SourceException(source, $"this is not LiteLLM's model table: entry '{property.Name}' is {Describe(value.ValueKind)}, not an object of model fields.");
                }

                count++;
                foreach (var field in _expected.Where(f => value.TryGetProperty(f, out _)))
                {
                    seen[field]++;
                }

                if (Map(source, property.Name, value, provenance, readFrom) is { } entry)
                {
                    entries.Add(entry);
                }
            }

            if (count == 0)
            {
                throw new SourceException(source, "this is not LiteLLM's model table: it holds no model entries.");
            }

            var missing = _expected.Where(f => seen[f] == 0).ToList();
            if (missing.Count > 0)
            {
                throw new SourceException(source,
                    $"no entry of {count} has the field{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))}: the table's format changed upstream (a field renamed?). Nothing was imported.");
            }

            return entries;
        }
    }

    private static SourceEntry? Map(string source, string key, JsonElement e, Provenance provenance, string readFrom)
    {
        var provider = Text(source, key, e, "litellm_provider")
            ?? throw new SourceException(source, $"entry '{key}' has no 'litellm_provider': the table's format changed upstream (a field renamed?). Nothing was imported.");
        var mode = Text(source, key, e, "mode");
        if (mode is null || _skippedModes.Contains(mode) || key.StartsWith("ft:", StringComparison.Ordinal))
        {
            return null;
        }

        var vision = Flag(source, key, e, "supports_vision");
        var audio = Flag(source, key, e, "supports_audio_input");
        var video = Flag(source, key, e, "supports_video_input");
        var chat = mode is "chat" or "responses" or "completion" or "realtime";
        var yes = new List<string>();
        var no = new List<string>();
        if (chat)
        {
            yes.Add("text");
        }

        Sort(vision, "image", yes, no);
        Sort(audio, "audio", yes, no);
        Sort(video, "video", yes, no);

        var deprecation = Text(source, key, e, "deprecation_date");
        DateOnly? shutdown = null;
        if (deprecation is not null)
        {
            shutdown = DateOnly.TryParseExact(deprecation, "yyyy-MM-dd", out var day)
                ? day
                : throw new SourceException(source, $"entry '{key}': deprecation_date '{deprecation}' is not a yyyy-MM-dd date.");
        }

        var facts = new ReportedFacts
        {
            InputPerMillionTokensUsd = Price(source, key, e, "input_cost_per_token"),
            OutputPerMillionTokensUsd = Price(source, key, e, "output_cost_per_token"),
            CachedInputPerMillionTokensUsd = Price(source, key, e, "cache_read_input_token_cost"),
            ContextWindow = chat || mode == "embedding" ? Tokens(source, key, e, "max_input_tokens") : null,
            ContextWindowWithOutput = chat && Tokens(source, key, e, "max_input_tokens") is { } input && Tokens(source, key, e, "max_output_tokens") is { } most ? input + most : null,
            MaxOutputTokens = chat ? Tokens(source, key, e, "max_output_tokens") : null,
            ToolCalling = chat ? Flag(source, key, e, "supports_function_calling") : null,
            StructuredOutput = chat ? Flag(source, key, e, "supports_response_schema") : null,
            PromptCaching = chat ? Flag(source, key, e, "supports_prompt_caching") : null,
            InputModalities = yes,
            NotInputModalities = no,
            ShutdownDate = shutdown,
        };

        var host = Host(key, provider);
        return new SourceEntry
        {
            Name = key,
            Candidates = Candidates(key),
            Host = host,
            Provenance = provenance,
            Note = $"LiteLLM entry '{key}'{readFrom}.",
            Facts = facts,
        };
    }

    private static void Sort(bool? flag, string modality, List<string> yes, List<string> no)
    {
        if (flag == true)
        {
            yes.Add(modality);
        }
        else if (flag == false)
        {
            no.Add(modality);
        }
    }

    /// <summary>The provider's listing, with the routing prefix taken off its model id ("azure/gpt-4o" is "gpt-4o" at Azure).</summary>
    public static SourceHost Host(string key, string provider)
    {
        var found = _providers.TryGetValue(provider, out var known) || _providers.TryGetValue(provider.Split('-')[0], out known);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var modelId = slash > 0 && IsRoutingPrefix(key[..slash], provider) ? key[(slash + 1)..] : key;
        var (name, slugs, vendors, vendorApi) = found ? known : (Humanize(provider), [Slug.From(provider)], [], false);
        return new SourceHost(name, slugs, modelId, modelId == key ? [] : [key], vendors, vendorApi);
    }

    private static bool IsRoutingPrefix(string prefix, string provider) =>
        _providers.ContainsKey(prefix) || provider.StartsWith(prefix, StringComparison.Ordinal) || prefix is "vertex_ai" or "bedrock" or "azure";

    /// <summary>
    /// Names a key may have in the catalog, most specific first: the key, each shorter path
    /// ("openrouter/openai/gpt-4o", "openai/gpt-4o", "gpt-4o"), and the model name without a
    /// cloud's decorations (region, vendor and version in "eu.anthropic.claude-haiku-4-5-20251001-v1:0",
    /// "@" in Vertex's "claude-haiku-4-5@20251001", "-maas", "-fp8").
    /// </summary>
    public static IReadOnlyList<string> Candidates(string key)
    {
        var names = new List<string> { key };
        var segments = key.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            names.Add(string.Join('/', segments[i..]));
        }

        var last = segments[^1];
        var bare = CloudRegion().Replace(last, "");
        bare = CloudVendor().Replace(bare, "");
        bare = CloudVersion().Replace(bare, "");
        bare = bare.Replace('@', '-');
        bare = HostSuffix().Replace(bare, "");
        names.Add(bare);
        return [.. names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"^(us|eu|apac|jp|au|ca|global|us-gov)\.")]
    private static partial Regex CloudRegion();

    [GeneratedRegex(@"^(anthropic|meta|mistral|amazon|cohere|ai21|deepseek|qwen|openai|writer|google|minimax|moonshot|moonshotai|nvidia|xai|zai|twelvelabs|stability)\.")]
    private static partial Regex CloudVendor();

    [GeneratedRegex(@"(-v\d+(:\d+)?|:\d+)$")]
    private static partial Regex CloudVersion();

    [GeneratedRegex(@"(-maas|-fp8)$", RegexOptions.IgnoreCase)]
    private static partial Regex HostSuffix();

    // litellm_provider → how a reader names the host, its slugs in a catalog, the vendors it is the
    // own API of, and whether it is that vendor's own API (so its listing is the model itself).
    private static readonly Dictionary<string, (string Name, string[] Slugs, string[] Vendors, bool VendorApi)> _providers = new(StringComparer.Ordinal)
    {
        ["openai"] = ("OpenAI API", ["openai"], ["OpenAI"], true),
        ["text-completion-openai"] = ("OpenAI API", ["openai"], ["OpenAI"], true),
        ["chatgpt"] = ("ChatGPT", ["chatgpt"], [], false),
        ["anthropic"] = ("Anthropic API", ["anthropic"], ["Anthropic"], true),
        ["gemini"] = ("Gemini API", ["gemini-api", "google-ai-studio"], ["Google"], true),
        ["mistral"] = ("Mistral AI API", ["mistral-ai"], ["Mistral"], true),
        ["codestral"] = ("Mistral AI API", ["mistral-ai"], ["Mistral"], true),
        ["text-completion-codestral"] = ("Mistral AI API", ["mistral-ai"], ["Mistral"], true),
        ["deepseek"] = ("DeepSeek API", ["deepseek"], ["DeepSeek"], true),
        ["xai"] = ("xAI API", ["xai"], ["xAI"], true),
        ["cohere"] = ("Cohere API", ["cohere"], ["Cohere"], true),
        ["cohere_chat"] = ("Cohere API", ["cohere"], ["Cohere"], true),
        ["voyage"] = ("Voyage AI API", ["voyage-ai"], ["Voyage"], true),
        ["moonshot"] = ("Moonshot AI API", ["moonshot-ai"], ["Moonshot"], true),
        ["dashscope"] = ("Alibaba Cloud Model Studio", ["alibaba-cloud-model-studio"], ["Alibaba"], true),
        ["zai"] = ("Z.ai API", ["z-ai"], ["Z.ai", "Zhipu"], true),
        ["minimax"] = ("MiniMax API", ["minimax"], ["MiniMax"], true),
        ["perplexity"] = ("Perplexity API", ["perplexity"], ["Perplexity"], true),
        ["ai21"] = ("AI21 API", ["ai21"], ["AI21"], true),
        ["elevenlabs"] = ("ElevenLabs API", ["elevenlabs"], ["ElevenLabs"], true),
        ["deepgram"] = ("Deepgram API", ["deepgram"], ["Deepgram"], true),
        ["assemblyai"] = ("AssemblyAI API", ["assemblyai"], ["AssemblyAI"], true),
        ["stability"] = ("Stability AI API", ["stability-ai"], ["Stability"], true),
        ["black_forest_labs"] = ("Black Forest Labs API", ["black-forest-labs"], ["Black Forest Labs"], true),
        ["recraft"] = ("Recraft API", ["recraft"], ["Recraft"], true),
        ["runwayml"] = ("Runway API", ["runway"], ["Runway"], true),
        ["azure"] = ("Azure OpenAI", ["azure-openai", "azure-ai-foundry"], [], false),
        ["azure_text"] = ("Azure OpenAI", ["azure-openai", "azure-ai-foundry"], [], false),
        ["azure_ai"] = ("Azure AI Foundry", ["azure-ai-foundry"], [], false),
        ["bedrock"] = ("Amazon Bedrock", ["amazon-bedrock"], [], false),
        ["bedrock_converse"] = ("Amazon Bedrock", ["amazon-bedrock"], [], false),
        ["bedrock_mantle"] = ("Amazon Bedrock", ["amazon-bedrock"], [], false),
        ["vertex_ai"] = ("Google Vertex AI", ["google-vertex-ai", "vertex-ai"], [], false),
        ["openrouter"] = ("OpenRouter", ["openrouter"], [], false),
        ["vercel_ai_gateway"] = ("Vercel AI Gateway", ["vercel-ai-gateway"], [], false),
        ["together_ai"] = ("Together AI", ["together-ai"], [], false),
        ["fireworks_ai"] = ("Fireworks AI", ["fireworks-ai"], [], false),
        ["deepinfra"] = ("DeepInfra", ["deepinfra"], [], false),
        ["groq"] = ("Groq", ["groq"], [], false),
        ["cerebras"] = ("Cerebras", ["cerebras"], [], false),
        ["novita"] = ("Novita AI", ["novita-ai"], [], false),
        ["nebius"] = ("Nebius", ["nebius"], [], false),
        ["sambanova"] = ("SambaNova Cloud", ["sambanova"], [], false),
        ["hyperbolic"] = ("Hyperbolic", ["hyperbolic"], [], false),
        ["lambda_ai"] = ("Lambda", ["lambda"], [], false),
        ["cloudflare"] = ("Cloudflare Workers AI", ["cloudflare-workers-ai"], [], false),
        ["replicate"] = ("Replicate", ["replicate"], [], false),
        ["watsonx"] = ("IBM watsonx", ["ibm-watsonx"], [], false),
        ["oci"] = ("Oracle Cloud Infrastructure", ["oracle-cloud"], [], false),
        ["snowflake"] = ("Snowflake Cortex", ["snowflake"], [], false),
        ["databricks"] = ("Databricks", ["databricks"], [], false),
        ["scaleway"] = ("Scaleway", ["scaleway"], [], false),
        ["ovhcloud"] = ("OVHcloud", ["ovhcloud"], [], false),
        ["nscale"] = ("Nscale", ["nscale"], [], false),
        ["fal_ai"] = ("fal", ["fal"], [], false),
        ["aiml"] = ("AI/ML API", ["aiml-api"], [], false),
        ["llamagate"] = ("LlamaGate", ["llamagate"], [], false),
        ["libertai"] = ("LibertAI", ["libertai"], [], false),
        ["publicai"] = ("PublicAI", ["publicai"], [], false),
        ["github_copilot"] = ("GitHub Copilot", ["github-copilot"], [], false),
        ["ollama"] = ("Ollama", ["ollama"], [], false),
    };

    private static string Humanize(string provider) =>
        string.Join(' ', provider.Split('_', '-').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string? Text(string source, string key, JsonElement e, string field) =>
        !e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString()
        : throw Drift(source, key, field, v, "text");

    private static bool? Flag(string source, string key, JsonElement e, string field) =>
        !e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : throw Drift(source, key, field, v, "true or false");

    private static decimal? Price(string source, string key, JsonElement e, string field)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var perToken) || perToken < 0)
        {
            throw Drift(source, key, field, v, "a price in USD per token");
        }

        // The table writes 0 where a model is not priced by the token (embeddings' output, rerankers,
        // local runtimes), and a few entries carry another unit by mistake (over $2,000 per 1M tokens):
        // neither is a token price.
        var perMillion = FactMerge.PerMillion(perToken);
        return perMillion is > 0 and <= MaxPerMillion ? perMillion : null;
    }

    private static int? Tokens(string source, string key, JsonElement e, string field)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // 0 is how some entries say "not known".
        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var tokens) && tokens is >= 0 and <= int.MaxValue && tokens == Math.Floor(tokens)
            ? tokens == 0 ? null : (int)tokens
            : throw Drift(source, key, field, v, "a whole number of tokens");
    }

    private static SourceException Drift(string source, string key, string field, JsonElement value, string expected) =>
        new(source, $"entry '{key}': '{field}' is {Describe(value.ValueKind)} ({Clip(value.GetRawText())}), expected {expected}: the table's format changed upstream? Nothing was imported.");

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };
}
