using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shipwise.Accounts;
using Shipwise.Catalog;
using Shipwise.Data;
using Shipwise.Hosting;
using Shipwise.Tests.Infrastructure;

namespace Shipwise.Tests.Community;

/// <summary>`shipwise serve` as a real child process on a loopback port, which a test can kill -9.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(TestDatabase database, Dictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var settings = new Dictionary<string, string>
        {
            ["Startup__Migrate"] = "true",
            ["Panel__CriticsPath"] = RepoPaths.CriticsFolder,
            ["Catalog__DemoCatalogPath"] = RepoPaths.FixtureCatalog,
            ["Panel__ReviewInBackground"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in environment)
        {
            settings[key] = value;
        }

        var start = ShipwiseProcess.StartInfo(database, settings, ["serve", "--urls", address.ToString().TrimEnd('/')]);

        var process = Process.Start(start)!;
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"shipwise serve exited with {process.ExitCode}:\n{server.Output}");
            }

            try
            {
                if ((await client.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"shipwise serve was not healthy within 2 minutes:\n{server.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The app's services without a web server, on the database a server process uses: migrates,
/// loads the demo catalog and signs readers in (see <see cref="TestReaders"/>). The Data
/// Protection key ring lives in that database, so the cookies it issues are the server's own.
/// </summary>
public static class ReaderHost
{
    public static async Task<IHost> StartAsync(TestDatabase database)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = database.Settings();
        settings["Panel:CriticsPath"] = RepoPaths.CriticsFolder;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddShipwise();
        builder.AddAccounts();
        var host = builder.Build();
        await host.Services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<CatalogImporter>().ImportFileAsync(RepoPaths.FixtureCatalog, cancellationToken: TestContext.Current.CancellationToken);
        return host;
    }

    public static async Task<IReadOnlyDictionary<string, long>> ToolIdsAsync(IServiceProvider services)
    {
        await using var connection = await services.GetRequiredService<Db>().OpenAsync(TestContext.Current.CancellationToken);
        return (await connection.QueryAsync<(string Slug, long Id)>("SELECT slug, id FROM tools")).ToDictionary(t => t.Slug, t => t.Id);
    }
}
