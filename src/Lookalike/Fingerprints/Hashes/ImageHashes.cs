using System.Numerics;
using Lookalike.Loading;

namespace Lookalike.Fingerprints.Hashes;

/// <summary>All perceptual hashes of one image, computed from a single decode, plus the pHashes of
/// the image rotated and mirrored.</summary>
public readonly record struct ImageHashes(ulong AHash, ulong DHash, ulong PHash, ulong WHash, ulong ColorHash, TurnedPHashes TurnedPHash)
{
    /// <summary>The decode size the hashes need: the largest grey thumbnail is 64x64, and
    /// area-averaging down from about twice that keeps small shifts from flipping bits.</summary>
    public static DecodeSize DecodeSize { get; } = DecodeSize.Fit(128);

    /// <summary>Hashes of the image's content inside flat margins (<see cref="MarginTrimmer"/>): an added border or
    /// letterbox would otherwise outweigh the picture (bordered copies of unrelated photos had pHashes 8-12 apart,
    /// a bordered copy and its original 24-28).</summary>
    public static ImageHashes Compute(RgbImage image) => OfContent(image.Crop(MarginTrimmer.ContentRect(image)));

    /// <summary>Hashes of an image already cut to its content (the fingerprinter finds the margins once for hashes and model).</summary>
    internal static ImageHashes OfContent(RgbImage image)
    {
        var grey32 = GreyImage.From(image, 32, 32);
        return new ImageHashes(
            AverageHash.Compute(GreyImage.From(image, 8, 8)),
            DifferenceHash.Compute(GreyImage.From(image, 9, 8)),
            PerceptualHash.Compute(grey32),
            WaveletHash.Compute(GreyImage.From(image, 64, 64)),
            Hashes.ColorHash.Compute(image),
            TurnedPHashes.Compute(grey32));
    }

    public ulong this[HashMethod method] => method switch
    {
        HashMethod.AHash => AHash,
        HashMethod.DHash => DHash,
        HashMethod.PHash => PHash,
        HashMethod.WHash => WHash,
        HashMethod.ColorHash => ColorHash,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>Number of differing bits (hardware popcount).</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>The closest any turned/mirrored pHash of one image comes to the other's plain pHash, both ways:
    /// small for a rotated or mirrored copy.</summary>
    public static int TurnedDistance(ImageHashes a, ImageHashes b) =>
        Math.Min(a.TurnedPHash.ToArray().Min(t => Distance(t, b.PHash)), b.TurnedPHash.ToArray().Min(t => Distance(t, a.PHash)));
}
