using System.Text;
using System.Text.Json;
using Shipwise.Core.Catalog;

namespace Shipwise.Catalog;

/// <summary>
/// Writes the catalog in its own file format (JSON) or the flat CSV. The JSON export writes
/// back the stored documents unchanged, which is what makes export-then-import lossless.
/// </summary>
public sealed class CatalogExporter(CatalogQueries queries)
{
    public async Task<int> ExportJsonAsync(Stream output, CancellationToken cancellationToken = default)
    {
        var count = 0;
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
            parsed.RootElement.WriteTo(writer);
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
