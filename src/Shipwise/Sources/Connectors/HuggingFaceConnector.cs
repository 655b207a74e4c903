using System.Text.Json;
using System.Text.RegularExpressions;
using Shipwise.Core.Catalog;
using Shipwise.Core.Catalog.Sources;

namespace Shipwise.Sources.Connectors;

/// <summary>
/// The Hugging Face Hub's model API, one model at a time: GET /api/models/{id} with
/// <c>expand[]</c> for the fields used (a response holds only what was expanded, plus id):
/// <c>cardData.license</c> (or a <c>license:…</c> tag), <c>safetensors.total</c> (parameters),
/// <c>pipeline_tag</c>, <c>downloads</c>, <c>likes</c> and <c>lastModified</c>. It describes the
/// weights, so it speaks only for open-weights models (kind "model"). Downloads, likes and the last
/// change go into the note of the facts it writes, not into facts of their own: they move daily and
/// would make every run a new revision.
/// </summary>
public sealed partial class HuggingFaceConnector(SourceFetcher fetcher) : ISourceConnector
{
    public const string DefaultBaseUrl = "https://huggingface.co";

    private static readonly string[] _expand = ["cardData", "safetensors", "pipeline_tag", "tags", "downloads", "likes", "lastModified", "gated"];

    public string Connector => SourceLabels.Connector.HuggingFace;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")]
    private static partial Regex ModelId();

    public static string ApiUrl(string baseUrl, string id) =>
        $"{baseUrl.TrimEnd('/')}/api/models/{id}?{string.Join('&', _expand.Select(e => $"expand%5B%5D={e}"))}";

    public async Task<SourceRead> ReadAsync(SourceRequest request, DateOnly today, CancellationToken cancellationToken)
    {
        if (request.Locations.Count == 0)
        {
            throw new SourceException(request.Name, "name at least one Hugging Face model id, e.g. Qwen/Qwen3-8B.");
        }

        var baseUrl = request.BaseUrl ?? DefaultBaseUrl;
        var entries = new List<SourceEntry>();
        foreach (var location in request.Locations)
        {
            var isFile = location.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(location);
            if (!isFile && !ModelId().IsMatch(location))
            {
                throw new SourceException(request.Name, $"'{location}' is neither a Hugging Face model id (org/name) nor a recorded .json answer.");
            }

            var document = await fetcher.ReadAsync(request.Name, isFile ? location : ApiUrl(baseUrl, location), cancellationToken);
            entries.Add(Parse(request.Name, document.Content, baseUrl, isFile ? null : location, document, today, request.AsOf));
        }

        return new SourceRead($"{request.Locations.Count} model(s) at {baseUrl}", entries.Count, entries);
    }

