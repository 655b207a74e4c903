using System.Reflection;
using SkiaSharp;

namespace Shipwise.Site.Identity;

/// <summary>What a tool's share image shows.</summary>
/// <param name="Verdict">"Ship", "Skip" or "No verdict yet".</param>
/// <param name="ShipPercent">The one headline number, as on the tool page; null before any critic took a side.</param>
public sealed record ShareCard(string Slug, string Name, string Vendor, string Tagline, string Verdict, int? ShipPercent, int Critics);

/// <summary>
/// PNGs drawn on the server with SkiaSharp (decision 0017): the per-tool share image (1200×630, what
/// link previews show) and the PNG favicons. Text is set in the DejaVu Sans Bold the assembly
/// carries, so the image is the same on every machine and needs no system fonts.
/// </summary>
public static class ShareImage
{
    public const int Width = 1200;
    public const int Height = 630;

    private static readonly Lazy<SKTypeface> _bold = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(
            Assembly.GetExecutingAssembly().GetManifestResourceNames().Single(n => n.EndsWith("DejaVuSans-Bold.ttf", StringComparison.Ordinal)))!;
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("The embedded DejaVu Sans Bold font could not be read.");
    });

    private static readonly SKColor _ink = SKColor.Parse("#1b1d22");
    private static readonly SKColor _soft = SKColor.Parse("#4a4f5a");
    private static readonly SKColor _violet = SKColor.Parse(BrandMark.Violet);
    private static readonly SKColor _ship = SKColor.Parse("#17683a");
    private static readonly SKColor _skip = SKColor.Parse("#a3261b");
    private static readonly SKColor _none = SKColor.Parse("#5b606b");

    public static byte[] Render(ShareCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var fill = new SKPaint { IsAntialias = true };

        // A violet band on the left, the mark and the site's name.
        fill.Color = _violet;
        canvas.DrawRect(0, 0, 24, Height, fill);
        DrawMark(canvas, 72, 56, 64);
        using var brand = new SKFont(_bold.Value, 34);
        fill.Color = _ink;
        canvas.DrawText("Shipwise", 152, 100, SKTextAlign.Left, brand, fill);

        // The tool: avatar, name (shrunk to fit, then cut), vendor.
        var (r, g, b) = ToolAvatar.Rgb(card.Slug);
        fill.Color = new SKColor(r, g, b);
        canvas.DrawRoundRect(new SKRect(72, 170, 72 + 120, 170 + 120), 26, 26, fill);
        using var initials = new SKFont(_bold.Value, 50);
        fill.Color = SKColors.White;
        canvas.DrawText(ToolAvatar.Initials(card.Name), 72 + 60, 170 + 78, SKTextAlign.Center, initials, fill);

        var nameSize = 72f;
        using var nameFont = new SKFont(_bold.Value, nameSize);
        while (nameFont.MeasureText(card.Name) > 900 && nameFont.Size > 44)
        {
            nameFont.Size -= 4;
        }

        fill.Color = _ink;
        canvas.DrawText(Fit(card.Name, nameFont, 920), 224, 236, SKTextAlign.Left, nameFont, fill);
        using var small = new SKFont(_bold.Value, 28);
        fill.Color = _soft;
        canvas.DrawText(Fit($"by {card.Vendor}", small, 920), 226, 284, SKTextAlign.Left, small, fill);

        // The verdict: a pill and the one headline number.
        var colour = card.Verdict switch { "Ship" => _ship, "Skip" => _skip, _ => _none };
        using var pillFont = new SKFont(_bold.Value, 44);
        var pillWidth = pillFont.MeasureText(card.Verdict) + 56;
        fill.Color = colour;
        canvas.DrawRoundRect(new SKRect(72, 352, 72 + pillWidth, 352 + 76), 38, 38, fill);
        fill.Color = SKColors.White;
        canvas.DrawText(card.Verdict, 72 + 28, 352 + 54, SKTextAlign.Left, pillFont, fill);
        if (card.ShipPercent is { } percent)
        {
            using var big = new SKFont(_bold.Value, 76);
            var x = 72 + pillWidth + 32;
            fill.Color = _ink;
            var text = $"{percent}%";
            canvas.DrawText(text, x, 352 + 64, SKTextAlign.Left, big, fill);
            fill.Color = _soft;
            canvas.DrawText(Fit("of the critics who took a side ship it", small, Width - 72 - (x + big.MeasureText(text) + 20)), x + big.MeasureText(text) + 20, 352 + 52, SKTextAlign.Left, small, fill);
        }

        // The tagline, two lines at most, and what the verdict rests on.
        using var body = new SKFont(_bold.Value, 30);
        fill.Color = _ink;
        var y = 500f;
        foreach (var line in Wrap(card.Tagline, body, Width - 144, 2))
        {
            canvas.DrawText(line, 72, y, SKTextAlign.Left, body, fill);
            y += 42;
        }

        fill.Color = _soft;
        canvas.DrawText($"{card.Critics} AI critics · sourced facts · shipwise", 72, Height - 36, SKTextAlign.Left, small, fill);

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The brand mark as a square PNG (favicons and touch icons).</summary>
    public static byte[] RenderMark(int size)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.Transparent);
        DrawMark(surface.Canvas, 0, 0, size);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void DrawMark(SKCanvas canvas, float x, float y, float size)
    {
        canvas.Save();
        canvas.Translate(x, y);
        canvas.Scale(size / 32f);
        using var paint = new SKPaint { IsAntialias = true, Color = _violet };
        canvas.DrawRoundRect(new SKRect(0, 0, 32, 32), 7, 7, paint);
        paint.Color = SKColors.White;
        paint.Style = SKPaintStyle.Stroke;
        paint.StrokeCap = SKStrokeCap.Round;
        paint.StrokeJoin = SKStrokeJoin.Round;
        paint.StrokeWidth = 3.2f;
        using (var bow = SKPath.ParseSvgPathData(BrandMark.BowPath))
        {
            canvas.DrawPath(bow, paint);
        }

        paint.StrokeWidth = 2.4f;
        using (var water = SKPath.ParseSvgPathData(BrandMark.WaterPath))
        {
            canvas.DrawPath(water, paint);
        }

        canvas.Restore();
    }

    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        var cut = text;
        while (cut.Length > 1 && font.MeasureText(cut + "…") > width)
        {
            cut = cut[..^1];
        }

        return cut.TrimEnd() + "…";
    }

    private static List<string> Wrap(string text, SKFont font, float width, int maxLines)
    {
        var lines = new List<string>();
        var line = "";
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var candidate = line.Length == 0 ? words[i] : $"{line} {words[i]}";
            if (font.MeasureText(candidate) <= width || line.Length == 0)
            {
                line = candidate;
                continue;
            }

            if (lines.Count == maxLines - 1)
            {
                lines.Add(Fit(string.Join(' ', words[i..].Prepend(line)), font, width));
                return lines;
            }

            lines.Add(line);
            line = words[i];
        }

        if (line.Length > 0)
        {
            lines.Add(Fit(line, font, width));
        }

        return lines;
    }
}
