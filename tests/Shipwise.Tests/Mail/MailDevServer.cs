using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipwise.Tests.Mail;

/// <summary>One message as maildev parsed it (its HTTP API, GET /email).</summary>
public sealed record MailDevMessage
{
    public string Id { get; init; } = "";

    public string Subject { get; init; } = "";

    /// <summary>Without angle brackets.</summary>
    public string? MessageId { get; init; }

    public string? Text { get; init; }

    public string? Html { get; init; }

    public IReadOnlyList<MailDevAddress> From { get; init; } = [];

    public IReadOnlyList<MailDevAddress> To { get; init; } = [];

    /// <summary>Header names are lower case; structured ones maildev did not keep as text are left out.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The addresses of the SMTP envelope (RCPT TO), as the server took them.</summary>
    public IReadOnlyList<string> EnvelopeTo { get; init; } = [];

    /// <summary>
    /// The first envelope recipient (else the first To address), lower case. The envelope, because
    /// maildev's parser reads raw UTF-8 address headers (RFC 6532) as Latin-1; RCPT TO it decodes right.
    /// </summary>
    public string Recipient => (EnvelopeTo.Count > 0 ? EnvelopeTo[0] : To.Count == 0 ? "" : To[0].Address).ToLowerInvariant();

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

public sealed record MailDevAddress(string Address, string Name);

/// <summary>
/// A real SMTP server on loopback for tests: maildev 2.2.1 (npm), started on free ports and
/// stopped on dispose. Use it as a class fixture or create one with <see cref="StartAsync"/>.
/// When maildev is not installed the test touching it is skipped (locally), or fails (CI=true).
/// It is looked for at SHIPWISE_MAILDEV (the bin/maildev script), then tests/tools/node_modules.
/// </summary>
public sealed class MailDevServer : IAsyncLifetime
{
    public const string PathVariable = "SHIPWISE_MAILDEV";

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string[] _extraArguments;
    private Process? _process;
    private string? _mailFolder;
    private string? _script;
    private string? _unavailable;
    private int _smtpPort;
    private int _webPort;

    /// <summary>The SMTP port on 127.0.0.1 (skips the test when maildev is missing).</summary>
    public int SmtpPort => Available()._smtpPort;

    /// <summary>The HTTP API port on 127.0.0.1.</summary>
    public int WebPort => Available()._webPort;

    public MailDevServer()
        : this([])
    {
    }

    /// <param name="extraArguments">More maildev options, e.g. "--incoming-user", "u", "--incoming-pass", "p" to require AUTH.</param>
    public MailDevServer(IEnumerable<string> extraArguments) => _extraArguments = [.. extraArguments];

    public static async Task<MailDevServer> StartAsync(params string[] extraArguments)
    {
        var server = new MailDevServer(extraArguments);
        await server.InitializeAsync();
        _ = server.Available();
        return server;
    }

    /// <summary>
    /// The settings that point Shipwise at this server (Smtp:*), with quick retries so failure tests stay short.
    /// Pass to ShipwiseFactory/TestHost, or as environment variables with <see cref="Environment"/>.
    /// </summary>
    public Dictionary<string, string?> Settings(string from = "Shipwise <digest@shipwise.test>") => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:From"] = from,
        ["Smtp:Tls"] = "none",
        ["Smtp:RetryDelayMilliseconds"] = "50",
        ["Smtp:TimeoutSeconds"] = "10",
    };

