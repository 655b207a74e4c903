using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using Shipwise.Catalog;

namespace Shipwise.Sources;

/// <summary>A source's bytes, where they came from, and what the source says about their date.</summary>
/// <param name="Location">The URL as requested, or the file's full path.</param>
/// <param name="LastModified">The Last-Modified header or the file's write time, when known.</param>
public sealed record SourceDocument(string Location, bool IsUrl, byte[] Content, DateOnly? LastModified)
{
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Content));
}

/// <summary>
/// Reads a source from a file or over HTTP. HTTP goes through one named client whose resilience
/// pipeline (docs/decisions/0011) sets the timeout and retries; the size cap is enforced here
/// while reading, so an oversized answer is refused before it is held whole. Every failure is a
/// <see cref="SourceException"/> that names the source and says what went wrong.
/// </summary>
public sealed class SourceFetcher(IHttpClientFactory http, IOptions<CatalogOptions> options)
{
    public const string HttpClientName = "catalog-sources";

    public static bool IsUrl(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public async Task<SourceDocument> ReadAsync(string source, string location, CancellationToken cancellationToken)
    {
        var cap = (long)options.Value.SourceMaxMegabytes * 1024 * 1024;
        return IsUrl(location)
            ? await GetAsync(source, new Uri(location), cap, cancellationToken)
            : await ReadFileAsync(source, location, cap, cancellationToken);
    }

    private static async Task<SourceDocument> ReadFileAsync(string source, string path, long cap, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new SourceException(source, $"{full} is a folder; give the data file itself.");
        }

        if (!File.Exists(full))
        {
            throw new SourceException(source, $"the file {full} does not exist.");
        }

        var info = new FileInfo(full);
        if (info.Length > cap)
        {
            throw new SourceException(source, $"the file {full} is {info.Length / 1024 / 1024} MB, over Catalog:SourceMaxMegabytes ({cap / 1024 / 1024} MB).");
        }

        var bytes = await File.ReadAllBytesAsync(full, cancellationToken);
        return new SourceDocument(full, false, bytes, DateOnly.FromDateTime(info.LastWriteTimeUtc));
    }

    private async Task<SourceDocument> GetAsync(string source, Uri url, long cap, CancellationToken cancellationToken)
    {
        var client = http.CreateClient(HttpClientName);
        var caller = cancellationToken;
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var what = response.StatusCode == HttpStatusCode.NotFound ? "not found" : response.ReasonPhrase ?? "an error";
                throw new SourceException(source, $"GET {url} answered {(int)response.StatusCode} ({what}).");
            }

            if (response.Content.Headers.ContentLength is { } length && length > cap)
            {
                throw new SourceException(source, $"GET {url} would send {length / 1024 / 1024} MB, over Catalog:SourceMaxMegabytes ({cap / 1024 / 1024} MB).");
            }

            // The pipeline's timeouts end when the headers arrive; the body gets the same total limit.
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            reading.CancelAfter(TimeSpan.FromSeconds(options.Value.SourceTimeoutSeconds));
            cancellationToken = reading.Token;
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > cap)
                {
                    throw new SourceException(source, $"GET {url} sent more than Catalog:SourceMaxMegabytes ({cap / 1024 / 1024} MB); the rest was not read.");
                }

                buffer.Write(chunk, 0, read);
            }

            var modified = response.Content.Headers.LastModified is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : (DateOnly?)null;
            return new SourceDocument(url.ToString(), true, buffer.ToArray(), modified);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new SourceException(source, $"GET {url} did not answer within Catalog:SourceTimeoutSeconds ({options.Value.SourceTimeoutSeconds} s).", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SourceException(source, $"GET {url} failed: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!caller.IsCancellationRequested)
        {
            throw new SourceException(source, $"GET {url} did not answer within Catalog:SourceTimeoutSeconds ({options.Value.SourceTimeoutSeconds} s).", ex);
        }
    }
}
