using System.Text;
using Shipwise.Core.Text;

namespace Shipwise.Security;

/// <summary>
/// Return addresses ("back to the page you were on"), checked and escaped in one place. Only a
/// path on this site passes (no scheme, no "//host", no backslash, no control character), so a
/// forged link cannot bounce a reader elsewhere; anything outside printable ASCII (é, a space) is
/// percent-encoded as UTF-8, because a Location header carries ASCII only and the server refused
/// to send one that did not (a 500 after the sign-in link was already used up).
/// </summary>
public static class LocalUrl
{
    public const int MaxLength = 2048;

    /// <summary>The address, escaped, when it is a path on this site; null otherwise.</summary>
    public static string? From(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/'
            || (url.Length > 1 && url[1] is '/' or '\\') || url.Contains('\\', StringComparison.Ordinal) || !SafeText.IsSafe(url))
        {
            return null;
        }

        var escaped = new StringBuilder(url.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                escaped.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped.Length <= MaxLength ? escaped.ToString() : null;
    }
}
