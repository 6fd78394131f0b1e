namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// Filter taps along one axis for a convolution resize, computed the way Pillow's <c>ImagingResample</c>
/// does (the resize behind torchvision/open_clip/timm/transformers preprocessing): the filter is
/// stretched by the scale factor when shrinking, so downscaling averages (antialiases) instead of
/// skipping pixels. Only the output positions inside a window are computed, which gives exactly the
/// pixels "resize then crop" would keep.
/// </summary>
internal sealed class ResampleAxis
{
    private ResampleAxis(int[] first, int[] count, float[] weights, int stride)
    {
        First = first; Count = count; Weights = weights; Stride = stride;
    }

    /// <summary>First source index (relative to the region start) of each output position.</summary>
    public int[] First { get; }
    public int[] Count { get; }
    /// <summary>Normalised taps, <see cref="Stride"/> per output position.</summary>
    public float[] Weights { get; }
    public int Stride { get; }

    /// <param name="sourceLength">Pixels in the source region along this axis.</param>
    /// <param name="resizedLength">Length of the whole resized axis.</param>
    /// <param name="windowStart">First resized position wanted (the crop offset).</param>
    /// <param name="windowLength">Resized positions wanted.</param>
    public static ResampleAxis Create(int sourceLength, int resizedLength, int windowStart, int windowLength, ResampleFilter filter)
    {
        double scale = (double)sourceLength / resizedLength;
        double filterScale = Math.Max(scale, 1.0);
        double support = Support(filter) * filterScale;
        int stride = (int)Math.Ceiling(support) * 2 + 1;
        var first = new int[windowLength];
        var count = new int[windowLength];
        var weights = new float[windowLength * stride];
        var taps = new double[stride];
        for (int i = 0; i < windowLength; i++)
        {
            double center = (windowStart + i + 0.5) * scale;
            int min = Math.Max((int)(center - support + 0.5), 0);
            int max = Math.Min((int)(center + support + 0.5), sourceLength);
            int n = max - min;
            double total = 0;
            for (int k = 0; k < n; k++)
            {
                taps[k] = Kernel(filter, (k + min - center + 0.5) / filterScale);
                total += taps[k];
            }
            for (int k = 0; k < n; k++) weights[i * stride + k] = (float)(total != 0 ? taps[k] / total : 0);
            first[i] = min;
            count[i] = n;
        }
        return new ResampleAxis(first, count, weights, stride);
    }

    private static double Support(ResampleFilter filter) => filter == ResampleFilter.Bicubic ? 2.0 : 1.0;

    private static double Kernel(ResampleFilter filter, double x)
    {
        x = Math.Abs(x);
        if (filter == ResampleFilter.Bilinear) return x < 1 ? 1 - x : 0;
        // Keys cubic with a = -0.5, as in Pillow (torch's tensor bicubic uses -0.75; the reference
        // pipelines resize PIL images, so -0.5 is what the models were trained and evaluated with).
        const double a = -0.5;
        if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
        if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
        return 0;
    }
}
