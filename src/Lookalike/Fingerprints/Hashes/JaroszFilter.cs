namespace Lookalike.Fingerprints.Hashes;

/// <summary>
/// PDQ's downsampling, ported from the reference (downscaling.cpp): two passes of a 1-D box filter along rows
/// and then columns (Wojciech Jarosz, "Fast Image Convolutions", 2001: repeated box filters make a tent filter),
/// each window half of an output cell, then one sample at the centre of each output cell. Sums run in
/// single precision in the reference's order so that identical pixels give identical hashes.
/// </summary>
internal static class JaroszFilter
{
    private const int Passes = 2;

    /// <summary>The luma (row-major, <paramref name="rows"/> x <paramref name="columns"/>) blurred and decimated
    /// to <paramref name="size"/> x <paramref name="size"/>. <paramref name="luma"/> is overwritten.</summary>
    public static float[] Downscale(float[] luma, int rows, int columns, int size)
    {
        var windowAlongRows = WindowSize(columns, size);
        var windowAlongColumns = WindowSize(rows, size);
        var scratch = new float[luma.Length];
        for (int pass = 0; pass < Passes; pass++)
        {
            for (int i = 0; i < rows; i++) Box(luma, scratch, i * columns, columns, 1, windowAlongRows);
            for (int j = 0; j < columns; j++) Box(scratch, luma, j, rows, columns, windowAlongColumns);
        }
        return Decimate(luma, rows, columns, size);
    }

    /// <summary>Half an output cell, rounded up: two passes of it cover a whole cell.</summary>
    internal static int WindowSize(int oldDimension, int newDimension) => (oldDimension + 2 * newDimension - 1) / (2 * newDimension);

    /// <summary>The value at the centre of each output cell.</summary>
    private static float[] Decimate(float[] input, int rows, int columns, int size)
    {
        var output = new float[size * size];
        for (int i = 0; i < size; i++)
        {
            var sourceRow = (int)((i + 0.5) * rows / size);
            for (int j = 0; j < size; j++)
            {
                var sourceColumn = (int)((j + 0.5) * columns / size);
                output[i * size + j] = input[sourceRow * columns + sourceColumn];
            }
        }
        return output;
    }

    /// <summary>
    /// A running mean over a window centred on each sample (the reference's box1DFloat): the window grows from
    /// half size at the start, slides, and shrinks at the end, so edges average only the samples that exist.
    /// </summary>
    private static void Box(float[] input, float[] output, int start, int length, int stride, int window)
    {
        var half = (window + 2) / 2; // 7 -> 4, 8 -> 5
        int growing = half - 1, firstWrites = window - half + 1, sliding = length - window, shrinking = half - 1;
        int left = start, right = start, at = start, count = 0;
        float sum = 0;
        for (int i = 0; i < growing; i++, right += stride) { sum += input[right]; count++; }
        for (int i = 0; i < firstWrites; i++, right += stride, at += stride) { sum += input[right]; count++; output[at] = sum / count; }
        for (int i = 0; i < sliding; i++, left += stride, right += stride, at += stride)
        {
            sum += input[right];
            sum -= input[left];
            output[at] = sum / count;
        }
        for (int i = 0; i < shrinking; i++, left += stride, at += stride) { sum -= input[left]; count--; output[at] = sum / count; }
    }
}
