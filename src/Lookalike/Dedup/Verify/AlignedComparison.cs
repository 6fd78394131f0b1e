namespace Lookalike.Dedup.Verify;

/// <summary>
/// The two pictures laid onto each other by the fitted model and compared cell by cell where they overlap: a cell
/// agrees when the normalised cross-correlation of its smoothed intensities is high (brightness, contrast, grading and
/// greyscale change neither the pattern nor the correlation; the smoothing absorbs blur and recompression). A crop
/// only shrinks the overlap; an overlay spoils the cells it covers with content found nowhere near in the other
/// picture; a moving subject or parallax spoils cells whose content <em>is</em> found a few pixels away ("moved"
/// cells: what tells two video frames or a stereo pair from a picture and its copy). Cells are laid on the coarser of
/// the two (the finer one is blurred to match), and cells flat in both say nothing and are not counted.
/// Laid frame on frame (no corners gave a model), each cell's plane of best fit is taken out first: two smooth objects
/// of one shape (Uranus and Neptune, 150 px discs) agree on every shaded cell otherwise, since any two ramps the same way
/// correlate, and only what is left (spots, bands, texture) tells one picture from another.
/// </summary>
internal static class AlignedComparison
{
    /// <summary>Gaussian sigma applied to both pictures before comparing (and kept in <see cref="PictureFeatures"/>).</summary>
    public const float Smoothing = 1.5f;
    public const int CellSize = 16;
    /// <summary>Correlation at or above which a cell agrees.</summary>
    public const float AgreeCorrelation = 0.75f;
    /// <summary>A disagreeing cell whose content correlates this well at a shift of a few pixels has moved.</summary>
    public const float MovedCorrelation = 0.85f;
    private const int MaxShift = 6;
    private const float FlatDeviation = 4f;
    private const int Step = 2, Samples = CellSize / Step;

    public readonly record struct Outcome(int Compared, int Agreeing, int Moved);

    /// <param name="model">Takes points of <paramref name="a"/> to <paramref name="b"/>.</param>
    /// <param name="detrend">Whether each cell's plane of best fit is taken out before it is compared.</param>
    public static Outcome Compare(GreyImage a, GreyImage b, Affine model, bool detrend = false)
    {
        // Cells on the coarser picture: where a lands smaller in b, lay them on b and look a up through the inverse.
        if (model.Scale < 1 && model.Inverse() is { } inverse) (a, b, model) = (b, a, inverse);
        if (model.Scale > 1.1) b = b.Blurred(Smoothing * (float)Math.Sqrt(model.Scale * model.Scale - 1));
        int compared = 0, agreeing = 0, moved = 0;
        Span<float> va = stackalloc float[Samples * Samples];
        Span<float> vb = stackalloc float[Samples * Samples];
        for (int cy = 0; cy + CellSize <= a.Height; cy += CellSize)
        for (int cx = 0; cx + CellSize <= a.Width; cx += CellSize)
        {
            if (!CellInside(b, model, cx, cy, 0, 0)) continue;
            for (int i = 0, y = 0; y < Samples; y++)
                for (int x = 0; x < Samples; x++) va[i++] = a[cx + x * Step + 1, cy + y * Step + 1];
            SampleCell(b, model, cx, cy, 0, 0, vb);
            if (detrend) { Detrend(va); Detrend(vb); }
            var (correlation, devA, devB) = Correlation(va, vb);
            if (devA < FlatDeviation && devB < FlatDeviation) continue;
            compared++;
            if (correlation >= AgreeCorrelation && Math.Min(devA, devB) >= FlatDeviation * 0.5f) agreeing++;
            else if (devA >= FlatDeviation && devB >= FlatDeviation && FoundNearby(va, b, model, cx, cy, vb, detrend)) moved++;
        }
        return new Outcome(compared, agreeing, moved);
    }

    /// <summary>Whether the cell's content correlates well with the other picture at a shift of 2..6 pixels.</summary>
    private static bool FoundNearby(ReadOnlySpan<float> cell, GreyImage b, Affine model, int cx, int cy, Span<float> buffer, bool detrend)
    {
        for (int dy = -MaxShift; dy <= MaxShift; dy += 2)
        for (int dx = -MaxShift; dx <= MaxShift; dx += 2)
        {
            if (dx == 0 && dy == 0 || !CellInside(b, model, cx, cy, dx, dy)) continue;
            SampleCell(b, model, cx, cy, dx, dy, buffer);
            if (detrend) Detrend(buffer);
            if (Correlation(cell, buffer).Correlation >= MovedCorrelation) return true;
        }
        return false;
    }

    /// <summary>Takes out the least-squares plane a + b x + c y of a cell's samples (row by row on the regular grid,
    /// where x and y are orthogonal, so each slope is its own projection).</summary>
    private static void Detrend(Span<float> cell)
    {
        const float centre = (Samples - 1) / 2f;
        double mean = 0, sx = 0, sy = 0, norm = 0;
        for (int i = 0, y = 0; y < Samples; y++)
        for (int x = 0; x < Samples; x++, i++)
        {
            mean += cell[i];
            sx += cell[i] * (x - centre);
            sy += cell[i] * (y - centre);
        }
        for (int x = 0; x < Samples; x++) norm += (x - centre) * (x - centre);
        norm *= Samples;
        mean /= cell.Length; sx /= norm; sy /= norm;
        for (int i = 0, y = 0; y < Samples; y++)
        for (int x = 0; x < Samples; x++, i++)
            cell[i] -= (float)(mean + sx * (x - centre) + sy * (y - centre));
    }

    private static void SampleCell(GreyImage b, Affine model, int cx, int cy, int dx, int dy, Span<float> into)
    {
        for (int i = 0, y = 0; y < Samples; y++)
        for (int x = 0; x < Samples; x++)
        {
            var (qx, qy) = model.Apply(cx + x * Step + 1, cy + y * Step + 1);
            into[i++] = b.Sample((float)qx + dx, (float)qy + dy);
        }
    }

    private static bool CellInside(GreyImage image, Affine model, int cx, int cy, int dx, int dy) =>
        Inside(image, model, cx, cy, dx, dy) && Inside(image, model, cx + CellSize - 1, cy, dx, dy)
        && Inside(image, model, cx, cy + CellSize - 1, dx, dy) && Inside(image, model, cx + CellSize - 1, cy + CellSize - 1, dx, dy);

    private static bool Inside(GreyImage image, Affine model, int x, int y, int dx, int dy)
    {
        var (qx, qy) = model.Apply(x, y);
        return image.Contains((float)qx + dx, (float)qy + dy);
    }

    private static (float Correlation, float DevA, float DevB) Correlation(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.Length; i++) { ma += a[i]; mb += b[i]; }
        ma /= a.Length; mb /= b.Length;
        double saa = 0, sbb = 0, sab = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - ma, db = b[i] - mb;
            saa += da * da; sbb += db * db; sab += da * db;
        }
        float devA = (float)Math.Sqrt(saa / a.Length), devB = (float)Math.Sqrt(sbb / b.Length);
        return (saa <= 0 || sbb <= 0 ? 0 : (float)(sab / Math.Sqrt(saa * sbb)), devA, devB);
    }
}
