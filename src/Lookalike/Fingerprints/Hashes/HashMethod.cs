namespace Lookalike.Fingerprints.Hashes;

/// <summary>The perceptual hashes Lookalike computes; each is 64 bits (colour hash uses 42 of them).</summary>
public enum HashMethod
{
    /// <summary>Average hash: 8x8 grey thumbnail, bit = pixel above the mean.</summary>
    AHash,
    /// <summary>Difference hash: 9x8 grey thumbnail, bit = pixel brighter than its left neighbour.</summary>
    DHash,
    /// <summary>Perceptual hash: 8x8 lowest frequencies of the DCT of a 32x32 grey thumbnail, bit = above the median.</summary>
    PHash,
    /// <summary>Wavelet hash: 8x8 Haar approximation of a 64x64 grey thumbnail without its DC term, bit = above the median.</summary>
    WHash,
    /// <summary>Colour hash: share of black, grey and 6 faint + 6 bright hue bins, 3 bits each.</summary>
    ColorHash,
}
