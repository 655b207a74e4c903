using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Shipwise.Tests.Browser;

namespace Shipwise.Tests.Security;

/// <summary>
/// A throwaway nginx (Debian's, installed by scripts/test.sh) in front of a server: its own
/// configuration in a temp folder, one process (no master, no workers switching user), plain
/// HTTP and TLS (a self-signed certificate made here) on free loopback ports. It forwards the
/// client's address and scheme as a typical deployment does.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string PathVariable = "SHIPWISE_NGINX";

    private readonly Process _process;
    private readonly string _folder;
    private readonly StringBuilder _log = new();

    private NginxProxy(Process process, string folder, Uri http, Uri https, X509Certificate2 certificate)
    {
        _process = process;
        _folder = folder;
        Http = http;
        Https = https;
        Certificate = certificate;
    }

    public Uri Http { get; }

    public Uri Https { get; }

    public X509Certificate2 Certificate { get; }

    public static async Task<NginxProxy> StartAsync(Uri upstream)
    {
        var nginx = ExternalTools.Require(PathVariable, "nginx");
        var folder = Directory.CreateTempSubdirectory("shipwise-nginx").FullName;
        var certificate = WriteCertificate(folder);
        int httpPort = FreePort(), httpsPort = FreePort();
        var config = $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                server {
                    listen 127.0.0.1:{{httpPort}};
                    listen 127.0.0.1:{{httpsPort}} ssl;
                    ssl_certificate {{folder}}/cert.pem;
                    ssl_certificate_key {{folder}}/key.pem;
                    location / {
                        proxy_pass {{upstream.ToString().TrimEnd('/')}};
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                }
            }
            """;
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), config);

        var start = new ProcessStartInfo(nginx) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log") })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var proxy = new NginxProxy(process, folder, new Uri($"http://127.0.0.1:{httpPort}"), new Uri($"https://127.0.0.1:{httpsPort}"), certificate);
        process.OutputDataReceived += (_, e) => proxy.Append(e.Data);
        process.ErrorDataReceived += (_, e) => proxy.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await AcceptsAsync(httpPort) || !await AcceptsAsync(httpsPort))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : "";
                await proxy.DisposeAsync();
                throw new InvalidOperationException($"nginx did not start:\n{proxy.Output}\n{log}");
            }

            await Task.Delay(50);
        }

        return proxy;
    }

    public string Output
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// A client whose connections come from <paramref name="from"/> (any 127.x.y.z is a loopback
    /// address on Linux), trusting this proxy's certificate only; no redirects followed.
    /// </summary>
    public HttpClient Client(Uri baseAddress, IPAddress from, CookieContainer cookies) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = cookies,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == Certificate.Thumbprint,
        },
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Certificate.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static X509Certificate2 WriteCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=shipwise.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
