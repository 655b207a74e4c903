using System.Text;
using Shipwise.Catalog;

namespace Shipwise.Tests.Catalog;

public class JsonCatalogReaderTests
{
    private static List<ParsedTool> Read(string json, int bufferSize) =>
        JsonCatalogReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), bufferSize).ToList();

    private static string Tool(int i) =>
        $$"""{"slug":"tool-{{i}}","name":"Tool {{i}}","vendor":{"name":"Acme"},"kind":"model","category":"language-models","tagline":"Tagline {{i}}"}""";

    [Theory]
    [InlineData(16)]
    [InlineData(100)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public void Reads_every_tool_whatever_the_buffer_size(int bufferSize)
    {
        var json = "{\n\"schemaVersion\": 1,\n\"tools\": [\n" + string.Join(",\n", Enumerable.Range(0, 300).Select(Tool)) + "\n]\n}";
        var parsed = Read(json, bufferSize);
        Assert.All(parsed, p => Assert.Empty(p.Problems));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"tool-{i}"), parsed.Select(p => p.Tool!.Slug));

        // Each tool starts on its own line: line 4 is the first.
        Assert.Equal(Enumerable.Range(4, 300).Cast<int?>(), parsed.Select(p => p.Line));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(1 << 20)]
    public void A_bad_element_is_located_and_the_rest_still_read(int bufferSize)
    {
        var json = "{\"schemaVersion\":1,\"tools\":[\n" + Tool(1) + ",\n{\"slug\":42},\n" + Tool(3) + "\n]}";
        var parsed = Read(json, bufferSize);
        Assert.Equal(3, parsed.Count);
        Assert.Null(parsed[1].Tool);
        Assert.Equal(3, parsed[1].Line);
        Assert.StartsWith("$.tools[1]", parsed[1].Problems[0].Location);
        Assert.Equal("tool-3", parsed[2].Tool!.Slug);
    }

    [Theory]
    [InlineData("{\"tools\":[]}", "$.schemaVersion")]
    [InlineData("{\"schemaVersion\":3,\"tools\":[]}", "$.schemaVersion")]
    [InlineData("{\"schemaVersion\":1}", "$.tools")]
    [InlineData("{\"schemaVersion\":1,\"tools\":[],\"extra\":true}", "$.extra")]
    [InlineData("[1,2]", "$")]
    [InlineData("{\"schemaVersion\":1,\"tools\":[", "$")]
    [InlineData("{\"schemaVersion\":1,\"tools\":[]}{\"schemaVersion\":1,\"tools\":[]}", "$")]
    [InlineData("{\"schemaVersion\":1,\"tools\":[]}\n,", "$")]
    [InlineData("{\"schemaVersion\":1,\"tools\":[]} x", "$")]
    public void Structural_problems_are_named(string json, string location)
    {
        var problems = Read(json, 64).SelectMany(p => p.Problems).ToList();
        Assert.Contains(problems, p => p.Location == location);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(1 << 20)]
    public void Data_after_the_catalog_object_is_an_error_with_its_line(int bufferSize)
    {
        var one = "{\"schemaVersion\":1,\"tools\":[\n" + Tool(1) + "\n]}";
        var parsed = Read(one + "\n" + one.Replace("tool-1", "tool-2") + "\n", bufferSize);
        var problem = Assert.Single(parsed.SelectMany(p => p.Problems));
        Assert.Equal("$", problem.Location);
        Assert.Equal(4, problem.Line);
        Assert.Contains("after the catalog", problem.Message);

        // Whitespace after the object is fine.
        Assert.All(Read(one + " \n\t\r\n", bufferSize), p => Assert.Empty(p.Problems));
    }
}
