using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Shipwise.Catalog;
using Shipwise.Panel;
using Shipwise.Tests.Browser;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Site;

/// <summary>
/// The demo site plus one tool whose every text field is an injection attempt, reviewed by
/// the panel, so its pages (tool, comparison, embed, search, category, home, feed) exist.
/// </summary>
public sealed class HostileToolSite : IAsyncLifetime
{
    public const string Slug = "hostile-tool";
    public const string Name = "<script>alert(1)</script>";

    // Every free-text field tries to break out of its element, attribute, comment or CDATA.
    private const string Catalog = """
        {"schemaVersion":1,"tools":[{
          "slug":"hostile-tool",
          "name":"<script>alert(1)</script>",
          "aliases":["\"><svg onload=alert(5)>"],
          "vendor":{"name":"Evil \"Corp\" <img src=x onerror=alert(2)> & co","url":"https://example.com/?a=1&b=%3Cx%3E"},
          "kind":"model","category":"language-models",
          "tagline":"Tagline with </p></main> & \"quotes\" 'apostrophes' <b>bold</b> ]]> --> <!--",
          "description":"<iframe src=javascript:alert(3)></iframe>",
          "bestFor":["<svg onload=alert(4)>","</li></ul><h1>injected</h1>"],
          "facts":{
            "license":{"value":"MIT","source":"https://example.com/licence?a=1&b=2","asOf":"2025-01-01","status":"verified","note":"</td></tr></table><script>alert(6)</script>"},
            "openWeights":{"value":true,"source":"https://example.com/","asOf":"2025-01-01","status":"verified"},
            "pricing":{"value":{"model":"open-source"},"source":"https://example.com/","asOf":"2025-01-01","status":"verified"},
            "benchmarks":[{"name":"<img src=x onerror=alert(7)>","score":42,"author":"vendor","source":"https://example.com/","asOf":"2025-01-01","status":"vendor-claim"}],
            "competitors":{"value":["smolvlm2"],"source":"https://example.com/","asOf":"2025-01-01","status":"unverified","note":"<u>note</u>"}
          }
        }]}
        """;

    private readonly SqliteApp _app = new();

    public HttpClient Client => _app.Client;

