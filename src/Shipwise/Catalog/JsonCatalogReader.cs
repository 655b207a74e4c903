using System.Text.Json;
using System.Text.Json.Nodes;
using Shipwise.Core.Catalog;

namespace Shipwise.Catalog;

/// <summary>A tool (or a group) read from an import file, or the reason it could not be read.</summary>
public sealed record ParsedTool(Tool? Tool, string Location, int? Line, IReadOnlyList<ImportProblem> Problems, long BytesRead)
{
    public ToolGroup? Group { get; init; }

    /// <summary>The file it came from, when several are imported together.</summary>
    public string? File { get; init; }
}

/// <summary>
/// Reads the catalog file format one tool at a time from a stream through a small buffer, so
/// a 100,000-tool file is never in memory at once. A bad element is reported with its JSON
/// path and line, and the rest of the file is still checked. A format-1 file is upgraded tool
/// by tool as it is read (<see cref="CatalogUpgrade"/>).
/// </summary>
public sealed class JsonCatalogReader
{
    private const int InitialBuffer = 1 << 20;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private long _discarded;
    private int _line = 1;
    private int _linesCountedTo;
    private JsonReaderState _state;
    private Phase _phase = Phase.BeforeRoot;
    private int? _schemaVersion;
    private bool _sawTools;
    private bool _toolsBeforeVersion;

    private enum Phase { BeforeRoot, InRoot, InTools, InGroups, Done }

    /// <summary>The oldest format this reader still upgrades.</summary>
    public const int OldestSchemaVersion = 1;

    private JsonCatalogReader(Stream stream, int bufferSize)
    {
        _stream = stream;
        _buffer = new byte[bufferSize];
    }

    public static IEnumerable<ParsedTool> Read(Stream stream, int bufferSize = InitialBuffer) => new JsonCatalogReader(stream, bufferSize).ReadAll();

    public static IEnumerable<ParsedTool> Read(byte[] json) => Read(new MemoryStream(json, writable: false));

    private IEnumerable<ParsedTool> ReadAll()
    {
        var index = 0;
        var groupIndex = 0;
        var elements = new List<(int start, int length, bool group)>();
        ImportProblem? fatal = null;
        while (fatal is null && _phase != Phase.Done)
        {
            Fill();
            elements.Clear();
            var needMore = false;
            (fatal, needMore) = Scan(elements);
            foreach (var (start, length, group) in elements)
            {
                var line = LineAt(start);
                yield return group
                    ? ParseGroup(_buffer.AsMemory(start, length), groupIndex++, line, _discarded + start + length)
                    : Parse(_buffer.AsMemory(start, length), index++, line, _discarded + start + length);
            }

            if (needMore && _endOfStream && fatal is null)
            {
                fatal = new ImportProblem(LineAt(_start), _phase switch { Phase.InTools => "$.tools", Phase.InGroups => "$.groups", _ => "$" }, "the file ends too early: a closing bracket or brace is missing");
            }

            if (needMore)
            {
                Compact(elements.Count == 0);
            }
        }

        if (fatal is null && TrailingData() is { } trailing)
        {
            fatal = trailing;
        }

        var total = _discarded + _end;
        if (fatal is not null)
        {
            yield return new ParsedTool(null, fatal.Location, fatal.Line, [fatal], total);
            yield break;
        }

        var problems = new List<ImportProblem>();
        if (_schemaVersion is null)
        {
            problems.Add(new(1, "$.schemaVersion", "is required"));
        }
        else if (_schemaVersion is < OldestSchemaVersion or > CatalogDocument.CurrentSchemaVersion)
        {
            problems.Add(new(1, "$.schemaVersion", $"{_schemaVersion} is not supported; this version of Shipwise reads schemaVersion {OldestSchemaVersion} to {CatalogDocument.CurrentSchemaVersion}"));
        }
        else if (_schemaVersion != CatalogDocument.CurrentSchemaVersion && _toolsBeforeVersion)
        {
            problems.Add(new(1, "$.schemaVersion", $"a schemaVersion {_schemaVersion} file must give schemaVersion before tools, so each tool can be upgraded as it is read"));
        }

        if (!_sawTools)
        {
            problems.Add(new(1, "$.tools", "is required: an array of tools"));
        }

        if (problems.Count > 0)
        {
            yield return new ParsedTool(null, "$", 1, problems, total);
        }
    }

