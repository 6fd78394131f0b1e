using ScottPlot;

namespace Lookalike.Plots;

/// <summary>A 2-D projection of a collection: one coloured point per image (by group, with a legend), or the
/// images' thumbnails at their positions.</summary>
public static class MapPlot
{
    /// <param name="xy">Row-major coordinates, two per image.</param>
    /// <param name="groups">Each image's group name (cluster or class), in the order of <paramref name="paths"/>.</param>
    /// <param name="thumbnailSize">Draw thumbnails of this many pixels instead of points (0 = points).</param>
    public static Plot Create(string title, IReadOnlyList<string> paths, double[] xy, IReadOnlyList<string> groups, int thumbnailSize = 0)
    {
        var plot = new Plot();
        var names = groups.Distinct().Order(StringComparer.Ordinal).ToList();
        var (xMin, xMax) = Range(xy, 0);
        var (yMin, yMax) = Range(xy, 1);
        if (thumbnailSize > 0)
        {
            // Each thumbnail spans about 1/25 of the map's width: readable, and crowded only where the map is.
            var w = (xMax - xMin) / 25;
            var h = (yMax - yMin) / 25;
            for (var i = 0; i < paths.Count; i++)
            {
                using var thumbnail = Thumbnails.Load(paths[i], thumbnailSize);
                if (thumbnail is null) continue;
                var aspect = thumbnail.Width / (double)thumbnail.Height;
                var (hw, hh) = aspect >= 1 ? (w / 2, h / 2 / aspect) : (w / 2 * aspect, h / 2);
                plot.Add.ImageRect(new Image(Thumbnails.Png(thumbnail)), new CoordinateRect(xy[2 * i] - hw, xy[2 * i] + hw, xy[2 * i + 1] - hh, xy[2 * i + 1] + hh));
            }
        }
        foreach (var (name, n) in names.Select((g, n) => (g, n)))
        {
            var members = Enumerable.Range(0, paths.Count).Where(i => groups[i] == name).ToList();
            var scatter = plot.Add.ScatterPoints(members.Select(i => xy[2 * i]).ToArray(), members.Select(i => xy[2 * i + 1]).ToArray(), Color.FromHex(Palette.Category(n)));
            scatter.MarkerSize = thumbnailSize > 0 ? 4 : 7;
            scatter.MarkerShape = n / Palette.Categories.Count % 2 == 0 ? MarkerShape.FilledCircle : MarkerShape.FilledSquare;
            scatter.LegendText = $"{name} ({members.Count})";
        }
        plot.Axes.SetLimits(xMin - (xMax - xMin) * 0.05, xMax + (xMax - xMin) * 0.05, yMin - (yMax - yMin) * 0.05, yMax + (yMax - yMin) * 0.05);
        plot.Title(title);
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static (double Min, double Max) Range(double[] xy, int axis)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = axis; i < xy.Length; i += 2) (min, max) = (Math.Min(min, xy[i]), Math.Max(max, xy[i]));
        if (double.IsInfinity(min)) return (0, 1);
        return max > min ? (min, max) : (min - 1, max + 1);
    }
}