    public async ValueTask InitializeAsync()
    {
        await _app.InitializeAsync();
        var services = _app.Factory.Services;
        var jobs = services.GetRequiredService<ReviewJobStore>();
        var before = await jobs.CountAsync(null, CancellationToken.None);
        var result = await services.GetRequiredService<CatalogImporter>().ImportJsonAsync("hostile.json", Encoding.UTF8.GetBytes(Catalog));
        if (result.Inserted != 1)
        {
            throw new InvalidOperationException($"The hostile tool was not added: {result}");
        }

        // The worker picks the new tool up; wait for its seven reviews.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var counts = await jobs.CountAsync(null, CancellationToken.None);
            if (counts.Done + counts.Failed >= before.Done + before.Failed + 7 && counts.Pending + counts.Running == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The panel did not review the hostile tool: {counts}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>
/// Every page type, checked by the W3C Nu HTML checker (one java run for all of them), and
/// the feed, sitemaps and badges parsed as XML. Hostile catalog text must stay text.
/// </summary>
public sealed partial class HtmlValidationTests(HostileToolSite site) : IClassFixture<HostileToolSite>
{
    private static readonly (string Name, string Path, HttpStatusCode Status)[] _pages =
    [
        ("home", "/", HttpStatusCode.OK),
        ("tool", "/tools/smolvlm2", HttpStatusCode.OK),
        ("tool-runtime", "/tools/llama-cpp", HttpStatusCode.OK),
        ("tool-unconfirmed-name", "/tools/mistral-4b", HttpStatusCode.OK),
        ("compare", "/compare/mistral-small-3-1-vs-smolvlm2", HttpStatusCode.OK),
        ("compare-runtimes", "/compare/llama-cpp-vs-vllm", HttpStatusCode.OK),
        ("compare-form", "/compare", HttpStatusCode.OK),
        ("compare-form-prefilled", "/compare?a=smolvlm2", HttpStatusCode.OK),
        ("compare-form-error", "/compare?a=smolvlm&b=no-such-tool", HttpStatusCode.BadRequest),
        ("compare-form-question", "/compare?a=mistral&b=llama", HttpStatusCode.OK),
        ("critics", "/critics", HttpStatusCode.OK),
        ("critic", "/critics/builder", HttpStatusCode.OK),
        ("critic-category", "/critics/counsel?category=language-models", HttpStatusCode.OK),
        ("categories", "/categories", HttpStatusCode.OK),
        ("category", "/categories/language-models", HttpStatusCode.OK),
        ("search", "/search?q=mistal+small", HttpStatusCode.OK),
        ("search-empty", "/search?q=", HttpStatusCode.OK),
        ("search-no-match", "/search?q=qqqqzzzz", HttpStatusCode.OK),
        ("about", "/about", HttpStatusCode.OK),
        ("not-found", "/no-such-page", HttpStatusCode.NotFound),
        ("not-found-tool", "/tools/no-such-tool", HttpStatusCode.NotFound),
        ("embed", "/embed/smolvlm2", HttpStatusCode.OK),
        ("hostile-tool", "/tools/" + HostileToolSite.Slug, HttpStatusCode.OK),
        ("hostile-compare", "/compare/hostile-tool-vs-smolvlm2", HttpStatusCode.OK),
        ("hostile-embed", "/embed/" + HostileToolSite.Slug, HttpStatusCode.OK),
        ("hostile-search", "/search?q=%3Cscript%3Ealert", HttpStatusCode.OK),
        ("hostile-critic-category", "/critics/skeptic?category=language-models", HttpStatusCode.OK),
    ];

    // A page the checker must reject, so a checker that silently checks nothing fails the test.
    private const string Control = """<!DOCTYPE html><html lang="en"><head><title>control</title></head><body><span><div>block in inline</div></span></body></html>""";

    [Fact]
    public async Task Every_page_type_is_valid_html()
    {
        var jar = ExternalTools.Require(ExternalTools.VnuJarVariable, "the Nu HTML checker");
        var java = ExternalTools.RequireJava();
        var folder = Directory.CreateTempSubdirectory("shipwise-vnu").FullName;
        try
        {
            var files = new Dictionary<string, string>();
            foreach (var (name, path, status) in _pages)
            {
                var response = await site.Client.GetAsync(path, TestContext.Current.CancellationToken);
                Assert.True(response.StatusCode == status, $"{path}: {(int)response.StatusCode}, expected {(int)status}");
                Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType);
                var file = Path.Combine(folder, name + ".html");
                await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
                files[file] = path;
            }

            var control = Path.Combine(folder, "control.html");
            await File.WriteAllTextAsync(control, Control, TestContext.Current.CancellationToken);

            var messages = await CheckAsync(java, jar, [.. files.Keys, control]);

            Assert.Contains(messages, m => m.File == control && m.Type == "error");
            var errors = messages.Where(m => m.File != control && m.Type is "error" or "non-document-error").ToList();
            Assert.True(errors.Count == 0, $"The Nu HTML checker found {errors.Count} error(s):\n" + string.Join("\n", errors.Select(e =>
                $"- {files.GetValueOrDefault(e.File, e.File)} line {e.Line}: {e.Message}\n    {e.Extract}")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_hostile_tool_name_is_shown_as_text_everywhere()
    {
        string[] attacks = ["<script>alert(", "<img src=x", "<svg onload", "<iframe", "</main> &", "<h1>injected", "<u>note", "\"><svg"];
        foreach (var path in new[] { "/tools/hostile-tool", "/compare/hostile-tool-vs-smolvlm2", "/embed/hostile-tool", "/search?q=script", "/categories/language-models", "/feed.atom", "/badge/hostile-tool.svg" })
        {
            var body = await site.Client.GetStringAsync(path, TestContext.Current.CancellationToken);
            foreach (var attack in attacks)
            {
                Assert.False(body.Contains(attack, StringComparison.OrdinalIgnoreCase), $"{path} contains the raw markup {attack}");
            }
        }

        var tool = await site.Client.GetStringAsync("/tools/hostile-tool", TestContext.Current.CancellationToken);
        Assert.Matches(@"<h1>\s*&lt;script&gt;alert\(1\)&lt;/script&gt;\s*</h1>", tool);

        // The JSON-LD block stays one valid JSON document naming the tool exactly.
        var jsonLd = JsonLd().Match(tool);
        Assert.True(jsonLd.Success, "the tool page has no JSON-LD block");
        using var document = JsonDocument.Parse(jsonLd.Groups[1].Value);
        Assert.Equal(HostileToolSite.Name, document.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_feed_sitemaps_and_badges_are_well_formed_xml()
    {
        XNamespace atom = "http://www.w3.org/2005/Atom";
        XNamespace sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";
        XNamespace svg = "http://www.w3.org/2000/svg";

        var feed = await XmlAsync("/feed.atom", "application/atom+xml");
        Assert.Equal(atom + "feed", feed.Root!.Name);
        Assert.NotEmpty(feed.Root.Elements(atom + "entry"));
        Assert.Contains(feed.Root.Elements(atom + "entry"), e => e.Element(atom + "title")!.Value.StartsWith(HostileToolSite.Name, StringComparison.Ordinal));

        var index = await XmlAsync("/sitemap.xml", "xml");
        Assert.Equal(sitemaps + "sitemapindex", index.Root!.Name);
        var locations = index.Root.Elements(sitemaps + "sitemap").Select(s => new Uri(s.Element(sitemaps + "loc")!.Value)).ToList();
        Assert.NotEmpty(locations);
        var urls = new List<string>();
        foreach (var location in locations)
        {
            var map = await XmlAsync(location.PathAndQuery, "xml");
            Assert.Equal(sitemaps + "urlset", map.Root!.Name);
            urls.AddRange(map.Root.Elements(sitemaps + "url").Select(u => new Uri(u.Element(sitemaps + "loc")!.Value).AbsolutePath));
        }

        Assert.Contains("/tools/smolvlm2", urls);
        Assert.Contains("/tools/" + HostileToolSite.Slug, urls);

        foreach (var slug in new[] { "smolvlm2", HostileToolSite.Slug })
        {
            var badge = await XmlAsync($"/badge/{slug}.svg", "image/svg+xml");
            Assert.Equal(svg + "svg", badge.Root!.Name);
            Assert.NotNull(badge.Root.Element(svg + "title"));
        }
    }

    private async Task<XDocument> XmlAsync(string path, string mediaType)
    {
        var response = await site.Client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        Assert.Contains(mediaType, response.Content.Headers.ContentType?.MediaType ?? "");
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        try
        {
            return XDocument.Parse(text);
        }
        catch (System.Xml.XmlException e)
        {
            Assert.Fail($"{path} is not well-formed XML: {e.Message}");
            throw;
        }
    }

    private sealed record CheckerMessage(string File, string Type, int Line, string Message, string Extract);

    private static async Task<List<CheckerMessage>> CheckAsync(string java, string jar, IEnumerable<string> files)
    {
        var start = new ProcessStartInfo(java);
        foreach (var arg in new[] { "-jar", jar, "--format", "json", "--stdout", "--exit-zero-always" }.Concat(files))
        {
            start.ArgumentList.Add(arg);
        }

        var result = await ShipwiseProcess.RunAsync(start, TimeSpan.FromMinutes(3));
        var json = result.Output;
        Assert.True(result.ExitCode == 0 && json.Length > 0, $"The Nu HTML checker failed (exit {result.ExitCode}): {result.Error}");

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("messages").EnumerateArray().Select(m => new CheckerMessage(
            m.TryGetProperty("url", out var url) ? Uri.UnescapeDataString(url.GetString()!.Replace("file:", "", StringComparison.Ordinal)) : "",
            m.GetProperty("type").GetString()!,
            m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0,
            m.GetProperty("message").GetString()!,
            m.TryGetProperty("extract", out var extract) ? extract.GetString()!.ReplaceLineEndings(" ") : ""))];
    }

    [GeneratedRegex("""<script type="application/ld\+json">(.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex JsonLd();
}
