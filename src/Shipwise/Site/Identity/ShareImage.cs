using System.Reflection;
using SkiaSharp;

namespace Shipwise.Site.Identity;

/// <summary>What a tool's share image shows.</summary>
/// <param name="Verdict">"Ship", "Skip" or "No verdict yet".</param>
/// <param name="ShipPercent">The one headline number, as on the tool page; null before any critic took a side.</param>
public sealed record ShareCard(string Slug, string Name, string Vendor, string Tagline, string Verdict, int? ShipPercent, int Critics);

/// <summary>What a compare page's share image shows: the two tools in the page's order and its one-line verdict.</summary>
/// <param name="Verdict">The verdict banner's title: "Ship with …", "Too close to call", "Not alternatives", "Neither", "No verdict yet".</param>
/// <param name="PickSlug">The tool the verdict ships with; null when it names none.</param>
public sealed record PairShareCard(string LeftSlug, string LeftName, string RightSlug, string RightName, string Verdict, string? PickSlug, int Critics);

/// <summary>
/// PNGs drawn on the server with SkiaSharp (decision 0017): the share images of tool and compare
/// pages (1200×630, what link previews show) and the PNG favicons. Text is set in the DejaVu Sans
/// Bold the assembly carries, so an image is the same on every machine and needs no system fonts.
/// </summary>
public static class ShareImage
{
    public const int Width = 1200;
    public const int Height = 630;

    private const float Margin = 72;

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
        return Draw(card.Critics, (canvas, fill) =>
        {
            // The tool: avatar, name (shrunk to fit, then cut), vendor.
            DrawAvatar(canvas, fill, card.Slug, card.Name, Margin, 170, 120);
            using var nameFont = NameFont(card.Name, 72, 44, 900);
            fill.Color = _ink;
            canvas.DrawText(Fit(card.Name, nameFont, 920), 224, 236, SKTextAlign.Left, nameFont, fill);
            using var small = Font(28);
            fill.Color = _soft;
            canvas.DrawText(Fit($"by {card.Vendor}", small, 920), 226, 284, SKTextAlign.Left, small, fill);

            // The verdict: a pill and the one headline number.
            var colour = card.Verdict switch { "Ship" => _ship, "Skip" => _skip, _ => _none };
            var pillWidth = DrawPill(canvas, fill, card.Verdict, colour, Margin, 352, Width - 2 * Margin);
            if (card.ShipPercent is { } percent)
            {
                using var big = Font(76);
                var x = Margin + pillWidth + 32;
                fill.Color = _ink;
                var text = $"{percent}%";
                canvas.DrawText(text, x, 352 + 64, SKTextAlign.Left, big, fill);
                fill.Color = _soft;
                canvas.DrawText(Fit("of the critics who took a side ship it", small, Width - Margin - (x + big.MeasureText(text) + 20)), x + big.MeasureText(text) + 20, 352 + 52, SKTextAlign.Left, small, fill);
            }

            // The tagline, two lines at most.
            using var body = Font(30);
            fill.Color = _ink;
            var y = 500f;
            foreach (var line in Wrap(card.Tagline, body, Width - 2 * Margin, 2))
            {
                canvas.DrawText(line, Margin, y, SKTextAlign.Left, body, fill);
                y += 42;
            }
        });
    }

    public static byte[] RenderPair(PairShareCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Draw(card.Critics, (canvas, fill) =>
        {
            using var small = Font(28);
            fill.Color = _soft;
            canvas.DrawText("Which one should you ship with?", Margin, 168, SKTextAlign.Left, small, fill);

            // The two tools in the page's order, one a line so long names keep their room; the pick gets a green bar.
            foreach (var (slug, name, top) in new[] { (card.LeftSlug, card.LeftName, 194f), (card.RightSlug, card.RightName, 336f) })
            {
                if (slug == card.PickSlug)
                {
                    fill.Color = _ship;
                    canvas.DrawRoundRect(new SKRect(Margin - 28, top, Margin - 18, top + 96), 5, 5, fill);
                }

                DrawAvatar(canvas, fill, slug, name, Margin, top, 96);
                using var nameFont = NameFont(name, 60, 36, Width - Margin - 196);
                fill.Color = _ink;
                canvas.DrawText(Fit(name, nameFont, Width - Margin - 196), Margin + 124, top + 68, SKTextAlign.Left, nameFont, fill);
            }

            fill.Color = _soft;
            canvas.DrawText("vs", Margin + 48, 325, SKTextAlign.Center, small, fill);

            DrawPill(canvas, fill, card.Verdict, card.PickSlug is null ? _none : _ship, Margin, 464, Width - 2 * Margin);
        });
    }

    /// <summary>The frame every share image has (white, the violet band, the mark and the site's name, what the verdict rests on), around <paramref name="body"/>.</summary>
    private static byte[] Draw(int critics, Action<SKCanvas, SKPaint> body)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var fill = new SKPaint { IsAntialias = true };
        fill.Color = _violet;
        canvas.DrawRect(0, 0, 24, Height, fill);
        DrawMark(canvas, Margin, 56, 64);
        using var brand = Font(34);
        fill.Color = _ink;
        canvas.DrawText("Shipwise", 152, 100, SKTextAlign.Left, brand, fill);

        body(canvas, fill);

        using var small = Font(28);
        fill.Color = _soft;
        canvas.DrawText($"{critics} AI critics · sourced facts · shipwise", Margin, Height - 36, SKTextAlign.Left, small, fill);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static SKFont Font(float size) => new(_bold.Value, size);

    /// <summary>A font for a name: <paramref name="size"/>, shrunk in steps down to <paramref name="smallest"/> until the name fits.</summary>
    private static SKFont NameFont(string name, float size, float smallest, float width)
    {
        var font = Font(size);
        while (font.MeasureText(name) > width && font.Size > smallest)
        {
            font.Size -= 4;
        }

        return font;
    }

    /// <summary>The tool's generated avatar (<see cref="ToolAvatar"/>): its initials on its colour.</summary>
    private static void DrawAvatar(SKCanvas canvas, SKPaint fill, string slug, string name, float x, float y, float size)
    {
        var (r, g, b) = ToolAvatar.Rgb(slug);
        fill.Color = new SKColor(r, g, b);
        canvas.DrawRoundRect(new SKRect(x, y, x + size, y + size), size * 0.22f, size * 0.22f, fill);
        using var initials = Font(size * 5 / 12);
        fill.Color = SKColors.White;
        canvas.DrawText(ToolAvatar.Initials(name), x + size / 2, y + size * 0.65f, SKTextAlign.Center, initials, fill);
    }

    /// <summary>A verdict pill (white text on <paramref name="colour"/>), cut to <paramref name="maxWidth"/>; returns its width.</summary>
    private static float DrawPill(SKCanvas canvas, SKPaint fill, string text, SKColor colour, float x, float y, float maxWidth)
    {
        using var font = Font(44);
        var shown = Fit(text, font, maxWidth - 56);
        var width = font.MeasureText(shown) + 56;
        fill.Color = colour;
        canvas.DrawRoundRect(new SKRect(x, y, x + width, y + 76), 38, 38, fill);
        fill.Color = SKColors.White;
        canvas.DrawText(shown, x + 28, y + 54, SKTextAlign.Left, font, fill);
        return width;
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
