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
    public const int MinBeats = 3;
    public const int MaxBeats = 6;
    public const int MaxLabelLength = 60;

    private const string CriterionPrefix = "criterion:";

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
            Criteria = criteria,
            ShipBar = shipBar,
            NoTake = ParseNoTake(root.Map("noTake")),
            Summary = ParseSummary(root.Map("summary"), bannedPhrases),
            Beats = ParseBeats(root, criteria, bannedPhrases),
            NoTakeReview = ParseNoTakeReview(root, bannedPhrases),
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

    private static IReadOnlyList<Criterion> ParseCriteria(YamlMap root)
    {
        var maps = root.MapList("criteria");
        if (maps.Count == 0)
        {
            throw root.Error("criteria", "must list at least one criterion");
        }

        var criteria = new List<Criterion>();
        foreach (var map in maps)
        {
            var key = map.Text("key");
            var scorer = CriterionScorers.Find(key)
                ?? throw map.Error("key", $"'{key}' is not a scorer; use one of: {string.Join(", ", CriterionScorers.All.Select(s => s.Key))}");
            if (criteria.Any(c => c.Key == key))
            {
                throw map.Error("key", $"'{key}' is already a criterion of this critic; weigh it once");
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

            criteria.Add(new Criterion(key, label, weight, ParseFacts(map, "facts", scorer)));
            map.RejectUnknownFields();
        }

        return criteria;
    }

    private static IReadOnlyList<FactName> ParseFacts(YamlMap map, string key, CriterionScorer? readBy)
    {
        var names = new List<FactName>();
        var items = map.TextList(key);
        for (var i = 0; i < items.Count; i++)
        {
            if (!FactNames.TryParse(items[i], out var name))
            {
                throw map.Error($"{key}[{i}]", $"'{items[i]}' is not a fact; use one of: {string.Join(", ", FactNames.All.Select(f => f.ToWire()))}");
            }

            if (readBy is not null && !readBy.Reads.Contains(name))
            {
                throw map.Error($"{key}[{i}]", $"scorer '{readBy.Key}' does not read '{items[i]}'; it reads: {string.Join(", ", readBy.Reads.Select(f => f.ToWire()))}");
            }

            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return readBy is not null && names.Count == 0 ? throw map.Error(key, "must list at least one fact the scorer reads") : names;
    }

    private static NoTakeRule ParseNoTake(YamlMap map)
    {
        var minCoverage = map.Number("minCoverage");
        if (minCoverage is < 0 or > 1)
        {
            throw map.Error("minCoverage", "must be between 0 and 1 (a share of the criterion weight)");
        }

        var modalities = map.TextList("requireAnyModality");
        if (modalities.FirstOrDefault(m => !Taxonomy.Modalities.Contains(m)) is { } badModality)
        {
            throw map.Error("requireAnyModality", $"'{badModality}' is not a modality; use one of: {string.Join(", ", Taxonomy.Modalities)}");
        }

        var kinds = map.TextList("kinds");
        if (kinds.FirstOrDefault(k => !Taxonomy.Kinds.Contains(k)) is { } badKind)
        {
            throw map.Error("kinds", $"'{badKind}' is not a kind; use one of: {string.Join(", ", Taxonomy.Kinds)}");
        }

        var rule = new NoTakeRule(minCoverage, ParseFacts(map, "requireFacts", readBy: null), modalities, kinds);
        map.RejectUnknownFields();
        return rule;
    }

    private static SummaryLines ParseSummary(YamlMap map, IReadOnlyList<string> banned)
    {
        string[] sided = [.. Template.Common];
        var summary = new SummaryLines(
            Line(map, "ship", sided, banned, Template.MaxSummaryLineLength),
            Line(map, "skip", sided, banned, Template.MaxSummaryLineLength),
            Line(map, "noTake", Template.OfNoTake, banned, Template.MaxSummaryLineLength));
        map.RejectUnknownFields();
        return summary;
    }

    private static IReadOnlyList<Beat> ParseBeats(YamlMap root, IReadOnlyList<Criterion> criteria, IReadOnlyList<string> banned)
    {
        var maps = root.MapList("beats");
        if (maps.Count is < MinBeats or > MaxBeats)
        {
            throw root.Error("beats", $"has {maps.Count} beats; a review follows {MinBeats} to {MaxBeats}, one sentence each");
        }

        var beats = maps.Select(map => ParseBeat(map, criteria, banned)).ToList();

        // The shortest review the beats can produce must still meet the review length floor.
        var shortest = beats.Sum(b => b.Lines.Min(Template.FixedLength)) + beats.Count - 1;
        if (shortest < ReviewLimits.MinBodyLength)
        {
            throw root.Error("beats", $"the shortest review these lines can produce is {shortest} characters; lengthen them to reach {ReviewLimits.MinBodyLength}");
        }

        return beats;
    }

    private static Beat ParseBeat(YamlMap map, IReadOnlyList<Criterion> criteria, IReadOnlyList<string> banned)
    {
        var name = map.Text("name");
        var about = map.Text("about");
        string[] criterionWords = [.. Template.Common, .. Template.OfCriterion];
        string[] missingWords = [.. Template.Common, "label"];
        Beat beat;
        if (about.StartsWith(CriterionPrefix, StringComparison.Ordinal))
        {
            var key = about[CriterionPrefix.Length..];
            if (criteria.All(c => c.Key != key))
            {
                throw map.Error("about", $"'{key}' is not one of this critic's criteria: {string.Join(", ", criteria.Select(c => c.Key))}");
            }

            beat = new Beat(name, BeatTopic.Criterion, key)
            {
                Good = Line(map, "good", criterionWords, banned),
                Bad = Line(map, "bad", criterionWords, banned),
                Missing = Line(map, "missing", missingWords, banned),
            };
        }
        else
        {
            beat = about switch
            {
                "strongest" => new Beat(name, BeatTopic.Strongest, null) { Say = Line(map, "say", criterionWords, banned) },
                "weakest" => new Beat(name, BeatTopic.Weakest, null) { Say = Line(map, "say", criterionWords, banned) },
                "trust" => new Beat(name, BeatTopic.Trust, null)
                {
                    Say = Line(map, "say", [.. Template.Common, .. Template.OfTrust], banned),
                    Clean = Line(map, "clean", Template.Common, banned),
                },
                "verdict" => new Beat(name, BeatTopic.Verdict, null)
                {
                    Ship = Line(map, "ship", Template.Common, banned),
                    Skip = Line(map, "skip", Template.Common, banned),
                },
                _ => throw map.Error("about", $"'{about}' is not a topic; use strongest, weakest, trust, verdict or criterion:<key>"),
            };
        }

        map.RejectUnknownFields();
        return beat;
    }

    private static IReadOnlyList<string> ParseNoTakeReview(YamlMap root, IReadOnlyList<string> banned)
    {
        var lines = root.TextList("noTakeReview");
        if (lines.Count is < 2 or > 4)
        {
            throw root.Error("noTakeReview", $"has {lines.Count} lines; write 2 to 4 sentences");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            CheckLine(root, $"noTakeReview[{i}]", lines[i], Template.OfNoTake, banned, Template.MaxLineLength);
        }

        var shortest = lines.Sum(Template.FixedLength) + lines.Count - 1;
        return shortest >= ReviewLimits.MinBodyLength
            ? lines
            : throw root.Error("noTakeReview", $"the shortest review these lines can produce is {shortest} characters; lengthen them to reach {ReviewLimits.MinBodyLength}");
    }

    private static string Line(YamlMap map, string key, IReadOnlyCollection<string> allowed, IReadOnlyList<string> banned, int maxLength = Template.MaxLineLength)
    {
        var line = map.Text(key);
        CheckLine(map, key, line, allowed, banned, maxLength);
        return line;
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
