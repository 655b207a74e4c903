using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Shipwise.Core.Catalog;
using Shipwise.Core.Panel.Scoring;
using Shipwise.Core.Panel.Writing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Shipwise.Core.Panel.Critics;

/// <summary>
/// Parses one critic file. Every rule an edit could break is checked here, so a critic that
/// loads can always write a valid review; see docs/panel.md for the format.
/// </summary>
public static class CriticFile
{
    public const int MaxLabelLength = 60;

    public static Critic Parse(string fileName, string yamlText)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(yamlText);
        var root = LoadRoot(fileName, yamlText);

        var slug = root.Text("slug");
        if (!Slug.IsValid(slug))
        {
            throw root.Error("slug", $"'{slug}' is not a valid slug: lower-case letters, digits and single dashes");
        }

        var expectedFile = slug + ".yaml";
        if (!string.Equals(Path.GetFileName(fileName), expectedFile, StringComparison.Ordinal))
        {
            throw root.Error("slug", $"'{slug}' must match the file name: rename the file to {expectedFile} or change the slug");
        }

        var bannedPhrases = root.TextList("bannedPhrases");
        var criteria = ParseCriteria(root);
        var shipBar = root.Integer("shipBar");
        if (shipBar is < 0 or > 100)
        {
            throw root.Error("shipBar", $"{shipBar} is outside 0–100");
        }

        var shipRequires = root.OptionalTextList("shipRequires");
        if (shipRequires.FirstOrDefault(k => criteria.Values.All(list => list.All(c => c.Key != k))) is { } unknownRequirement)
        {
            throw root.Error("shipRequires", $"'{unknownRequirement}' is not one of this critic's criteria");
        }

        var critic = new Critic
        {
            Slug = slug,
            Name = root.Text("name"),
            Subtitle = root.Text("subtitle"),
            Motto = root.Text("motto"),
            Lens = root.Text("lens"),
            Order = root.OptionalInteger("order") ?? 100,
            Excites = RequireItems(root, "excites"),
            Tires = RequireItems(root, "tires"),
            BannedPhrases = bannedPhrases,
            CriteriaByKind = criteria,
            ShipBar = shipBar,
            NoTake = ParseNoTake(root),
            ShipRequires = shipRequires,
            Voice = ParseVoice(root.Map("voice"), bannedPhrases),
            Version = VersionOf(yamlText),
        };
        root.RejectUnknownFields();
        return critic;
    }

    /// <summary>First 12 hex characters of the SHA-256 of the file's text as UTF-8.</summary>
    public static string VersionOf(string yamlText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yamlText)))[..12];

    private static YamlMap LoadRoot(string fileName, string yamlText)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yamlText));
        }
        catch (YamlException e)
        {
            throw new CriticFileException(fileName, "(file)", $"is not valid YAML: {e.Message}", (int)e.Start.Line);
        }

        return stream.Documents switch
        {
            [{ RootNode: YamlMappingNode mapping }] => new YamlMap(mapping, fileName, ""),
            [] => throw new CriticFileException(fileName, "(file)", "is empty"),
            [_] => throw new CriticFileException(fileName, "(file)", "must be a mapping of fields (slug, name, criteria, …)"),
            _ => throw new CriticFileException(fileName, "(file)", "must hold exactly one YAML document"),
        };
    }

    private static IReadOnlyList<string> RequireItems(YamlMap map, string key) =>
        map.TextList(key) is { Count: > 0 } items ? items : throw map.Error(key, "must list at least one entry");

    private static IReadOnlyDictionary<string, IReadOnlyList<Criterion>> ParseCriteria(YamlMap root)
    {
        var byKind = root.Map("criteria");
        var result = new Dictionary<string, IReadOnlyList<Criterion>>(StringComparer.Ordinal);
        foreach (var kind in Taxonomy.Kinds)
        {
            var maps = byKind.OptionalMapList(kind);
            if (maps.Count == 0)
            {
                continue;
            }

            var criteria = new List<Criterion>();
            foreach (var map in maps)
            {
                var key = map.Text("key");
                if (CriterionScorers.Find(key) is null)
                {
                    throw map.Error("key", $"'{key}' is not a scorer; use one of: {string.Join(", ", CriterionScorers.All.Select(s => s.Key))}");
                }

                if (criteria.Any(c => c.Key == key))
                {
                    throw map.Error("key", $"'{key}' is already a criterion for {kind}; weigh it once");
                }

                var label = map.Text("label");
                if (label.Length > MaxLabelLength)
                {
                    throw map.Error("label", $"is {label.Length} characters; the limit is {MaxLabelLength}");
                }

                var weight = map.Number("weight");
                if (weight <= 0)
                {
                    throw map.Error("weight", $"{weight.ToString(CultureInfo.InvariantCulture)} must be greater than 0");
                }

                criteria.Add(new Criterion(key, label, weight));
                map.RejectUnknownFields();
            }

            result[kind] = criteria;
        }

        byKind.RejectUnknownFields();
        return result.Count > 0 ? result : throw root.Error("criteria", $"must list criteria for at least one kind: {string.Join(", ", Taxonomy.Kinds)}");
    }

    private static NoTakeRule ParseNoTake(YamlMap root)
    {
        var minCoverage = root.Number("minCoverage");
        if (minCoverage is < 0 or > 1)
        {
            throw root.Error("minCoverage", "must be between 0 and 1 (a share of the criterion weight)");
        }

        var modalities = root.OptionalTextList("requireAnyOutput");
        if (modalities.FirstOrDefault(m => !Taxonomy.Modalities.Contains(m)) is { } badModality)
        {
            throw root.Error("requireAnyOutput", $"'{badModality}' is not a modality; use one of: {string.Join(", ", Taxonomy.Modalities)}");
        }

        return new NoTakeRule(minCoverage, modalities);
    }

    private static CriticVoice ParseVoice(YamlMap map, IReadOnlyList<string> banned)
    {
        IReadOnlyList<string> Lines(string key, IReadOnlyCollection<string> allowed, int max)
        {
            var lines = map.TextList(key);
            if (lines.Count == 0)
            {
                throw map.Error(key, "must list at least one line");
            }

            for (var i = 0; i < lines.Count; i++)
            {
                CheckLine(map, $"{key}[{i}]", lines[i], allowed, banned, max);
            }

            return lines;
        }

        var voice = new CriticVoice(
            Lines("summaryShip", ["reason", "name"], Template.MaxSummaryLineLength),
            Lines("summarySkip", ["reason", "name"], Template.MaxSummaryLineLength),
            Lines("insufficient", ["missing", "name"], Template.MaxLineLength),
            Lines("outOfScope", ["kind", "name"], Template.MaxLineLength));
        map.RejectUnknownFields();
        return voice;
    }

    private static void CheckLine(YamlMap map, string field, string line, IReadOnlyCollection<string> allowed, IReadOnlyList<string> banned, int maxLength)
    {
        if (Template.Problem(line, allowed, maxLength) is { } problem)
        {
            throw map.Error(field, problem);
        }

        if (BannedPhrases.FindIn(line, banned) is { } phrase)
        {
            throw map.Error(field, $"uses the banned phrase '{phrase}'");
        }
    }
}
