using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shipwise.Core.Catalog;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Cli;

/// <summary>Import and export through the real `shipwise` executable, on a real database.</summary>
public abstract class ImportExportTests(string provider) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("shipwise-io").FullName;

    // The folder holds exported files and, in one test, a FIFO and device nodes: nothing is left in /tmp.
    public void Dispose()
    {
        Directory.Delete(_work, recursive: true);
        GC.SuppressFinalize(this);
    }

    private string WorkFile(string name) => Path.Combine(_work, name);

    private static string ToolsJson(params string[] tools) => $$"""{"schemaVersion":1,"tools":[{{string.Join(",", tools)}}]}""";

    private static string Tool(string slug, string category = "language-models", string extra = "") =>
        $$"""{"slug":"{{slug}}","name":"{{slug}} name","vendor":{"name":"Acme"},"kind":"model","category":"{{category}}","tagline":"Tagline of {{slug}}"{{extra}}}""";

    private async Task<string> ExportAsync(TestDatabase db, string name)
    {
        var file = WorkFile(name);
        var result = await ShipwiseProcess.RunAsync(db, "export", "--out", file);
        Assert.True(result.ExitCode == 0, result.Error);
        return await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Export_then_import_is_lossless()
    {
        await using var first = await TestDatabase.CreateMigratedAsync(provider);
        var imported = await ShipwiseProcess.RunAsync(first, "import", RepoPaths.FixtureCatalog);
        Assert.True(imported.ExitCode == 0, imported.Error);
        var exported = await ExportAsync(first, "first.json");

        await using var second = await TestDatabase.CreateMigratedAsync(provider);
        var reimported = await ShipwiseProcess.RunAsync(second, "import", WorkFile("first.json"));
        Assert.True(reimported.ExitCode == 0, reimported.Error);
        Assert.Equal(exported, await ExportAsync(second, "second.json"));

        // And nothing of the original file was lost on the way: same tools, same facts.
        static IEnumerable<string> Canonical(string json) =>
            JsonSerializer.Deserialize<CatalogDocument>(json, CatalogJson.Options)!.Tools
                .OrderBy(t => t.Slug, StringComparer.Ordinal)
                .Select(t => JsonSerializer.Serialize(t, CatalogJson.Options));
        Assert.Equal(
            TestCatalogs.Read(RepoPaths.FixtureCatalog).Tools.OrderBy(t => t.Slug, StringComparer.Ordinal).Select(t => JsonSerializer.Serialize(t, CatalogJson.Options)),
            Canonical(exported));
    }

    [Fact]
    public async Task The_demo_catalog_folder_with_its_groups_survives_export_then_import()
    {
        await using var first = await TestDatabase.CreateMigratedAsync(provider);
        var imported = await ShipwiseProcess.RunAsync(first, "import", RepoPaths.DemoCatalog);
        Assert.True(imported.ExitCode == 0, imported.Error);
        var exported = await ExportAsync(first, "demo-first.json");

        await using var second = await TestDatabase.CreateMigratedAsync(provider);
        var reimported = await ShipwiseProcess.RunAsync(second, "import", WorkFile("demo-first.json"));
        Assert.True(reimported.ExitCode == 0, reimported.Error);
        Assert.Equal(exported, await ExportAsync(second, "demo-second.json"));

        var original = TestCatalogs.Read(RepoPaths.DemoCatalog);
        var roundTrip = TestCatalogs.Read(WorkFile("demo-first.json"));
        Assert.Equal(
            original.Tools.OrderBy(t => t.Slug, StringComparer.Ordinal).Select(t => JsonSerializer.Serialize(t, CatalogJson.Options)),
            roundTrip.Tools.Select(t => JsonSerializer.Serialize(t, CatalogJson.Options)));
        Assert.Equal(
            original.Groups.OrderBy(g => g.Slug, StringComparer.Ordinal).Select(g => JsonSerializer.Serialize(g, CatalogJson.Options)),
            roundTrip.Groups.Select(g => JsonSerializer.Serialize(g, CatalogJson.Options)));
    }

    /// <summary>The rename the README documents: vllm becomes vllm-engine, keeping "vllm" as an alias; other tools still name "vllm".</summary>
    [Fact]
    public async Task After_a_rename_by_alias_export_then_import_into_an_empty_database_is_lossless()
    {
        await using var first = await TestDatabase.CreateMigratedAsync(provider);
        Assert.Equal(0, (await ShipwiseProcess.RunAsync(first, "import", RepoPaths.DemoCatalog)).ExitCode);
        var vllm = JsonSerializer.SerializeToNode(TestCatalogs.Read(RepoPaths.DemoCatalog).Tools.Single(t => t.Slug == "vllm"), CatalogJson.Options)!;
        vllm["slug"] = "vllm-engine";
        vllm["aliases"] = new JsonArray("vllm");
        await File.WriteAllTextAsync(WorkFile("rename.json"), $$"""{"schemaVersion":2,"tools":[{{vllm.ToJsonString()}}]}""", TestContext.Current.CancellationToken);
        var renamed = await ShipwiseProcess.RunAsync(first, "import", WorkFile("rename.json"));
        Assert.True(renamed.ExitCode == 0, renamed.Error);
        Assert.Contains("0 added, 1 updated", renamed.Output);

        var exported = await ExportAsync(first, "renamed.json");
        await using var second = await TestDatabase.CreateMigratedAsync(provider);
        var restored = await ShipwiseProcess.RunAsync(second, "import", WorkFile("renamed.json"));
        Assert.True(restored.ExitCode == 0, restored.Error);
        Assert.Equal(exported, await ExportAsync(second, "restored.json"));

        // The export names the tool by its slug wherever another tool refers to it.
        var tools = JsonNode.Parse(exported)!["tools"]!.AsArray();
        static IEnumerable<string> CompetitorsOf(JsonNode tool) =>
            tool["facts"]?["competitors"]?["value"]?.AsArray().Select(c => c!.GetValue<string>()) ?? [];
        Assert.DoesNotContain(tools, t => CompetitorsOf(t!).Contains("vllm"));
        Assert.Contains("vllm-engine", CompetitorsOf(tools.Single(t => (string?)t!["slug"] == "llama-cpp")!));
    }

    [Fact]
    public async Task A_competitor_may_be_named_by_an_alias_in_the_file_or_the_catalog_but_must_exist()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        const string source = "\"source\":\"https://example.com\",\"asOf\":\"2025-01-01\",\"status\":\"verified\"";
        string Competing(string slug, params string[] others) =>
            Tool(slug, extra: $$$""","facts":{"competitors":{"value":[{{{string.Join(",", others.Select(o => $"\"{o}\""))}}}],{{{source}}}}}""");
        await File.WriteAllTextAsync(WorkFile("aliases.json"), ToolsJson(
            Tool("tool-a", extra: ""","aliases":["tool-a-old"]"""),
            Competing("tool-b", "tool-a-old")), TestContext.Current.CancellationToken);
        var inFile = await ShipwiseProcess.RunAsync(db, "import", WorkFile("aliases.json"));
        Assert.True(inFile.ExitCode == 0, inFile.Error);

        await File.WriteAllTextAsync(WorkFile("later.json"), ToolsJson(Competing("tool-c", "tool-a-old", "tool-b")), TestContext.Current.CancellationToken);
        var inCatalog = await ShipwiseProcess.RunAsync(db, "import", WorkFile("later.json"));
        Assert.True(inCatalog.ExitCode == 0, inCatalog.Error);

        await File.WriteAllTextAsync(WorkFile("unknown.json"), ToolsJson(Competing("tool-d", "no-such-tool")), TestContext.Current.CancellationToken);
        var unknown = await ShipwiseProcess.RunAsync(db, "import", WorkFile("unknown.json"));
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("$.tools[0].facts.competitors: 'no-such-tool' is not a tool", unknown.Error);
    }

    [Fact]
    public async Task A_file_with_one_bad_row_changes_nothing_and_names_the_row_and_field()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        await File.WriteAllTextAsync(WorkFile("good.json"), ToolsJson(Tool("tool-a"), Tool("tool-b")), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await ShipwiseProcess.RunAsync(db, "import", WorkFile("good.json"))).ExitCode);
        var before = await ExportAsync(db, "before.json");

        // Three rows: an update, a new tool, and one row whose category is wrong.
        var bad = ToolsJson(
            Tool("tool-a", extra: ""","description":"changed" """),
            Tool("tool-c"),
            Tool("tool-d", category: "AI/ML Models"));
        await File.WriteAllTextAsync(WorkFile("bad.json"), bad, TestContext.Current.CancellationToken);
        var result = await ShipwiseProcess.RunAsync(db, "import", WorkFile("bad.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.json", result.Error);
        Assert.Contains("$.tools[2].category", result.Error);
        Assert.Contains("'AI/ML Models' is not a category", result.Error);
        Assert.Equal(before, await ExportAsync(db, "after.json"));
    }

    [Fact]
    public async Task A_bad_row_after_batches_were_written_changes_nothing()
    {
        // Batches of 1,000 are written while the next is read; a bad row in the third batch, and a
        // reference no tool answers at the end, must still leave the catalog exactly as it was.
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        await File.WriteAllTextAsync(WorkFile("good.json"), ToolsJson(Tool("tool-a")), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await ShipwiseProcess.RunAsync(db, "import", WorkFile("good.json"))).ExitCode);
        var before = await ExportAsync(db, "before.json");

        var many = Enumerable.Range(0, 2_600).Select(i => Tool($"bulk-{i:D4}", category: i == 2_400 ? "AI/ML Models" : "language-models")).ToArray();
        await File.WriteAllTextAsync(WorkFile("bulk.json"), ToolsJson(many), TestContext.Current.CancellationToken);
        var result = await ShipwiseProcess.RunAsync(db, "import", WorkFile("bulk.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("$.tools[2400].category", result.Error);
        Assert.Equal(before, await ExportAsync(db, "after-bad-row.json"));

        many[2_400] = Tool("bulk-2400", extra: ""","facts":{"competitors":{"value":["no-such-tool"],"source":"https://example.org","asOf":"2026-01-01","status":"verified"}}""");
        await File.WriteAllTextAsync(WorkFile("bulk.json"), ToolsJson(many), TestContext.Current.CancellationToken);
        result = await ShipwiseProcess.RunAsync(db, "import", WorkFile("bulk.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'no-such-tool' is not a tool", result.Error);
        Assert.Equal(before, await ExportAsync(db, "after-bad-reference.json"));

        many[2_400] = Tool("bulk-2400");
        await File.WriteAllTextAsync(WorkFile("bulk.json"), ToolsJson(many), TestContext.Current.CancellationToken);
        result = await ShipwiseProcess.RunAsync(db, "import", WorkFile("bulk.json"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("2600 added", result.Output.Replace(",", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_json_is_reported_with_its_line()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        await File.WriteAllTextAsync(WorkFile("broken.json"), "{\"schemaVersion\":1,\n\"tools\":[\n" + Tool("tool-a") + ",\n{\"slug\": }\n]}", TestContext.Current.CancellationToken);
        var result = await ShipwiseProcess.RunAsync(db, "import", WorkFile("broken.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("broken.json:4", result.Error);
        Assert.Contains("not valid JSON", result.Error);
    }

    [Fact]
    public async Task A_missing_required_field_and_a_misspelt_field_are_named()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        var file = ToolsJson(
            """{"slug":"no-name","vendor":{"name":"Acme"},"kind":"model","category":"language-models","tagline":"x"}""",
            Tool("typo", extra: ""","taglne":"oops" """));
        await File.WriteAllTextAsync(WorkFile("fields.json"), file, TestContext.Current.CancellationToken);
        var result = await ShipwiseProcess.RunAsync(db, "import", WorkFile("fields.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("$.tools[0]", result.Error);
        Assert.Contains("name", result.Error);
        Assert.Contains("$.tools[1]", result.Error);
        Assert.Contains("taglne", result.Error);
    }

    [Fact]
    public async Task A_slug_with_a_trailing_newline_is_refused()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        await File.WriteAllTextAsync(WorkFile("newline.json"), ToolsJson(Tool("nl-slug\\n")), TestContext.Current.CancellationToken);
        var result = await ShipwiseProcess.RunAsync(db, "import", WorkFile("newline.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("$.tools[0].slug", result.Error);
    }

    [Fact]
    public async Task Characters_a_feed_or_page_cannot_carry_are_refused_in_every_text_of_a_tool()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        const string source = "\"source\":\"https://example.com\",\"asOf\":\"2025-01-01\",\"status\":\"verified\"";
        var file = ToolsJson(
            Tool("tool-0", extra: ""","name":"Bad\u0001Name" """),
            Tool("tool-1", extra: ""","tagline":"Tagline\uFFFE" """),
            Tool("tool-2", extra: ""","description":"Two\nlines, then a C1 control\u0085" """),
            Tool("tool-3", extra: ""","aliases":["alias\u0007"]"""),
            Tool("tool-4", extra: ""","bestFor":["fine","bad\u001F"]"""),
            Tool("tool-5", extra: ""","facts":{"license":{"value":"MIT",""" + source + ""","note":"not a character: \uDBFF\uDFFF"}}"""),
            Tool("tool-6", extra: ""","facts":{"certifications":{"value":["SOC 2\u0000"],""" + source + "}}"),
            Tool("tool-7", extra: ""","vendor":{"name":"Acme\uFDD0"}"""));
        await File.WriteAllTextAsync(WorkFile("controls.json"), file, TestContext.Current.CancellationToken);
        var result = await ShipwiseProcess.RunAsync(db, "import", WorkFile("controls.json"));

        Assert.Equal(1, result.ExitCode);
        foreach (var path in new[]
        {
            "$.tools[0].name", "$.tools[1].tagline", "$.tools[2].description", "$.tools[3].aliases[0]", "$.tools[4].bestFor[1]",
            "$.tools[5].facts.license.note", "$.tools[6].facts.certifications.value[0]", "$.tools[7].vendor.name",
        })
        {
            Assert.Contains(path + ":", result.Error);
        }

        Assert.Contains("U+0001", result.Error);
        Assert.Contains("U+FFFE", result.Error);
        Assert.Contains("U+10FFFF", result.Error);
        Assert.Contains("[]", (await ExportAsync(db, "nothing.json")).Replace("\n", "").Replace(" ", ""));

        // Line breaks and tabs are text where text may run over lines.
        var multiline = ToolsJson(Tool("tool-8", extra: ""","description":"Line one\r\nline two\tand a tab" """));
        await File.WriteAllTextAsync(WorkFile("multiline.json"), multiline, TestContext.Current.CancellationToken);
        var good = await ShipwiseProcess.RunAsync(db, "import", WorkFile("multiline.json"));
        Assert.True(good.ExitCode == 0, good.Error);
    }

    [Fact]
    public async Task Data_after_the_catalog_object_is_refused_and_nothing_is_imported()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        await File.WriteAllTextAsync(WorkFile("two.json"), ToolsJson(Tool("tool-a")) + "\n" + ToolsJson(Tool("tool-b")), TestContext.Current.CancellationToken);
        var result = await ShipwiseProcess.RunAsync(db, "import", WorkFile("two.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("two.json:2", result.Error);
        Assert.Contains("after the catalog", result.Error);
        Assert.Contains("[]", (await ExportAsync(db, "nothing.json")).Replace("\n", "").Replace(" ", ""));
    }

    [Fact]
    public async Task Export_refuses_a_directory_or_a_missing_folder_with_a_message()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        var folder = Directory.CreateDirectory(WorkFile("a-folder")).FullName;
        var intoFolder = await ShipwiseProcess.RunAsync(db, "export", "--out", folder);
        Assert.Equal(1, intoFolder.ExitCode);
        Assert.Contains(folder, intoFolder.Error);
        Assert.Contains("is a directory", intoFolder.Error);
        Assert.True(Directory.Exists(folder));

        var missing = WorkFile(Path.Combine("no-such-folder", "catalog.json"));
        var intoNothing = await ShipwiseProcess.RunAsync(db, "export", "--out", missing);
        Assert.Equal(1, intoNothing.ExitCode);
        Assert.Contains("no-such-folder", intoNothing.Error);
        Assert.Contains("does not exist", intoNothing.Error);
    }

    [Fact]
    public async Task Export_writes_through_a_symlink_and_a_fifo_instead_of_replacing_them()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        await File.WriteAllTextAsync(WorkFile("one.json"), ToolsJson(Tool("tool-a")), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await ShipwiseProcess.RunAsync(db, "import", WorkFile("one.json"))).ExitCode);

        // A symlink stays a symlink; the file it points to gets the export.
        var real = WorkFile("real.json");
        await File.WriteAllTextAsync(real, "old", TestContext.Current.CancellationToken);
        var link = File.CreateSymbolicLink(WorkFile("link.json"), real);
        var viaLink = await ShipwiseProcess.RunAsync(db, "export", "--out", link.FullName);
        Assert.True(viaLink.ExitCode == 0, viaLink.Error);
        Assert.Equal(real, new FileInfo(link.FullName).LinkTarget);
        Assert.Contains("\"tool-a\"", await File.ReadAllTextAsync(real, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(_work, "*.partial"));

        // A FIFO is written to, as a shell's redirection would, and stays a FIFO.
        var fifo = WorkFile("pipe");
        Assert.Equal("", await RunToolAsync("mkfifo", fifo));
        var reader = StartTool("cat", fifo);
        var viaFifo = await ShipwiseProcess.RunWithEnvironmentAsync(db, [], TimeSpan.FromSeconds(60), "export", "--out", fifo);
        using var readDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await reader.WaitForExitAsync(readDeadline.Token);
        }
        catch (OperationCanceledException)
        {
            reader.Kill();
        }

        Assert.True(viaFifo.ExitCode == 0, viaFifo.Error);
        Assert.Contains("\"tool-a\"", await reader.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken));
        Assert.Equal("fifo\n", await RunToolAsync("stat", "-c", "%F", fifo));

        // Devices too (made here, never the machine's own /dev entries, which the old code replaced when run as root):
        // the null device takes the export; the full device's "no space" is a message and exit 1, and both stay devices.
        if (Environment.UserName == "root")
        {
            var nullDevice = WorkFile("null-device");
            var fullDevice = WorkFile("full-device");
            await RunToolAsync("mknod", nullDevice, "c", "1", "3");
            await RunToolAsync("mknod", fullDevice, "c", "1", "7");
            var toNull = await ShipwiseProcess.RunAsync(db, "export", "--out", nullDevice);
            Assert.True(toNull.ExitCode == 0, toNull.Error);
            var toFull = await ShipwiseProcess.RunAsync(db, "export", "--out", fullDevice);
            Assert.Equal(1, toFull.ExitCode);
            Assert.Contains("No space left on device", toFull.Error);
            Assert.Equal("character special file\n", await RunToolAsync("stat", "-c", "%F", nullDevice));
            Assert.Equal("character special file\n", await RunToolAsync("stat", "-c", "%F", fullDevice));
            Assert.Empty(Directory.GetFiles(_work, "*.partial"));
        }
    }

    private static Process StartTool(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static async Task<string> RunToolAsync(string file, params string[] args)
    {
        using var process = StartTool(file, args);
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{file} failed: {await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken)}");
        return output;
    }

    [Fact]
    public async Task Import_upserts_by_slug_or_alias()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        await File.WriteAllTextAsync(WorkFile("v1.json"), ToolsJson(Tool("old-slug")), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await ShipwiseProcess.RunAsync(db, "import", WorkFile("v1.json"))).ExitCode);

        // The tool is renamed; its old slug becomes an alias, and the import updates rather than duplicates.
        await File.WriteAllTextAsync(WorkFile("v2.json"), ToolsJson(Tool("new-slug", extra: ""","aliases":["old-slug"]""")), TestContext.Current.CancellationToken);
        var result = await ShipwiseProcess.RunAsync(db, "import", WorkFile("v2.json"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("0 added, 1 updated", result.Output);

        var exported = JsonNode.Parse(await ExportAsync(db, "renamed.json"))!["tools"]!.AsArray();
        Assert.Single(exported);
        Assert.Equal("new-slug", exported[0]!["slug"]!.GetValue<string>());

        // Importing the same file again changes nothing.
        var again = await ShipwiseProcess.RunAsync(db, "import", WorkFile("v2.json"));
        Assert.Contains("0 added, 0 updated, 1 unchanged", again.Output);
    }

    [Fact]
    public async Task Csv_updates_flat_fields_and_keeps_facts()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        var withFact = Tool("tool-a", extra: ""","facts":{"license":{"value":"MIT","source":"https://example.com/license","asOf":"2025-01-01","status":"verified"}}""");
        await File.WriteAllTextAsync(WorkFile("facts.json"), ToolsJson(withFact), TestContext.Current.CancellationToken);
        Assert.Equal(0, (await ShipwiseProcess.RunAsync(db, "import", WorkFile("facts.json"))).ExitCode);

        var csvFile = WorkFile("tools.csv");
        Assert.Equal(0, (await ShipwiseProcess.RunAsync(db, "export", "--out", csvFile)).ExitCode);
        var csv = await File.ReadAllTextAsync(csvFile, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(csvFile, csv.Replace("Tagline of tool-a", "\"A new, quoted tagline\""), TestContext.Current.CancellationToken);
        var result = await ShipwiseProcess.RunAsync(db, "import", csvFile);
        Assert.True(result.ExitCode == 0, result.Error);

        var tool = JsonNode.Parse(await ExportAsync(db, "after-csv.json"))!["tools"]![0]!;
        Assert.Equal("A new, quoted tagline", tool["tagline"]!.GetValue<string>());
        Assert.Equal("MIT", tool["facts"]!["license"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bad_csv_row_is_named_by_row_and_field()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        var csv = "slug,name,vendor,kind,category,tagline,releaseDate\n" +
                  "tool-a,Tool A,Acme,model,language-models,Fine,2025-01-01\n" +
                  "tool-b,Tool B,Acme,model,language-models,Fine,2025-13-45\n";
        await File.WriteAllTextAsync(WorkFile("bad.csv"), csv, TestContext.Current.CancellationToken);
        var result = await ShipwiseProcess.RunAsync(db, "import", WorkFile("bad.csv"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.csv:3: row 3.releaseDate", result.Error);
        Assert.Contains("[]", (await ExportAsync(db, "empty.json")).Replace("\n", "").Replace(" ", ""));
    }

    [Fact]
    public async Task Invalid_configuration_names_the_setting()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        var result = await ShipwiseProcess.RunWithEnvironmentAsync(db, new() { ["Database__Provider"] = "oracle" }, "migrate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Database:Provider", result.Error);
    }

    [Fact]
    public async Task Help_is_available_on_every_command()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(provider);
        foreach (var command in new[] { "serve", "migrate", "import", "export" })
        {
            var result = await ShipwiseProcess.RunAsync(db, command, "--help");
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Usage:", result.Output);
            Assert.Contains($"shipwise {command}", result.Output);
        }
    }
}

public sealed class SqliteImportExportTests() : ImportExportTests("sqlite");

public sealed class PostgresImportExportTests() : ImportExportTests("postgres");
