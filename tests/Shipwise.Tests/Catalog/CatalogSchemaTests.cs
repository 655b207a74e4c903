using System.Text.Json.Nodes;
using Json.Schema;

namespace Shipwise.Tests.Catalog;

/// <summary>
/// schema/catalog.schema.json is what an editor writes import files against: every demo catalog
/// file must validate with it, or the published schema has fallen behind the reader (it had:
/// an evaluation's "version" was read by the product and refused by the schema).
/// </summary>
public class CatalogSchemaTests
{
    private static readonly Lazy<JsonSchema> _schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.Root, "schema", "catalog.schema.json"))));

    public static TheoryData<string> DemoFiles() =>
        [.. Directory.GetFiles(RepoPaths.DemoCatalog, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(DemoFiles))]
    public void Every_demo_catalog_file_validates_against_the_published_schema(string file)
    {
        var errors = Errors(JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.DemoCatalog, file))));
        Assert.True(errors.Count == 0, $"{file}:\n{string.Join("\n", errors.Take(10))}");
    }

    [Fact]
    public void The_schema_refuses_what_the_reader_refuses()
    {
        // The check above can fail: an unknown modality and an unknown fact are both errors here.
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.DemoCatalog, "coding-and-embeddings.json")))!;
        var facts = file["tools"]![0]!["facts"]!;
        facts["outputModalities"] = JsonNode.Parse("""{ "value": ["smells"], "source": "https://example.org", "asOf": "2026-12-07", "status": "verified" }""");
        facts["vibes"] = JsonNode.Parse("""{ "value": true }""");
        var errors = Errors(file);
        Assert.Contains(errors, e => e.StartsWith("/tools/0/facts/outputModalities/value/0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/tools/0/facts", StringComparison.Ordinal) && e.Contains("vibes", StringComparison.Ordinal));
    }

    private static List<string> Errors(JsonNode? document)
    {
        using var json = System.Text.Json.JsonDocument.Parse(document!.ToJsonString());
        var result = _schema.Value.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        // A "not" subschema is expected to fail inside a valid document: its errors are not the document's.
        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 } && !d.EvaluationPath.ToString().Contains("/not", StringComparison.Ordinal))
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}
