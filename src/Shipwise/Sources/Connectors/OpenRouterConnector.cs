using System.Globalization;
using System.Text.Json;
using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;

namespace Shipwise.Sources.Connectors;

/// <summary>
/// OpenRouter's model list (GET https://openrouter.ai/api/v1/models, no key needed):
/// <c>{"data":[{"id":"openai/gpt-4o","canonical_slug":…,"hugging_face_id":…,"context_length":…,
/// "architecture":{"input_modalities":[…],"output_modalities":[…]},"pricing":{"prompt":"0.0000025",
/// "completion":"0.00001","input_cache_read":…},"top_provider":{"max_completion_tokens":…},
/// "supported_parameters":[…]}]}</c>. Prices are USD per token, as strings. Every model is an
/// offering on OpenRouter; for a closed model whose author is its vendor ("openai/…" for an
/// OpenAI API), OpenRouter passes the vendor's price through, so its figures describe the tool too.
/// </summary>
public sealed class OpenRouterConnector(SourceFetcher fetcher) : ISourceConnector
{
    public const string ModelsUrl = "https://openrouter.ai/api/v1/models";

    public string Connector => SourceLabels.Connector.OpenRouter;

    public async Task<SourceRead> ReadAsync(SourceRequest request, DateOnly today, CancellationToken cancellationToken)
    {
        if (request.Locations.Count != 1)
        {
            throw new SourceException(request.Name, "OpenRouter is read from one file or URL (its /api/v1/models answer).");
        }

        var document = await fetcher.ReadAsync(request.Name, request.Locations[0], cancellationToken);
        var asOf = ConnectorText.NotAfter(request.AsOf ?? (document.IsUrl ? document.LastModified : null) ?? today, today);
        var url = request.SourceUrl ?? (document.IsUrl ? document.Location : ModelsUrl);
        var readFrom = document.IsUrl ? "" : $", read from {Path.GetFileName(document.Location)} (SHA-256 {ConnectorText.Short(document.Sha256)})";
        var entries = Parse(request.Name, document.Content, new Provenance(url, asOf, FactStatus.ThirdParty), readFrom, out var count);
        return new SourceRead($"{document.Location} (as of {asOf:yyyy-MM-dd})", count, entries);
    }

    public static IReadOnlyList<SourceEntry> Parse(string source, byte[] json, Provenance provenance, string readFrom, out int count)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new SourceException(source, $"this is not OpenRouter's model list: not valid JSON ({ex.Message}).");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new SourceException(source, "this is not OpenRouter's model list: expected {\"data\": [models…]} (the answer of GET /api/v1/models).");
            }

            count = data.GetArrayLength();
            if (count == 0)
            {
                throw new SourceException(source, "OpenRouter's model list is empty; nothing was imported.");
            }

            var entries = new List<SourceEntry>();
            var index = 0;
            foreach (var model in data.EnumerateArray())
            {
                var at = $"data[{index++}]";
                if (model.ValueKind != JsonValueKind.Object)
                {
                    throw new SourceException(source, $"{at} is not a model object.");
                }

                var id = Required(source, at, model, "id").GetString() ?? "";
                at = $"model '{id}'";
                var pricing = Required(source, at, model, "pricing");
                if (pricing.ValueKind != JsonValueKind.Object)
                {
                    throw Drift(source, at, "pricing", "an object of prices");
                }

                var input = Price(source, at, pricing, "prompt", required: true);
                var output = Price(source, at, pricing, "completion", required: true);
                var cached = Price(source, at, pricing, "input_cache_read", required: false);
                if (!model.TryGetProperty("context_length", out _))
                {
                    throw new SourceException(source, $"{at} has no 'context_length': the list's format changed upstream (a field renamed?). Nothing was imported.");
                }

                // Router stubs (openrouter/auto) price at -1: not a model with a price of its own.
                if (input is null || output is null)
                {
                    continue;
                }

                var parameters = Strings(model, "supported_parameters");
                var architecture = model.TryGetProperty("architecture", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
                var facts = new ReportedFacts
                {
                    InputPerMillionTokensUsd = input,
                    OutputPerMillionTokensUsd = output,
                    CachedInputPerMillionTokensUsd = cached is > 0 ? cached : null,
                    ContextWindow = Int(model, "context_length"),
                    MaxOutputTokens = model.TryGetProperty("top_provider", out var top) && top.ValueKind == JsonValueKind.Object ? Int(top, "max_completion_tokens") : null,
                    ToolCalling = parameters.Contains("tools") ? true : null,
                    StructuredOutput = parameters.Contains("structured_outputs") ? true : null,
                    PromptCaching = cached is > 0 ? true : null,
                    InputModalities = architecture.ValueKind == JsonValueKind.Object ? Strings(architecture, "input_modalities") : [],
                    OutputModalities = architecture.ValueKind == JsonValueKind.Object ? Strings(architecture, "output_modalities") : [],
                };

                var author = id.Contains('/', StringComparison.Ordinal) ? id[..id.IndexOf('/', StringComparison.Ordinal)] : "";
                var canonical = model.TryGetProperty("canonical_slug", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var huggingFace = model.TryGetProperty("hugging_face_id", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
                entries.Add(new SourceEntry
                {
                    Name = id,
                    Candidates = Candidates(id, canonical, huggingFace),
                    Host = new SourceHost("OpenRouter", ["openrouter"], id, canonical is { } cs && cs != id ? [cs] : [], author.Length > 0 ? [author] : [], IsVendorApi: false),
                    Provenance = provenance,
                    Note = $"OpenRouter model '{id}'{readFrom}.",
                    Facts = facts,
                });
            }

            return entries;
        }
    }

    /// <summary>"openai/gpt-4o:extended" may be "openai/gpt-4o", "gpt-4o" or its Hugging Face id in the catalog.</summary>
    public static IReadOnlyList<string> Candidates(string id, string? canonical, string? huggingFace)
    {
        var names = new List<string> { id };
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        var plain = colon > 0 ? id[..colon] : id;
        names.Add(plain);
        if (plain.Contains('/', StringComparison.Ordinal))
        {
            names.Add(plain[(plain.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        }

        if (huggingFace is { Length: > 0 })
        {
            names.Add(huggingFace);
        }

        if (canonical is { Length: > 0 })
        {
            names.Add(canonical);
        }

        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    private static JsonElement Required(string source, string at, JsonElement model, string field) =>
        model.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? field == "id" && value.ValueKind != JsonValueKind.String ? throw Drift(source, at, field, "a string") : value
            : throw new SourceException(source, $"{at} has no '{field}': the list's format changed upstream (a field renamed?). Nothing was imported.");

    private static decimal? Price(string source, string at, JsonElement pricing, string field, bool required)
    {
        if (!pricing.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required
                ? throw new SourceException(source, $"{at} has no 'pricing.{field}': the list's format changed upstream (a field renamed?). Nothing was imported.")
                : null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var perToken))
        {
            throw Drift(source, at, $"pricing.{field}", "a price in USD per token");
        }

        return perToken < 0 ? null : FactMerge.PerMillion(perToken);
    }

    private static int? Int(JsonElement e, string field) =>
        e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n > 0 ? n : null;

    private static IReadOnlyList<string> Strings(JsonElement e, string field) =>
        e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];

    private static SourceException Drift(string source, string at, string field, string expected) =>
        new(source, $"{at}: '{field}' is not {expected}: the list's format changed upstream? Nothing was imported.");
}