    // Scans whole tool elements in the buffered bytes. Returns needMore when the buffer ends mid-token.
    private (ImportProblem? fatal, bool needMore) Scan(List<(int start, int length, bool group)> elements)
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _endOfStream, _state);
        try
        {
            while (elements.Count < 1000)
            {
                var checkpoint = reader;
                if (!reader.Read())
                {
                    Commit(ref checkpoint);
                    return (null, true);
                }

                switch (_phase)
                {
                    case Phase.BeforeRoot when reader.TokenType != JsonTokenType.StartObject:
                        return (new ImportProblem(1, "$", "the file must be a JSON object with 'schemaVersion' and 'tools'"), false);
                    case Phase.BeforeRoot:
                        _phase = Phase.InRoot;
                        break;
                    case Phase.InTools or Phase.InGroups when reader.TokenType == JsonTokenType.EndArray:
                        _phase = Phase.InRoot;
                        break;
                    case Phase.InTools or Phase.InGroups:
                        var start = _start + (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            Commit(ref checkpoint);
                            return (null, true);
                        }

                        elements.Add((start, _start + (int)reader.BytesConsumed - start, _phase == Phase.InGroups));
                        break;
                    case Phase.InRoot when reader.TokenType == JsonTokenType.EndObject:
                        _phase = Phase.Done;
                        Commit(ref reader);
                        return (null, false);
                    case Phase.InRoot:
                        var name = reader.GetString();
                        if (!reader.Read())
                        {
                            Commit(ref checkpoint);
                            return (null, true);
                        }

                        if (RootProperty(ref reader, name) is { } problem)
                        {
                            return (problem, false);
                        }

                        if (reader.TokenType == JsonTokenType.StartArray)
                        {
                            _phase = name == "groups" ? Phase.InGroups : Phase.InTools;
                        }

                        break;
                }
            }

            Commit(ref reader);
            return (null, false);
        }
        catch (JsonException ex)
        {
            var errorLine = LineAt(_start) + (int)(ex.LineNumber ?? 0);
            return (new ImportProblem(errorLine, "$", $"not valid JSON: {Explain(ex)}"), false);
        }
    }

    private ImportProblem? RootProperty(ref Utf8JsonReader reader, string? name)
    {
        switch (name)
        {
            case "schemaVersion" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var version):
                _schemaVersion = version;
                return null;
            case "schemaVersion":
                return new ImportProblem(null, "$.schemaVersion", "must be a whole number");
            case "tools" when reader.TokenType == JsonTokenType.StartArray:
                _sawTools = true;
                _toolsBeforeVersion = _schemaVersion is null;
                return null;
            case "tools":
                return new ImportProblem(null, "$.tools", "must be an array");
            case "groups" when reader.TokenType == JsonTokenType.StartArray:
                return null;
            case "groups":
                return new ImportProblem(null, "$.groups", "must be an array");
            default:
                return new ImportProblem(null, $"$.{name}", "is not a field of the catalog format (expected 'schemaVersion', 'groups' and 'tools')");
        }
    }

    // After the catalog object only whitespace may follow: two files run together must not import as the first one alone.
    private ImportProblem? TrailingData()
    {
        while (true)
        {
            for (var i = _start; i < _end; i++)
            {
                if (_buffer[i] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
                {
                    return new ImportProblem(LineAt(i), "$", "there is more after the catalog object; a file holds one catalog (import several files one by one)");
                }
            }

            if (_endOfStream)
            {
                return null;
            }

            _start = _end;
            Compact(noProgress: false);
            Fill();
        }
    }

    // Remembers how far the reader got; the next Scan resumes from there.
    private void Commit(ref Utf8JsonReader reader)
    {
        _state = reader.CurrentState;
        _start += (int)reader.BytesConsumed;
    }

    private void Fill()
    {
        while (!_endOfStream && _end < _buffer.Length)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
            }

            _end += read;
        }
    }

    // Drops consumed bytes; grows the buffer when one element is larger than it.
    private void Compact(bool noProgress)
    {
        LineAt(_start);
        var remaining = _end - _start;
        if (noProgress && _start == 0 && _end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
            return;
        }

        Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
        _discarded += _start;
        _linesCountedTo -= _start;
        _start = 0;
        _end = remaining;
    }

    private int LineAt(int offset)
    {
        if (offset > _linesCountedTo)
        {
            _line += _buffer.AsSpan(_linesCountedTo, offset - _linesCountedTo).Count((byte)'\n');
            _linesCountedTo = offset;
        }

        return _line;
    }

    private ParsedTool ParseGroup(ReadOnlyMemory<byte> element, int index, int line, long bytesRead)
    {
        var location = $"$.groups[{index}]";
        try
        {
            var group = JsonSerializer.Deserialize<ToolGroup>(element.Span, CatalogJson.Options);
            return group is null
                ? new ParsedTool(null, location, line, [new(line, location, "must be an object, not null")], bytesRead)
                : new ParsedTool(null, location, line, [], bytesRead) { Group = group };
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 1 } p ? location + p[1..] : location;
            return new ParsedTool(null, location, line, [new(line + (int)(ex.LineNumber ?? 0), path, Explain(ex))], bytesRead);
        }
    }

    private ParsedTool Parse(ReadOnlyMemory<byte> element, int index, int line, long bytesRead)
    {
        var location = $"$.tools[{index}]";
        try
        {
            var tool = _schemaVersion is { } version && version < CatalogDocument.CurrentSchemaVersion
                ? Upgrade(element.Span)
                : JsonSerializer.Deserialize<Tool>(element.Span, CatalogJson.Options);
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

    // Only older files pay for the detour through a JSON tree.
    private static Tool? Upgrade(ReadOnlySpan<byte> element)
    {
        var reader = new Utf8JsonReader(element);
        using var document = JsonDocument.ParseValue(ref reader);
        if (Node(document.RootElement) is not JsonObject node)
        {
            return null;
        }

        CatalogUpgrade.FromVersion1(node);
        return node.Deserialize<Tool>(CatalogJson.Options);
    }

    // A JSON tree built the way the serializer reads a file: a property named twice keeps its last value
    // (JsonNode.Parse would instead fail later with an error that names no field).
    private static JsonNode? Node(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = Node(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(Node(item));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
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
