namespace Shipwise.Site.Charts;

/// <summary>
/// Estimates how wide a string renders, from Verdana's advance widths. Server-side SVG cannot
/// measure text, and Verdana is wider than the usual fallback fonts (DejaVu Sans aside), so an
/// estimate from it errs on the roomy side: a box sized by it does not clip its text.
/// </summary>
internal static class TextWidth
{
    // Verdana advance widths in font units (2048 per em) for printable ASCII, 0x20 to 0x7E.
    private static readonly short[] Ascii =
    [
        720, 809, 941, 1672, 1302, 2217, 1485, 553, 909, 909, 1302, 1676, 745, 941, 745, 941, // space to /
        1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, // 0 to 9
        941, 941, 1676, 1676, 1676, 1118, 2048, // : to @
        1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 862, 921, 1423, 1145, 1728, // A to M
        1532, 1612, 1236, 1612, 1432, 1401, 1239, 1499, 1401, 2025, 1403, 1237, 1403, // N to Z
        909, 941, 909, 1676, 1302, 1302, // [ to `
        1229, 1276, 1067, 1276, 1220, 720, 1276, 1296, 562, 705, 1194, 562, 1992, // a to m
        1296, 1243, 1276, 1276, 874, 1067, 807, 1296, 1194, 1665, 1194, 1194, 1067, // n to z
        1302, 941, 1302, 1676, // { to ~
    ];

    private const double UnitsPerEm = 2048;

    // Anything outside ASCII: most Latin/Greek/Cyrillic letters are close to a digit's width;
    // CJK, emoji and other wide scripts take a full em.
    private const short NarrowDefault = 1302;
    private const short WideDefault = 2048;

    // Verdana's "…", reserved when a label has to be shortened.
    private const short EllipsisUnits = 1638;

    public static double Estimate(string text, double fontSize)
    {
        double units = 0;
        for (var i = 0; i < text.Length; i++)
        {
            units += Units(text, ref i);
        }

        return units * fontSize / UnitsPerEm;
    }

    /// <summary>The longest prefix (plus "…") that fits <paramref name="maxWidth"/>, or the text itself.</summary>
    public static string Fit(string text, double fontSize, double maxWidth)
    {
        if (Estimate(text, fontSize) <= maxWidth)
        {
            return text;
        }

        var budget = (maxWidth * UnitsPerEm / fontSize) - EllipsisUnits;
        double used = 0;
        var end = 0;
        for (var i = 0; i < text.Length; i++)
        {
            used += Units(text, ref i);
            if (used > budget)
            {
                break;
            }

            end = i + 1;
        }

        return string.Concat(text.AsSpan(0, end).TrimEnd(), "…");
    }

    // Advances past a surrogate pair so one emoji counts once and is never cut in half.
    private static short Units(string text, ref int i)
    {
        var c = text[i];
        if (c is >= ' ' and <= '~')
        {
            return Ascii[c - ' '];
        }

        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            i++;
            return WideDefault;
        }

        return c >= '\u2E80' ? WideDefault : NarrowDefault;
    }
}
