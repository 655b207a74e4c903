using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Browser;

/// <summary>
/// Lighthouse 12 (tests/tools) on every page type, phone and desktop, in Debian's Chromium:
/// accessibility, best practices and SEO score 100. Pages that tell search engines not to
/// index them (search results, the embed card) lose only the crawlability audit, on purpose.
/// Performance is timing and lives in the benchmarks (bench/run-lighthouse.sh).
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class LighthouseTests(BrowserApp app)
{
    private const string Categories = "accessibility,best-practices,seo";

    [Fact]
    public async Task Every_page_type_scores_100_on_accessibility_best_practices_and_seo()
    {
        var script = RequireLighthouse();
        _ = ExternalTools.Require(ExternalTools.ChromiumVariable, "Chromium");

        // Pages answered with an error status (404, the compare form's 400) are not audited: Lighthouse
        // refuses them. Their HTML is checked by the axe and Nu tests.
        using var http = new HttpClient();
        var pages = new Dictionary<string, string>();
        foreach (var (name, path) in SitePages.All)
        {
            using var response = await http.GetAsync(app.BaseUrl + path, TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                pages[name] = path;
            }
        }

        Assert.Contains("compare", pages.Keys);
        Assert.Contains("tool", pages.Keys);
        var results = await RunAsync(script, app.BaseUrl, pages);
        Assert.Equal(pages.Count * 2, results.Count);

        var problems = new List<string>();
        foreach (var result in results)
        {
            var name = result.GetProperty("name").GetString()!;
            var where = $"{name} ({result.GetProperty("path").GetString()}, {result.GetProperty("formFactor").GetString()})";
            if (result.TryGetProperty("error", out var error))
            {
                problems.Add($"{where}: {error.GetString()}");
                continue;
            }

            var html = await http.GetStringAsync(app.BaseUrl + pages[name], TestContext.Current.CancellationToken);
            var noIndex = html.Contains("""<meta name="robots" content="noindex">""", StringComparison.Ordinal);
            foreach (var lost in result.GetProperty("lost").EnumerateArray())
            {
                var id = lost.GetProperty("id").GetString();
                if (noIndex && id == "is-crawlable")
                {
                    continue;
                }

                problems.Add($"{where}: {lost.GetProperty("category").GetString()} / {id} ({lost.GetProperty("title").GetString()} {lost.GetProperty("value").GetString()})");
            }
        }

        Assert.True(problems.Count == 0, "Lighthouse lost points:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Lighthouse_reports_a_page_that_breaks_the_rules()
    {
        // The harness itself must be able to fail: no language, title or description, an image without alt text.
        var script = RequireLighthouse();
        _ = ExternalTools.Require(ExternalTools.ChromiumVariable, "Chromium");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var serving = ServeBadPageAsync(listener, stop.Token);

        var results = await RunAsync(script, $"http://127.0.0.1:{port}", new Dictionary<string, string> { ["bad"] = "/" }, "mobile");
        stop.Cancel();
        await serving;

        var lost = Assert.Single(results).GetProperty("lost").EnumerateArray().Select(l => l.GetProperty("id").GetString()).ToList();
        Assert.Contains("image-alt", lost);
        Assert.Contains("html-has-lang", lost);
        Assert.Contains("document-title", lost);
        Assert.Contains("meta-description", lost);
    }

    private static string RequireLighthouse()
    {
        var tools = Environment.GetEnvironmentVariable("SHIPWISE_TEST_TOOLS");
        if (string.IsNullOrEmpty(tools) || !Directory.Exists(Path.Combine(tools, "node_modules", "lighthouse")))
        {
            ExternalTools.Missing("Lighthouse is not installed (SHIPWISE_TEST_TOOLS with tests/tools/node_modules/lighthouse, from npm ci).");
        }

        return Path.Combine(tools, "lighthouse-audit.mjs");
    }

    private static async Task<List<JsonElement>> RunAsync(string script, string baseUrl, IReadOnlyDictionary<string, string> pages, string formFactors = "mobile,desktop")
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Path.GetDirectoryName(script)! };
        foreach (var arg in new[] { script, baseUrl, JsonSerializer.Serialize(pages), Categories, formFactors })
        {
            start.ArgumentList.Add(arg);
        }

        // About 5 s a page on a quiet machine; CI shares two cores with the rest of the suite.
        var result = await ShipwiseProcess.RunAsync(start, TimeSpan.FromMinutes(20));
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 0, $"Lighthouse printed nothing (exit {result.ExitCode}): {result.Error}");
        return [.. lines.Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    private static async Task ServeBadPageAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes("""<!DOCTYPE html><html><head></head><body><img src="/x.png"><p>Nothing here.</p></body></html>""");
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                var stream = client.GetStream();
                var request = new byte[8192];
                _ = await stream.ReadAsync(request, cancellationToken);
                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head, cancellationToken);
                await stream.WriteAsync(body, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
