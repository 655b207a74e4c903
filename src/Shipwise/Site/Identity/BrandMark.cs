namespace Shipwise.Site.Identity;

/// <summary>
/// Shipwise's mark: a bow rising over a waterline in a rounded violet square ("ship it"), drawn
/// on a 32-unit grid. The same geometry feeds the inline SVG in the header, /favicon.svg and the
/// PNGs that <see cref="ShareImage"/> renders, so the mark never drifts between them.
/// </summary>
public static class BrandMark
{
    public const string Violet = "#4b2fc2";
    public const string Paper = "#ffffff";

    /// <summary>The bow: an upward chevron, stroked.</summary>
    public const string BowPath = "M8 19.5 L16 9.5 L24 19.5";

    /// <summary>The waterline.</summary>
    public const string WaterPath = "M7 24 H25";

    /// <summary>The mark as an SVG element; decorative (aria-hidden) because the brand name is always written beside it.</summary>
    public static string Svg(int size, string cssClass = "brand-mark") =>
        $"""<svg class="{cssClass}" width="{size}" height="{size}" viewBox="0 0 32 32" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="7" fill="{Violet}"/><path d="{BowPath}" fill="none" stroke="{Paper}" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/><path d="{WaterPath}" stroke="{Paper}" stroke-width="2.4" stroke-linecap="round"/></svg>""";

    /// <summary>/favicon.svg: a standalone document.</summary>
    public static string FaviconSvg() =>
        $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="{Violet}"/><path d="{BowPath}" fill="none" stroke="{Paper}" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/><path d="{WaterPath}" stroke="{Paper}" stroke-width="2.4" stroke-linecap="round"/></svg>""";
}
