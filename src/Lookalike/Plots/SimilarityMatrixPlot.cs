using ScottPlot;

namespace Lookalike.Plots;

/// <summary>
/// A cosine similarity matrix as a heatmap (row i, column j = cosine of image i and image j; the first
/// image at the top left), with the images' thumbnails above the columns and left of the rows, names on
/// the axes, and the value in each cell while cells are large enough to read.
/// </summary>
public static class SimilarityMatrixPlot
{
    private const int MaxCellText = 16;

    public static Plot Create(string title, IReadOnlyList<string> paths, double[,] cosine, int thumbnailSize = 96)
    {
        var n = paths.Count;
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(cosine);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        // Position spans the cell centres, so the cells cover [0, n] on both axes.
        heatmap.Position = new CoordinateRect(0.5, n - 0.5, 0.5, n - 0.5);
        // Colours run from the lowest cosine to 1: embeddings of unrelated images often sit above 0.8,
        // and a 0..1 scale would paint them all one colour.
        var low = Math.Min(Min(cosine), 0.999);
        heatmap.ManualRange = new ScottPlot.Range(low, 1);
        plot.Add.ColorBar(heatmap).Label = "cosine similarity";
        if (n <= MaxCellText)
            for (var r = 0; r < n; r++)
                for (var c = 0; c < n; c++)
                {
                    var text = plot.Add.Text($"{cosine[r, c]:0.00}", c + 0.5, n - r - 0.5);
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontColor = (cosine[r, c] - low) / (1 - low) > 0.6 ? Colors.Black : Colors.White;
                    text.LabelFontSize = 11;
                }
        if (thumbnailSize > 0)
            for (var i = 0; i < n; i++)
            {
                using var thumbnail = Thumbnails.Load(paths[i], thumbnailSize);
                if (thumbnail is null) continue;
                var image = new Image(Thumbnails.Png(thumbnail));
                plot.Add.ImageRect(image, Fit(thumbnail, i + 0.05, i + 0.95, n + 0.05, n + 0.95));          // above column i
                plot.Add.ImageRect(image, Fit(thumbnail, -0.95, -0.05, n - i - 0.95, n - i - 0.05));       // left of row i
            }
        var positions = Enumerable.Range(0, n).Select(i => i + 0.5).ToArray();
        var names = paths.Select(p => Shorten(Path.GetFileName(p))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.Select(p => n - p).ToArray(), names);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 120;
        plot.Axes.SetLimits(thumbnailSize > 0 ? -1 : 0, n, 0, thumbnailSize > 0 ? n + 1 : n);
        plot.Grid.IsVisible = false;
        plot.Title(title);
        return plot;
    }

    private static CoordinateRect Fit(SkiaSharp.SKImage image, double left, double right, double bottom, double top)
    {
        var aspect = image.Width / (double)image.Height;
        var (cx, cy, w, h) = ((left + right) / 2, (bottom + top) / 2, right - left, top - bottom);
        if (aspect >= 1) h /= aspect;
        else w *= aspect;
        return new CoordinateRect(cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2);
    }

    private static double Min(double[,] values)
    {
        var min = double.PositiveInfinity;
        foreach (var v in values) min = Math.Min(min, v);
        return min;
    }

    private static string Shorten(string name) => name.Length > 24 ? name[..23] + "…" : name;
}
