using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Shipwise.Core.Catalog;

/// <summary>The one set of JSON settings for the catalog file format and the API.</summary>
public static class CatalogJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);

    public static readonly JsonSerializerOptions Indented = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // A misspelt field in an import file is an error, not silently dropped data.
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            // HTML-escaping happens at render time; the file keeps readable text.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyLists } },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    // An empty list says no more than a missing one, and every list reads back as empty when
    // missing: leaving them out keeps documents (and fingerprints) the same whichever way a file wrote it.
    // Not a required one: a fact whose value is an empty list ("no regional endpoint") must keep its
    // value, or the stored document cannot be read back.
    private static void OmitEmptyLists(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            // A required list (a fact's value) is written even when empty: "none" is a fact, and reading needs it.
            if (!property.IsRequired && property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = (_, value) => value is not IEnumerable items || items.GetEnumerator().MoveNext();
            }
        }
    }
}
