using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shipwise.Core.Catalog;

/// <summary>
/// Brings a tool written in an older catalog format up to the current one, on the JSON itself,
/// before it is read: import files, stored documents and stored revisions all go through here.
/// Nothing a format-1 tool said is dropped.
/// </summary>
public static class CatalogUpgrade
{
    /// <summary>Whether a stored tool document is still in format 1.</summary>
    public static bool IsVersion1(JsonObject tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool["kind"]?.GetValue<string>() == "service" || tool["facts"] is JsonObject facts && facts.ContainsKey("benchmarks");
    }

    /// <summary>
    /// A stored tool document in the current format, or null when it already is. The result is
    /// the same canonical serialization an import writes, so its fingerprint is comparable.
    /// </summary>
    public static string? UpgradeDocument(string document)
    {
        if (JsonNode.Parse(document) is not JsonObject tool || !IsVersion1(tool))
        {
            return null;
        }

        FromVersion1(tool);
        return JsonSerializer.Serialize(tool.Deserialize<Tool>(CatalogJson.Options), CatalogJson.Options);
    }

    /// <summary>Rewrites a format-1 tool in place as format 2.</summary>
    public static void FromVersion1(JsonObject tool)
    {
        ArgumentNullException.ThrowIfNull(tool);

        // Format 1's "service" meant a hosted provider.
        if (tool["kind"] is JsonValue kind && kind.TryGetValue<string>(out var k) && k == "service")
        {
            tool["kind"] = "provider";
        }

        if (tool["facts"] is not JsonObject facts || facts["benchmarks"] is not JsonArray benchmarks)
        {
            return;
        }

        var vendor = (tool["vendor"] as JsonObject)?["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : "the vendor";
        var evaluations = new JsonArray();
        foreach (var node in benchmarks)
        {
            if (node is not JsonObject b)
            {
                evaluations.Add(node?.DeepClone());
                continue;
            }

            evaluations.Add(Evaluation(b, vendor));
        }

        facts.Remove("benchmarks");
        facts["evaluations"] = evaluations;
    }

    // A format-1 benchmark row: { name, score, author: vendor | third-party, source, asOf, status, note }.
    private static JsonObject Evaluation(JsonObject b, string vendor)
    {
        var benchmarkName = b["name"] is JsonValue n && n.TryGetValue<string>(out var text) ? text : "";
        var key = Benchmarks.KeyFor(benchmarkName);
        var known = Benchmarks.Find(key);
        var byVendor = b["author"] is JsonValue a && a.TryGetValue<string>(out var author) && author == "vendor";
        var source = b["source"] is JsonValue s && s.TryGetValue<string>(out var url) ? url : null;
        var evaluation = new JsonObject
        {
            ["benchmark"] = key,
            ["score"] = b["score"]?.DeepClone(),
            ["unit"] = known?.Unit ?? "points",
            // Format 1 named no evaluator: the vendor's own rows say who; a "third-party" row only said where it was published.
            ["evaluator"] = byVendor ? vendor : Host(source) ?? "unnamed third party",
            ["relation"] = byVendor ? EvaluatorRelation.Vendor : EvaluatorRelation.Unknown,
            ["source"] = b["source"]?.DeepClone(),
            ["asOf"] = b["asOf"]?.DeepClone(),
            ["status"] = b["status"]?.DeepClone(),
        };

        // The original wording is kept wherever the known benchmark's name would lose a detail ("DocVQA (val)").
        if (known is null || !string.Equals(known.Name, benchmarkName, StringComparison.Ordinal))
        {
            evaluation["name"] = benchmarkName;
        }

        if (b["note"] is { } note)
        {
            evaluation["note"] = note.DeepClone();
        }

        // Unknown fields are carried over, so the strict reader names them instead of losing them.
        foreach (var (field, value) in b)
        {
            if (field is not ("name" or "score" or "author" or "source" or "asOf" or "status" or "note"))
            {
                evaluation[field] = value?.DeepClone();
            }
        }

        return evaluation;
    }

    private static string? Host(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;
}