    public static SourceEntry Parse(string source, byte[] json, string baseUrl, string? requestedId, SourceDocument document, DateOnly today, DateOnly? asOfOverride = null)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new SourceException(source, $"{document.Location} is not a Hugging Face model answer: not valid JSON ({ex.Message}).");
        }

        using (parsed)
        {
            var model = parsed.RootElement;
            if (model.ValueKind != JsonValueKind.Object || !model.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
            {
                throw new SourceException(source, $"{document.Location} is not a Hugging Face model answer: it has no 'id'.");
            }

            var id = idElement.GetString()!;
            if (requestedId is not null && !string.Equals(id, requestedId, StringComparison.OrdinalIgnoreCase))
            {
                throw new SourceException(source, $"asked for '{requestedId}' but the Hub answered for '{id}'.");
            }

            if (!model.TryGetProperty("lastModified", out var modified) || modified.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(modified.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var lastModified))
            {
                throw new SourceException(source, $"model '{id}' has no 'lastModified' date: the API's format changed upstream (a field renamed?). Nothing was imported.");
            }

            var license = License(model);
            var total = model.TryGetProperty("safetensors", out var st) && st.ValueKind == JsonValueKind.Object
                && st.TryGetProperty("total", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var count) && count > 0
                ? Billions(count)
                : (decimal?)null;
            var pipeline = model.TryGetProperty("pipeline_tag", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            var (inputs, outputs) = Modalities(pipeline);
            var downloads = Long(model, "downloads");
            var likes = Long(model, "likes");
            var changed = DateOnly.FromDateTime(lastModified.UtcDateTime);
            var asOf = ConnectorText.NotAfter(asOfOverride ?? changed, today);
            var url = document.IsUrl ? document.Location : ApiUrl(baseUrl, id);

            var popularity = new List<string>();
            if (downloads is { } d)
            {
                popularity.Add($"{ConnectorText.Count(d)} downloads in the last 30 days");
            }

            if (likes is { } l)
            {
                popularity.Add($"{ConnectorText.Count(l)} likes");
            }

            popularity.Add($"last changed {FactFormat.Date(changed)}");
            return new SourceEntry
            {
                Name = id,
                Candidates = id.Contains('/', StringComparison.Ordinal) ? [id, id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..]] : [id],
                Host = null,
                Provenance = new Provenance(url, asOf, FactStatus.ThirdParty),
                Note = $"Hugging Face model '{id}'{(pipeline is null ? "" : $" ({pipeline})")}: {string.Join(", ", popularity)}.",
                Facts = new ReportedFacts
                {
                    License = license,
                    TotalBillions = total,
                    OpenWeights = true,
                    InputModalities = inputs,
                    OutputModalities = outputs,
                },
            };
        }
    }

    private static decimal Billions(long parameters) =>
        parameters >= 10_000_000_000 ? Math.Round(parameters / 1e9m, 1) : parameters >= 1_000_000_000 ? Math.Round(parameters / 1e9m, 2) : Math.Round(parameters / 1e9m, 3);

    private static long? Long(JsonElement e, string field) =>
        e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    /// <summary>The card's licence (or the license: tag) as the catalog spells it: an SPDX id or a LicenseRef-.</summary>
    public static string? License(JsonElement model)
    {
        string? raw = null;
        string? name = null;
        if (model.TryGetProperty("cardData", out var card) && card.ValueKind == JsonValueKind.Object)
        {
            raw = card.TryGetProperty("license", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
            name = card.TryGetProperty("license_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }

        if (raw is null && model.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            raw = tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)
                .FirstOrDefault(t => t.StartsWith("license:", StringComparison.Ordinal))?["license:".Length..];
        }

        return raw is null ? null : SpdxOf(raw, name);
    }

    private static string SpdxOf(string hubLicense, string? licenseName) => hubLicense.ToLowerInvariant() switch
    {
        "apache-2.0" => "Apache-2.0",
        "mit" => "MIT",
        "bsd-3-clause" => "BSD-3-Clause",
        "bsd-2-clause" => "BSD-2-Clause",
        "cc-by-4.0" => "CC-BY-4.0",
        "cc-by-sa-4.0" => "CC-BY-SA-4.0",
        "cc-by-nc-4.0" => "CC-BY-NC-4.0",
        "cc-by-nc-sa-4.0" => "CC-BY-NC-SA-4.0",
        "gpl-3.0" => "GPL-3.0",
        "agpl-3.0" => "AGPL-3.0",
        "openrail" => "LicenseRef-OpenRAIL",
        "creativeml-openrail-m" => "LicenseRef-CreativeML-OpenRAIL-M",
        "bigcode-openrail-m" => "LicenseRef-BigCode-OpenRAIL-M",
        "llama2" => "LicenseRef-Llama-2-Community-License",
        "llama3" => "LicenseRef-Llama-3-Community-License",
        "llama3.1" => "LicenseRef-Llama-3.1-Community-License",
        "llama3.2" => "LicenseRef-Llama-3.2-Community-License",
        "llama3.3" => "LicenseRef-Llama-3.3-Community-License",
        "llama4" => "LicenseRef-Llama-4-Community-License",
        "gemma" => "LicenseRef-Gemma-Terms-of-Use",
        "other" when licenseName is { Length: > 0 } => "LicenseRef-" + Ref(licenseName),
        var other => "LicenseRef-" + Ref(other),
    };

    private static string Ref(string name) =>
        string.Join('-', Slug.From(name).Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>What a pipeline tag says the model takes and gives.</summary>
    private static (IReadOnlyList<string> In, IReadOnlyList<string> Out) Modalities(string? pipeline) => pipeline switch
    {
        "text-generation" or "text2text-generation" => (["text"], ["text"]),
        "image-text-to-text" or "visual-question-answering" => (["text", "image"], ["text"]),
        "video-text-to-text" => (["text", "video"], ["text"]),
        "automatic-speech-recognition" => (["audio"], ["text"]),
        "text-to-speech" or "text-to-audio" => (["text"], ["audio"]),
        "text-to-image" => (["text"], ["image"]),
        "image-to-image" => (["image"], ["image"]),
        "text-to-video" => (["text"], ["video"]),
        "image-to-video" => (["image"], ["video"]),
        "feature-extraction" or "sentence-similarity" => (["text"], ["embedding"]),
        _ => ([], []),
    };
}
