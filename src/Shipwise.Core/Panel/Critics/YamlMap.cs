using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Shipwise.Core.Panel.Critics;

/// <summary>
/// Reads one YAML mapping field by field, remembering its path so every error names the exact
/// field, and rejecting fields nobody asked for (a misspelt field is an error, not ignored).
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly string _fileName;
    private readonly List<string> _known = [];

    public YamlMap(YamlMappingNode node, string fileName, string path)
    {
        _node = node;
        _fileName = fileName;
        Path = path;
    }

    public string Path { get; }

    public CriticFileException Error(string field, string problem, YamlNode? at = null) =>
        new(_fileName, FieldPath(field), problem, at is null ? LineOf(_node) : LineOf(at));

    public string Text(string key) =>
        OptionalText(key) ?? throw Error(key, "is required");

    public string? OptionalText(string key)
    {
        if (Find(key) is not { } node)
        {
            return null;
        }

        var text = Scalar(node, key).Trim();
        return text.Length == 0 ? throw Error(key, "is empty", node) : text;
    }

    public double Number(string key)
    {
        var text = Text(key);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error(key, $"'{text}' is not a number", Find(key));
    }

    public int Integer(string key) => OptionalInteger(key) ?? throw Error(key, "is required");

    public int? OptionalInteger(string key)
    {
        var text = OptionalText(key);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(key, $"'{text}' is not a whole number", Find(key));
    }

    /// <summary>A list of non-empty strings; absent reads as empty.</summary>
    public IReadOnlyList<string> TextList(string key)
    {
        if (Find(key) is not { } node)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Error(key, "must be a list", node);
        }

        var items = new List<string>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var text = Scalar(sequence.Children[i], $"{key}[{i}]").Trim();
            items.Add(text.Length > 0 ? text : throw Error($"{key}[{i}]", "is empty", sequence.Children[i]));
        }

        return items;
    }

    public YamlMap Map(string key) => Find(key) switch
    {
        null => throw Error(key, "is required"),
        YamlMappingNode mapping => new YamlMap(mapping, _fileName, FieldPath(key)),
        var other => throw Error(key, "must be a mapping of fields", other),
    };

    public IReadOnlyList<YamlMap> MapList(string key)
    {
        if (Find(key) is not { } node)
        {
            throw Error(key, "is required");
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Error(key, "must be a list", node);
        }

        return [.. sequence.Children.Select((child, i) => child is YamlMappingNode mapping
            ? new YamlMap(mapping, _fileName, FieldPath($"{key}[{i}]"))
            : throw Error($"{key}[{i}]", "must be a mapping of fields", child))];
    }

    /// <summary>A list of mappings, or an empty list when the field is absent.</summary>
    public IReadOnlyList<YamlMap> OptionalMapList(string key) => Find(key) is null ? [] : MapList(key);

    /// <summary>The text list under a key, or an empty list when absent.</summary>
    public IReadOnlyList<string> OptionalTextList(string key) => Find(key) is null ? [] : TextList(key);

    /// <summary>Call once every expected field has been read.</summary>
    public void RejectUnknownFields()
    {
        foreach (var (keyNode, _) in _node.Children)
        {
            var key = keyNode is YamlScalarNode scalar ? scalar.Value ?? "" : keyNode.ToString();
            if (!_known.Contains(key))
            {
                throw Error(key, $"is not a field here; expected one of: {string.Join(", ", _known)}", keyNode);
            }
        }
    }

    private YamlNode? Find(string key)
    {
        if (!_known.Contains(key))
        {
            _known.Add(key);
        }

        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;
    }

    private string Scalar(YamlNode node, string field) =>
        node is YamlScalarNode { Value: { } text } ? text : throw Error(field, "must be a single value, not a list or mapping", node);

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    private string FieldPath(string field) => Path.Length == 0 ? field : $"{Path}.{field}";

    private static int? LineOf(YamlNode node) => node.Start.Line > 0 ? (int)node.Start.Line : null;
}
