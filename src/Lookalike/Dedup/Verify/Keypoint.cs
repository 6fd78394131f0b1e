namespace Lookalike.Dedup.Verify;

/// <summary>A corner found at some pyramid level: position in the full picture's pixels, the level's scale (1 at the
/// full picture), orientation in radians and its 256-bit oriented BRIEF descriptor.</summary>
internal readonly record struct Keypoint(float X, float Y, float Scale, float Angle, Descriptor256 Descriptor);

/// <summary>256 bits of intensity comparisons, compared by Hamming distance.</summary>
internal readonly record struct Descriptor256(ulong A, ulong B, ulong C, ulong D)
{
    public const int Bits = 256;

    public static int Distance(in Descriptor256 x, in Descriptor256 y) =>
        System.Numerics.BitOperations.PopCount(x.A ^ y.A) + System.Numerics.BitOperations.PopCount(x.B ^ y.B)
        + System.Numerics.BitOperations.PopCount(x.C ^ y.C) + System.Numerics.BitOperations.PopCount(x.D ^ y.D);
}