    /// <summary><see cref="Settings"/> as environment variables for the `shipwise` process (Smtp__Host=…).</summary>
    public Dictionary<string, string> Environment(string from = "Shipwise <digest@shipwise.test>") =>
        Settings(from).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? "");

    /// <summary>
    /// Every message received so far. maildev lists a message a moment after it accepted it (it
    /// parses it first), so a test that just sent one waits with <see cref="WaitForMessagesAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<MailDevMessage>> MessagesAsync(CancellationToken cancellationToken = default)
    {
        var raw = await _http.GetFromJsonAsync<List<JsonElement>>(Url("/email"), _json, cancellationToken) ?? [];
        return raw.Select(Parse).ToList();
    }

    /// <summary>Polls until at least <paramref name="count"/> messages (matching <paramref name="where"/>) arrived; fails after <paramref name="timeout"/> (default 30 s).</summary>
    public async Task<IReadOnlyList<MailDevMessage>> WaitForMessagesAsync(
        int count, Func<MailDevMessage, bool>? where = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var messages = (await MessagesAsync(cancellationToken)).Where(where ?? (_ => true)).ToList();
            if (messages.Count >= count)
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"maildev received {messages.Count} matching messages, not {count}, within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds:0} s.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>The raw message as received (headers and MIME parts, before parsing).</summary>
    public Task<string> SourceAsync(string id, CancellationToken cancellationToken = default) =>
        _http.GetStringAsync(Url($"/email/{Uri.EscapeDataString(id)}/source"), cancellationToken);

    /// <summary>Deletes every message.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.DeleteAsync(Url("/email/all"), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask InitializeAsync()
    {
        var script = FindScript();
        if (script is null)
        {
            _unavailable = $"maildev is not installed (`npm ci` in tests/tools, or {PathVariable} pointing at node_modules/maildev/bin/maildev), so there is no SMTP server for this test.";
            if (Browser.ExternalTools.InCi)
            {
                Browser.ExternalTools.Missing(_unavailable);
            }

            return;
        }

        _script = script;
        _mailFolder = Path.Combine(Path.GetTempPath(), "shipwise-maildev", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(_mailFolder);
        for (var attempt = 1; ; attempt++)
        {
            (_smtpPort, _webPort) = (FreePort(), FreePort());
            var failure = await LaunchAsync();
            if (failure is null)
            {
                return;
            }

            // A free port can be taken between choosing it and maildev binding it; try other ports.
            if (attempt == 3)
            {
                throw new InvalidOperationException(failure);
            }
        }
    }

    /// <summary>Stops the server: connections to <see cref="SmtpPort"/> are refused until <see cref="RestartAsync"/>.</summary>
    public Task StopAsync() => StopProcessAsync();

    /// <summary>Starts the server again on the same ports; it reloads the messages received before.</summary>
    public async Task RestartAsync()
    {
        await StopProcessAsync();
        if (await LaunchAsync() is { } failure)
        {
            throw new InvalidOperationException(failure);
        }
    }

    /// <summary>Starts maildev on the chosen ports; returns why it did not come up, or null.</summary>
    private async Task<string?> LaunchAsync()
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            _script!, "--smtp", _smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--web", _webPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory", _mailFolder!, "--silent",
        })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in _extraArguments)
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for maildev.");
        var output = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, e) => Append(output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (await ReadyAsync())
        {
            return null;
        }

        await StopProcessAsync();
        return $"maildev did not start on 127.0.0.1:{_smtpPort} (SMTP) / {_webPort} (HTTP): {output}";
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        _http.Dispose();
        if (_mailFolder is not null)
        {
            try
            {
                Directory.Delete(_mailFolder, recursive: true);
            }
            catch (IOException)
            {
                // Left to the OS's temp cleanup.
            }
        }
    }

    private MailDevServer Available()
    {
        if (_unavailable is not null)
        {
            Browser.ExternalTools.Missing(_unavailable);
        }

        return this;
    }

    private static string? FindScript()
    {
        var configured = System.Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured
                : throw new InvalidOperationException($"{PathVariable} is '{configured}', which is not a file; point it at node_modules/maildev/bin/maildev.");
        }

        var installed = Path.Combine(RepoPaths.Root, "tests", "tools", "node_modules", "maildev", "bin", "maildev");
        return File.Exists(installed) ? installed : null;
    }

    private async Task<bool> ReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && _process is { HasExited: false })
        {
            try
            {
                using var smtp = new TcpClient();
                await smtp.ConnectAsync(IPAddress.Loopback, _smtpPort);
                using var response = await _http.GetAsync(Url("/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is SocketException or HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        return false;
    }

    private async Task StopProcessAsync()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _process = null;
    }

    private string Url(string path) => $"http://127.0.0.1:{WebPort}{path}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static MailDevMessage Parse(JsonElement e) => new()
    {
        Id = Text(e, "id") ?? "",
        Subject = Text(e, "subject") ?? "",
        MessageId = Text(e, "messageId"),
        Text = Text(e, "text"),
        Html = e.TryGetProperty("html", out var html) && html.ValueKind == JsonValueKind.String ? html.GetString() : null,
        From = Addresses(e, "from"),
        To = Addresses(e, "to"),
        EnvelopeTo = e.TryGetProperty("envelope", out var envelope) && envelope.ValueKind == JsonValueKind.Object
            ? Addresses(envelope, "to").Select(a => a.Address).ToList()
            : [],
        Headers = e.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object
            ? headers.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(h => h.Name.ToLowerInvariant(), h => h.Value.GetString()!)
            : new Dictionary<string, string>(),
    };

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<MailDevAddress> Addresses(JsonElement e, string name) =>
        e.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(a => new MailDevAddress(Text(a, "address") ?? "", Text(a, "name") ?? "")).ToList()
            : [];
}
