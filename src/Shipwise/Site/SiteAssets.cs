using System.Reflection;
using System.Security.Cryptography;

namespace Shipwise.Site;

/// <summary>
/// The stylesheet (and any other asset) is embedded in the assembly and served under a
/// content-hashed name, so browsers may keep it for a year and a deploy still reaches them.
/// </summary>
public sealed class SiteAssets
{
    private readonly Dictionary<string, (byte[] Bytes, string ContentType)> _byName = [];

    public SiteAssets()
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.Contains(".Site.Assets.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var file = resource[(resource.IndexOf(".Site.Assets.", StringComparison.Ordinal) + ".Site.Assets.".Length)..];
            var extension = Path.GetExtension(file);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..10];
            var hashed = $"{Path.GetFileNameWithoutExtension(file)}.{hash}{extension}";
            _byName[hashed] = (bytes, extension switch
            {
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                ".js" => "text/javascript; charset=utf-8",
                _ => "application/octet-stream",
            });
            Urls[file] = "/assets/" + hashed;
        }
    }

    /// <summary>Logical name (e.g. "site.css") to its hashed URL.</summary>
    public Dictionary<string, string> Urls { get; } = [];

    public string Url(string file) => Urls.TryGetValue(file, out var url) ? url : throw new KeyNotFoundException($"No embedded asset '{file}'");

    public static IResult Serve(string file, SiteAssets assets, HttpContext context)
    {
        if (!assets._byName.TryGetValue(file, out var asset))
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.Bytes(asset.Bytes, asset.ContentType);
    }
}
