using Lookalike.Loading;

namespace Lookalike.Dedup.Keep;

/// <summary>
/// A picture's content (inside flat margins) as a coarse colour grid, so two files of one group can be compared pixel
/// for pixel whatever their size, border or quarter turn: every picture is resampled to the same <see cref="Cells"/> x
/// <see cref="Cells"/> grid, and a turned or mirrored copy is compared in the orientation that fits it best. The grid
/// is coarse on purpose: re-encoding, resizing and a light blur move it by a few levels, while an overlay, a colour
/// change, a crop or a rotation move it by tens (see <see cref="GroupCentre"/>, which uses it to find the original).
/// </summary>
public sealed class PictureSignature
{
    /// <summary>Grid side: 16 x 16 cells of the content, each the mean colour of its area.</summary>
    public const int Cells = 16;

    /// <summary>What a difference in orientation (a mirrored or quarter-turned copy) adds to the distance, in the grid's
    /// levels (0..255): a turn is an edit of its own, so a turned copy is never "the same picture" as the others.</summary>
    public const double TurnPenalty = 16;

    /// <summary>Side of the finer grid, 32 x 32 cells (5 pixels of a 160 px thumbnail each), on which
    /// <see cref="LocalOverlay"/> finds a watermark, a caption or a logo that the coarse grid averages away.</summary>
    public const int FineCells = 32;

    private readonly float[] _cells; // Cells x Cells x RGB, row by row, 0..255

    private PictureSignature(float[] cells, float[] fine) => (_cells, Fine) = (cells, fine);

    /// <summary>The content on the <see cref="FineCells"/> grid: FineCells x FineCells x RGB, row by row, 0..255.</summary>
    internal float[] Fine { get; }

    /// <summary>The grids of the content rectangle of <paramref name="image"/> (area-averaged).</summary>
    public static PictureSignature Of(RgbImage image, PixelRect content) => new(Grid(image, content, Cells), Grid(image, content, FineCells));

    private static float[] Grid(RgbImage image, PixelRect content, int side)
    {
        var sums = new double[side * side * 3];
        var counts = new int[side * side];
        var pixels = image.Pixels;
        for (int y = 0; y < content.Height; y++)
        {
            var cy = y * side / content.Height;
            for (int x = 0; x < content.Width; x++)
            {
                var cell = cy * side + x * side / content.Width;
                var i = ((content.Y + y) * image.Width + content.X + x) * 3;
                sums[cell * 3] += pixels[i];
                sums[cell * 3 + 1] += pixels[i + 1];
                sums[cell * 3 + 2] += pixels[i + 2];
                counts[cell]++;
            }
        }
        var cells = new float[sums.Length];
        // A content rectangle smaller than the grid (a tiny image) leaves cells empty: they take the nearest filled one's colour.
        for (int c = 0; c < counts.Length; c++)
        {
            var from = counts[c] > 0 ? c : NearestFilled(counts, c);
            for (int k = 0; k < 3; k++) cells[c * 3 + k] = from < 0 ? 0 : (float)(sums[from * 3 + k] / counts[from]);
        }
        return cells;
    }

    private static int NearestFilled(int[] counts, int cell)
    {
        for (int d = 1; d < counts.Length; d++)
        {
            if (cell - d >= 0 && counts[cell - d] > 0) return cell - d;
            if (cell + d < counts.Length && counts[cell + d] > 0) return cell + d;
        }
        return -1;
    }

    /// <summary>Root-mean-square colour difference (0..255) in the orientation that fits best, plus
    /// <see cref="TurnPenalty"/> (in quadrature) when that orientation is not the file's own.</summary>
    public double DistanceTo(PictureSignature other)
    {
        var upright = Rms(other, 0);
        var best = upright;
        for (int turn = 1; turn < 8; turn++) best = Math.Min(best, Rms(other, turn));
        return best < upright ? Math.Sqrt(best * best + TurnPenalty * TurnPenalty) : upright;
    }

    /// <summary>RMS difference against <paramref name="other"/> seen through one of the 8 turns and mirrorings of a square.</summary>
    private double Rms(PictureSignature other, int turn)
    {
        double sum = 0;
        for (int y = 0; y < Cells; y++)
            for (int x = 0; x < Cells; x++)
            {
                var (ox, oy) = Turn(x, y, turn);
                int a = (y * Cells + x) * 3, b = (oy * Cells + ox) * 3;
                for (int k = 0; k < 3; k++)
                {
                    var d = _cells[a + k] - other._cells[b + k];
                    sum += d * d;
                }
            }
        return Math.Sqrt(sum / _cells.Length);
    }

    private static (int X, int Y) Turn(int x, int y, int turn)
    {
        const int last = Cells - 1;
        return turn switch
        {
            0 => (x, y),
            1 => (last - x, y),        // mirrored left-right
            2 => (x, last - y),        // upside down (mirrored top-bottom)
            3 => (last - x, last - y), // half turn
            4 => (y, x),               // transposed
            5 => (last - y, x),        // quarter turn
            6 => (y, last - x),        // quarter turn the other way
            _ => (last - y, last - x), // anti-transposed
        };
    }
}
