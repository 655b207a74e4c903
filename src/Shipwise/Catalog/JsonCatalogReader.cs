using System.Text.Json;
using Shipwise.Core.Catalog;

namespace Shipwise.Catalog;

/// <summary>A tool read from an import file, or the reason it could not be read.</summary>
public sealed record ParsedTool(Tool? Tool, string Location, int? Line, IReadOnlyList<ImportProblem> Problems, long BytesRead);

/// <summary>
/// Reads the catalog file format one tool at a time, so a 100,000-tool file never becomes
/// 100,000 live objects, and a bad element is reported with its JSON path and line while
/// the rest of the file is still checked.
/// </summary>
public static class JsonCatalogReader
{
    public static IEnumerable<ParsedTool> Read(ReadOnlyMemory<byte> json)
    {
        var state = new ReaderState();
        var line = 1;
        var lineCountedTo = 0;
        int LineAt(int offset)
        {
            line += json.Span[lineCountedTo..offset].Count((byte)'\n');
            lineCountedTo = offset;
            return line;
        }

        var index = 0;
        var sawTools = false;
        int? schemaVersion = null;
        ImportProblem? fatal = null;
        var elements = new List<(int start, int length)>();
        var position = 0;

        // Walk the top level with a reader we can resume; yield each tool element as a slice.
        while (fatal is null)
        {
            elements.Clear();
            (position, fatal, var finished) = Scan(json.Span, position, state, elements, ref schemaVersion, ref sawTools);
            foreach (var (start, length) in elements)
            {
                var elementLine = LineAt(start);
                yield return Parse(json.Slice(start, length), index++, elementLine, start + length);
            }

            if (finished)
            {
                break;
            }
        }

        if (fatal is not null)
        {
            yield return new ParsedTool(null, fatal.Location, fatal.Line ?? LineAt(Math.Min(position, json.Length)), [fatal], json.Length);
            yield break;
        }

        var problems = new List<ImportProblem>();
        if (schemaVersion is null)
        {
            problems.Add(new(1, "$.schemaVersion", "is required"));
        }
        else if (schemaVersion != CatalogDocument.CurrentSchemaVersion)
        {
            problems.Add(new(1, "$.schemaVersion", $"{schemaVersion} is not supported; this version of Shipwise reads schemaVersion {CatalogDocument.CurrentSchemaVersion}"));
        }

        if (!sawTools)
        {
            problems.Add(new(1, "$.tools", "is required: an array of tools"));
        }

        if (problems.Count > 0)
        {
            yield return new ParsedTool(null, "$", 1, problems, json.Length);
        }
    }

    private sealed class ReaderState
    {
        public JsonReaderState Reader;
        public bool InTools;
        public bool Started;
    }

    // Scans up to 1,000 tool elements per call so the caller can yield between calls (ref structs cannot cross a yield).
    private static (int position, ImportProblem? fatal, bool finished) Scan(
        ReadOnlySpan<byte> json, int position, ReaderState state, List<(int, int)> elements, ref int? schemaVersion, ref bool sawTools)
    {
        var reader = new Utf8JsonReader(json[position..], isFinalBlock: true, state.Reader);
        try
        {
            if (!state.Started)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return (position, new ImportProblem(1, "$", "the file must be a JSON object with 'schemaVersion' and 'tools'"), true);
                }

                state.Started = true;
            }

            while (elements.Count < 1000)
            {
                if (state.InTools)
                {
                    if (!reader.Read())
                    {
                        return (position, new ImportProblem(null, "$.tools", "the file ends inside the tools array"), true);
                    }

                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        state.InTools = false;
                        continue;
                    }

                    var start = position + (int)reader.TokenStartIndex;
                    reader.Skip();
                    elements.Add((start, position + (int)reader.BytesConsumed - start));
                    continue;
                }

                if (!reader.Read())
                {
                    return (position, new ImportProblem(null, "$", "the file ends before the closing '}'"), true);
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    return (position + (int)reader.BytesConsumed, null, true);
                }

                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "schemaVersion" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var version):
                        schemaVersion = version;
                        break;
                    case "schemaVersion":
                        return (position, new ImportProblem(null, "$.schemaVersion", "must be a whole number"), true);
                    case "tools" when reader.TokenType == JsonTokenType.StartArray:
                        sawTools = true;
                        state.InTools = true;
                        break;
                    case "tools":
                        return (position, new ImportProblem(null, "$.tools", "must be an array"), true);
                    default:
                        return (position, new ImportProblem(null, $"$.{name}", "is not a field of the catalog format (expected 'schemaVersion' and 'tools')"), true);
                }
            }

            state.Reader = reader.CurrentState;
            return (position + (int)reader.BytesConsumed, null, false);
        }
        catch (JsonException ex)
        {
            var errorLine = json[..position].Count((byte)'\n') + 1 + (int)(ex.LineNumber ?? 0);
            return (position, new ImportProblem(errorLine, "$", $"not valid JSON: {Explain(ex)}"), true);
        }
    }

    private static ParsedTool Parse(ReadOnlyMemory<byte> element, int index, int line, long bytesRead)
    {
        var location = $"$.tools[{index}]";
        try
        {
            var tool = JsonSerializer.Deserialize<Tool>(element.Span, CatalogJson.Options);
            return tool is null
                ? new ParsedTool(null, location, line, [new(line, location, "must be an object, not null")], bytesRead)
                : new ParsedTool(tool, location, line, [], bytesRead);
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 1 } p ? location + p[1..] : location;
            var problemLine = line + (int)(ex.LineNumber ?? 0);
            return new ParsedTool(null, location, line, [new(problemLine, path, Explain(ex))], bytesRead);
        }
    }

    // System.Text.Json's messages mention .NET types; say what the file author must change instead.
    private static string Explain(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return message
            .Replace("Shipwise.Core.Catalog.", "", StringComparison.Ordinal)
            .Replace("System.", "", StringComparison.Ordinal);
    }
}
