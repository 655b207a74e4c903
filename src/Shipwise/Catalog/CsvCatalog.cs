using System.Globalization;
using System.Text;
using System.Text.Json;
using Shipwise.Core.Catalog;

namespace Shipwise.Catalog;

/// <summary>
/// CSV carries the flat fields only. Importing a row updates those fields and keeps the
/// tool's sourced facts; a new tool starts with no facts.
/// </summary>
public static class CsvCatalog
{
    public static readonly string[] Header =
    [
        "slug", "name", "aliases", "vendor", "vendorUrl", "kind", "category", "tagline", "description",
        "bestFor", "homepage", "repository", "docs", "modelCard", "releaseDate",
    ];

    private const char ListSeparator = '|';

    public static void Write(TextWriter writer, IEnumerable<Tool> tools)
    {
        Csv.WriteRow(writer, Header);
        foreach (var t in tools)
        {
            string?[] fields =
            [
                t.Slug, t.Name, string.Join(ListSeparator, t.Aliases), t.Vendor.Name, t.Vendor.Url, t.Kind, t.Category, t.Tagline, t.Description,
                string.Join(ListSeparator, t.BestFor), t.Links.Homepage, t.Links.Repository, t.Links.Docs, t.Links.ModelCard,
                t.ReleaseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ];
            Csv.WriteRow(writer, fields);
        }
    }

    public static async Task<IReadOnlyList<ParsedTool>> ReadAsync(byte[] bytes, CatalogQueries catalog, CancellationToken cancellationToken)
    {
        var results = new List<ParsedTool>();
        List<Csv.Record> records;
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
            records = Csv.Read(reader).ToList();
        }
        catch (Csv.FormatException ex)
        {
            return [new ParsedTool(null, "csv", ex.Line, [new(ex.Line, "csv", ex.Message)], bytes.Length)];
        }

        if (records.Count == 0)
        {
            return [new ParsedTool(null, "row 1", 1, [new(1, "header", "the file is empty; the first row must name the columns")], bytes.Length)];
        }

        var header = records[0].Fields.ToArray();
        var missing = new[] { "slug", "name", "vendor", "kind", "category", "tagline" }.Where(c => !header.Contains(c)).ToList();
        var unknown = header.Where(h => !Header.Contains(h)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            var message = missing.Count > 0 ? $"missing required column(s): {string.Join(", ", missing)}" : $"unknown column(s): {string.Join(", ", unknown)}";
            return [new ParsedTool(null, "row 1", 1, [new(1, "header", $"{message}; the columns are: {string.Join(",", Header)}")], bytes.Length)];
        }

        var row = 1;
        foreach (var csvRecord in records.Skip(1))
        {
            row++;
            var line = csvRecord.Line;
            var location = $"row {row}";
            var record = csvRecord.Fields;
            if (record.Count != header.Length)
            {
                results.Add(new ParsedTool(null, location, line, [new(line, location, $"has {record.Count} fields; the header has {header.Length}")], bytes.Length));
                continue;
            }

            string? Field(string name)
            {
                var index = Array.IndexOf(header, name);
                return index < 0 || record[index].Length == 0 ? null : record[index];
            }

            DateOnly? releaseDate = null;
            if (Field("releaseDate") is { } dateText)
            {
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    results.Add(new ParsedTool(null, location, line, [new(line, $"{location}.releaseDate", $"'{dateText}' is not a date in the form YYYY-MM-DD")], bytes.Length));
                    continue;
                }

                releaseDate = parsed;
            }

            var slug = Field("slug") ?? "";
            var existing = (await catalog.FindToolAsync(slug, cancellationToken))?.Tool;
            var tool = new Tool
            {
                Slug = slug,
                Name = Field("name") ?? "",
                Aliases = Split(Field("aliases")),
                Vendor = new Vendor { Name = Field("vendor") ?? "", Url = Field("vendorUrl") },
                Kind = Field("kind") ?? "",
                Category = Field("category") ?? "",
                Tagline = Field("tagline") ?? "",
                Description = Field("description") ?? "",
                BestFor = Split(Field("bestFor")),
                Links = new ToolLinks { Homepage = Field("homepage"), Repository = Field("repository"), Docs = Field("docs"), ModelCard = Field("modelCard") },
                ReleaseDate = releaseDate,
                Facts = existing?.Facts ?? new ToolFacts(),
            };
            results.Add(new ParsedTool(tool, location, line, [], bytes.Length));
        }

        return results;
    }

    private static IReadOnlyList<string> Split(string? list) =>
        list is null ? [] : list.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
