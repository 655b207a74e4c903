using System.Text;

namespace Shipwise.Site.Identity;

/// <summary>
/// A tool's avatar, generated rather than fetched: its initials on a colour derived from its slug,
/// so a tool keeps its colour everywhere and no vendor logo has to be licensed or downloaded.
/// </summary>
public static class ToolAvatar
{
    /// <summary>"Mistral Small 3.1" → "MS", "llama.cpp" → "LC", "SmolVLM2" → "SM" (first two letters when there is one word).</summary>
    public static string Initials(string name)
    {
        var words = name.Split([' ', '-', '_', '.', '/', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => char.IsLetterOrDigit(w[0])).ToList();
        if (words.Count == 0)
        {
            return "?";
        }

        var text = words.Count == 1 || !char.IsLetter(words[1][0])
            ? new string([.. words[0].Where(char.IsLetterOrDigit).Take(2)])
            : $"{words[0][0]}{words[1][0]}";
        return text.ToUpperInvariant();
    }

    /// <summary>A hue in degrees from the slug (FNV-1a), stable across processes and machines.</summary>
    public static int Hue(string slug)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(slug))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % 360);
    }

    /// <summary>Dark enough for white initials at 4.5:1 whatever the hue.</summary>
    public static string Fill(string slug) => $"hsl({Hue(slug)} 55% 30%)";

    public static (byte R, byte G, byte B) Rgb(string slug)
    {
        // HSL to RGB for s = 0.55, l = 0.30.
        const double s = 0.55, l = 0.30;
        var h = Hue(slug) / 360.0;
        var q = l < 0.5 ? l * (1 + s) : l + s - (l * s);
        var p = (2 * l) - q;
        static double Channel(double p, double q, double t)
        {
            t = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
            return t < 1 / 6.0 ? p + ((q - p) * 6 * t) : t < 0.5 ? q : t < 2 / 3.0 ? p + ((q - p) * ((2 / 3.0) - t) * 6) : p;
        }

        return ((byte)Math.Round(255 * Channel(p, q, h + (1 / 3.0))), (byte)Math.Round(255 * Channel(p, q, h)), (byte)Math.Round(255 * Channel(p, q, h - (1 / 3.0))));
    }

    /// <summary>The avatar as an inline SVG; decorative, since the tool's name is always written beside it. Output-encoded.</summary>
    public static string Svg(string slug, string name, int size)
    {
        var initials = System.Net.WebUtility.HtmlEncode(Initials(name));
        var fontSize = initials.Length > 1 ? 14 : 17;
        return $"""<svg class="tool-avatar" width="{size}" height="{size}" viewBox="0 0 40 40" aria-hidden="true" focusable="false"><rect width="40" height="40" rx="9" fill="{Fill(slug)}"/><text x="20" y="20" dy="0.35em" text-anchor="middle" font-family="system-ui, sans-serif" font-weight="700" font-size="{fontSize}" fill="#ffffff">{initials}</text></svg>""";
    }
}
