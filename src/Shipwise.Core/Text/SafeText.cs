using System.Buffers;
using System.Globalization;
using System.Text;

namespace Shipwise.Core.Text;

/// <summary>
/// The one rule for which characters a text Shipwise accepts may hold, whatever its way in
/// (catalog import, a form, a setting). Pages, the Atom feed, sitemaps, mail and JSON all carry
/// text that passed it, so one control character can never cut a feed off for every reader.
/// Refused: C0 controls (tab, CR and LF only where text may run over lines), DEL and the C1
/// controls, Unicode non-characters (U+FDD0–U+FDEF and every U+xxFFFE / U+xxFFFF, which XML
/// 1.0 forbids or discourages), and lone surrogates (not text at all).
/// </summary>
public static class SafeText
{
    /// <summary>The first character the rule refuses, as its code point and 0-based position; null when the text is fine.</summary>
    public static (int CodePoint, int Index)? FirstRefused(ReadOnlySpan<char> text, bool multiline)
    {
        var index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf16(text[index..], out var rune, out var consumed) != OperationStatus.Done)
            {
                // A high surrogate without its low half, or a low one on its own.
                return (text[index], index);
            }

            if (IsRefused(rune.Value, multiline))
            {
                return (rune.Value, index);
            }

            index += consumed;
        }

        return null;
    }

    public static bool IsSafe(string? text, bool multiline = false) => text is null || FirstRefused(text, multiline) is null;

    /// <summary>Why the text is refused, fit to follow a field name ("name holds …"); null when it is fine.</summary>
    public static string? Problem(string? text, bool multiline = false) =>
        text is not null && FirstRefused(text, multiline) is var (codePoint, index)
            ? $"holds {Describe(codePoint)} at character {index + 1}; remove it (pages, feeds and mail cannot carry it)"
            : null;

    private static bool IsRefused(int c, bool multiline) => c switch
    {
        '\t' or '\n' or '\r' => !multiline,
        < 0x20 => true,
        >= 0x7F and <= 0x9F => true,
        >= 0xFDD0 and <= 0xFDEF => true,
        _ => (c & 0xFFFE) == 0xFFFE,
    };

    private static string Describe(int c)
    {
        var code = "U+" + c.ToString("X4", CultureInfo.InvariantCulture);
        return c switch
        {
            < 0x20 or 0x7F => $"the control character {code}",
            >= 0x80 and <= 0x9F => $"the C1 control character {code}",
            >= 0xD800 and <= 0xDFFF => $"a lone surrogate ({code})",
            _ => $"the non-character {code}",
        };
    }
}
