using SkiaSharp;

namespace Lookalike.Plots;

/// <summary>
/// A contact sheet: thumbnails of images tiled in a grid on white, each with its file name below,
/// under a title line, as PNG bytes. An unreadable image gets a grey tile so the count stays right.
/// </summary>
public static class ContactSheet
{
    public static byte[] Render(string title, IReadOnlyList<string> paths, int thumbnail = 128, int columns = 8, int maxImages = 64)
    {
        const int Pad = 8, Caption = 16, Header = 32;
        var shown = paths.Take(maxImages).ToList();
        var cols = Math.Max(1, Math.Min(columns, shown.Count));
        var rows = Math.Max(1, (shown.Count + cols - 1) / cols);
        var cell = thumbnail + Pad;
        using var surface = SKSurface.Create(new SKImageInfo(cols * cell + Pad, Header + rows * (cell + Caption) + Pad));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 16);
        using var small = new SKFont(SKTypeface.Default, 10);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grey = new SKPaint { Color = new SKColor(0xdd, 0xdd, 0xdd) };
        var heading = paths.Count > shown.Count ? $"{title} (first {shown.Count} of {paths.Count})" : title;
        canvas.DrawText(heading, Pad, 22, font, ink);
        for (var i = 0; i < shown.Count; i++)
        {
            var x = Pad + i % cols * cell;
            var y = Header + i / cols * (cell + Caption);
            using var image = Thumbnails.Load(shown[i], thumbnail);
            if (image is null) canvas.DrawRect(x, y, thumbnail, thumbnail, grey);
            else canvas.DrawImage(image, x + (thumbnail - image.Width) / 2f, y + (thumbnail - image.Height) / 2f);
            var name = Path.GetFileName(shown[i]);
            if (name.Length > 22) name = name[..21] + "…";
            canvas.DrawText(name, x, y + thumbnail + 12, small, ink);
        }
        using var snapshot = surface.Snapshot();
        return Thumbnails.Png(snapshot);
    }
}
