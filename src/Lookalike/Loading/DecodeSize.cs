namespace Lookalike.Loading;

/// <summary>
/// How large a decoded image must be. Decoding shrinks on load (JPEG DCT scaling, WebP/HEIF
/// sub-resolution) so a 24 MP photo is never expanded in full to make a 32x32 hash.
/// </summary>
public readonly record struct DecodeSize
{
    private DecodeSize(int fitWithin, int shortSideAtLeast) { FitWithin = fitWithin; ShortSideAtLeast = shortSideAtLeast; }

    /// <summary>Longest side at most this many pixels (0 when unused).</summary>
    public int FitWithin { get; }

    /// <summary>Shortest side at least this many pixels, for a later centre crop (0 when unused).</summary>
    public int ShortSideAtLeast { get; }

    /// <summary>Shrink so both sides are at most <paramref name="maxSide"/>; never enlarges.</summary>
    public static DecodeSize Fit(int maxSide) => new(Positive(maxSide), 0);

    /// <summary>Shrink so the shortest side is exactly <paramref name="minShortSide"/> (or stays smaller if the image is smaller).</summary>
    public static DecodeSize Cover(int minShortSide) => new(0, Positive(minShortSide));

    private static int Positive(int value) => value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Size must be positive.");
}
