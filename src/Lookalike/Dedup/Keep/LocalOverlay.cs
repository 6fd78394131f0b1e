using Lookalike.Catalog;

namespace Lookalike.Dedup.Keep;

/// <summary>
/// Which of the files showing a group's central picture (<see cref="GroupCentre.IsCentral"/>) carries an overlay: a
/// watermark, a caption or a logo added to one region. Those files are aligned already (the same content rectangle,
/// within <see cref="GroupCentre.SamePicture"/> on the coarse grid), so each is compared cell by cell on the
/// <see cref="PictureSignature.FineCells"/> grid with the per-cell median of them all, which is the picture they share
/// as long as no overlay covers the same cells in half of them. A re-encode, a resize or a blur differs from the
/// median a little everywhere; an overlay differs strongly in a few cells and hardly anywhere else. Needs
/// <see cref="MinFiles"/> central files: of two, the median is their mean and both differ from it alike.
/// </summary>
public sealed class LocalOverlay
{
    /// <summary>Fewest central files for the median to be the shared picture.</summary>
    public const int MinFiles = 3;

    /// <summary>The median is taken over at most this many central files (the first by path).</summary>
    public const int MaxReferences = 32;

    /// <summary>How many cells must differ by <see cref="OverlayMeasure.Peak"/> or more: one or two odd cells are
    /// noise (an edge a resize moved), a watermark on a 160 px thumbnail covers a dozen or more.</summary>
    public const int PeakCells = 6;

    /// <summary>Levels (0..255, the largest channel) that <see cref="PeakCells"/> cells must differ by to carry an overlay.</summary>
    public const double MinPeak = 14;

    /// <summary>The peak must be this many times the file's difference at the 90th percentile of cells: an overlay
    /// stands out of the rest of the file, a blur or a re-encode does not.</summary>
    public const double PeakOverTypical = 4;

    /// <summary>Share of a file's strong differences that must lie in one window (see
    /// <see cref="OverlayMeasure.Concentration"/>): an overlay is one region, not differences scattered over the picture.</summary>
    public const double MinConcentration = 0.8;

    private readonly Dictionary<ImageRecord, OverlayMeasure> _measures;

    private LocalOverlay(Dictionary<ImageRecord, OverlayMeasure> measures) => _measures = measures;

    /// <summary>Measures every central file against their median; null when fewer than <see cref="MinFiles"/>.</summary>
    public static LocalOverlay? Find(IReadOnlyDictionary<ImageRecord, PictureSignature> central)
    {
        if (central.Count < MinFiles) return null;
        var references = central.OrderBy(c => c.Key.Path, StringComparer.Ordinal).Take(MaxReferences).Select(c => c.Value.Fine).ToList();
        var median = Median(references);
        return new LocalOverlay(central.ToDictionary(c => c.Key, c => OverlayMeasure.Of(c.Value.Fine, median)));
    }

    /// <summary>Whether the file was measured and carries an overlay.</summary>
    public bool Carries(ImageRecord file) => _measures.TryGetValue(file, out var m) && m.IsOverlay;

    /// <summary>The file's difference from the median; null when it was not measured (not central, no signature).</summary>
    public OverlayMeasure? Measure(ImageRecord file) => _measures.TryGetValue(file, out var m) ? m : null;

    private static float[] Median(List<float[]> grids)
    {
        var median = new float[grids[0].Length];
        var column = new float[grids.Count];
        for (int i = 0; i < median.Length; i++)
        {
            for (int g = 0; g < grids.Count; g++) column[g] = grids[g][i];
            Array.Sort(column);
            var half = column.Length / 2;
            median[i] = column.Length % 2 == 1 ? column[half] : (column[half - 1] + column[half]) / 2;
        }
        return median;
    }
}

/// <summary>How one file differs from the median of the central files, per cell of the fine grid (the largest of the
/// three channels, 0..255).</summary>
/// <param name="Peak">The difference that <see cref="LocalOverlay.PeakCells"/> cells reach.</param>
/// <param name="Typical">The difference at the 90th percentile of cells.</param>
/// <param name="Area">Share of the cells that differ by at least half the peak (where the overlay is).</param>
/// <param name="Concentration">Share of those cells' difference that lies inside the best window of a quarter by an
/// eighth of the grid's area (half the width by a quarter of the height, or the other way round): about all of it for
/// one overlay, little for differences along every edge of the picture (a resize, a shifted margin).</param>
public sealed record OverlayMeasure(double Peak, double Typical, double Area, double Concentration)
{
    /// <summary>A strong difference in a few cells, in one region, that stands out of the rest of the file.</summary>
    public bool IsOverlay => Peak >= LocalOverlay.MinPeak && Peak >= LocalOverlay.PeakOverTypical * Typical
        && Concentration >= LocalOverlay.MinConcentration;

    internal static OverlayMeasure Of(float[] grid, float[] median)
    {
        var cells = grid.Length / 3;
        var side = PictureSignature.FineCells;
        var difference = new float[cells];
        for (int c = 0; c < cells; c++)
        {
            float largest = 0;
            for (int k = 0; k < 3; k++) largest = Math.Max(largest, Math.Abs(grid[c * 3 + k] - median[c * 3 + k]));
            difference[c] = largest;
        }
        var sorted = (float[])difference.Clone();
        Array.Sort(sorted);
        var peak = sorted[cells - LocalOverlay.PeakCells];
        var typical = sorted[cells * 9 / 10];
        if (peak <= 0) return new OverlayMeasure(0, typical, 0, 0);

        // Summed-area table of the strong cells' differences, to find the window holding most of them.
        var sums = new double[(side + 1) * (side + 1)];
        var strong = 0;
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                var d = difference[y * side + x];
                var weight = d >= peak / 2 ? d : 0;
                if (weight > 0) strong++;
                sums[(y + 1) * (side + 1) + x + 1] = weight + sums[y * (side + 1) + x + 1] + sums[(y + 1) * (side + 1) + x] - sums[y * (side + 1) + x];
            }
        var total = sums[^1];
        var best = Math.Max(BestWindow(sums, side, side / 2, side / 4), BestWindow(sums, side, side / 4, side / 2));
        return new OverlayMeasure(peak, typical, (double)strong / cells, total <= 0 ? 0 : best / total);
    }

    private static double BestWindow(double[] sums, int side, int width, int height)
    {
        double best = 0;
        for (int y = 0; y + height <= side; y++)
            for (int x = 0; x + width <= side; x++)
            {
                var inside = sums[(y + height) * (side + 1) + x + width] - sums[y * (side + 1) + x + width]
                    - sums[(y + height) * (side + 1) + x] + sums[y * (side + 1) + x];
                best = Math.Max(best, inside);
            }
        return best;
    }
}
