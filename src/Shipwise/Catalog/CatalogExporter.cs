using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shipwise.Core.Catalog;

namespace Shipwise.Catalog;

/// <summary>
/// Writes the catalog in its own file format (JSON) or the flat CSV. The JSON export writes
/// back the stored documents unchanged, which is what makes export-then-import lossless, with
/// one exception: a reference to another tool by an alias (a competitor named by its old slug
/// after a rename) is written as that tool's slug, so the file imports into an empty database.
/// </summary>
public sealed class CatalogExporter(CatalogQueries queries)
{
    public async Task<int> ExportJsonAsync(Stream output, CancellationToken cancellationToken = default)
    {
        var count = 0;
        var aliases = await queries.AliasesAsync(cancellationToken);
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = CatalogJson.Indented.Encoder });
        writer.WriteStartObject();
        writer.WriteNumber("schemaVersion", CatalogDocument.CurrentSchemaVersion);
        writer.WriteStartArray("groups");
        foreach (var document in await queries.GroupDocumentsAsync(cancellationToken))
        {
            using var parsed = JsonDocument.Parse(document);
            parsed.RootElement.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("tools");
        await foreach (var document in queries.StreamDocumentsAsync(cancellationToken))
        {
            using var parsed = JsonDocument.Parse(document);
            if (CanonicalCompetitors(parsed.RootElement, aliases) is { } competitors)
            {
                var tool = JsonNode.Parse(document)!;
                tool["facts"]!["competitors"]!["value"] = new JsonArray([.. competitors.Select(c => JsonValue.Create(c))]);
                tool.WriteTo(writer);
            }
            else
            {
                parsed.RootElement.WriteTo(writer);
            }

            count++;
            if (writer.BytesPending > 1 << 16)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    // The competitor list with every alias replaced by its tool's slug (once each, in order); null when nothing changes.
    private static List<string>? CanonicalCompetitors(JsonElement tool, IReadOnlyDictionary<string, string> aliases)
    {
        if (!tool.TryGetProperty("facts", out var facts) || !facts.TryGetProperty("competitors", out var fact)
            || !fact.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var written = value.EnumerateArray().Select(v => v.GetString() ?? "").ToList();
        var canonical = written.Select(c => aliases.GetValueOrDefault(c, c)).Distinct(StringComparer.Ordinal).ToList();
        return canonical.SequenceEqual(written, StringComparer.Ordinal) ? null : canonical;
    }

    public async Task<int> ExportCsvAsync(Stream output, CancellationToken cancellationToken = default)
    {
        var tools = new List<Tool>();
        await foreach (var document in queries.StreamDocumentsAsync(cancellationToken))
        {
            tools.Add(JsonSerializer.Deserialize<Tool>(document, CatalogJson.Options)!);
        }

        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        CsvCatalog.Write(writer, tools);
        return tools.Count;
    }
}
