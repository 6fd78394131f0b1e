namespace Lookalike.Fingerprints.Hashes;

/// <summary>
/// pHashes of an image turned by quarter turns and mirrored: comparing these with another image's plain
/// pHash finds rotated and mirrored copies. (pHash bits are thresholded at the median, so they cannot be
/// derived from the plain hash: each variant is hashed from the turned 32x32 thumbnail.)
/// </summary>
public readonly record struct TurnedPHashes(
    ulong Rotate90, ulong Rotate180, ulong Rotate270, ulong MirrorLeftRight, ulong MirrorTopBottom, ulong Transpose, ulong AntiTranspose)
{
    public static readonly Dihedral[] Transforms =
    [
        Dihedral.Rotate90, Dihedral.Rotate180, Dihedral.Rotate270, Dihedral.MirrorLeftRight,
        Dihedral.MirrorTopBottom, Dihedral.Transpose, Dihedral.AntiTranspose,
    ];

    public ulong[] ToArray() => [Rotate90, Rotate180, Rotate270, MirrorLeftRight, MirrorTopBottom, Transpose, AntiTranspose];

    public static TurnedPHashes FromArray(ReadOnlySpan<ulong> v) => new(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);

    internal static TurnedPHashes Compute(GreyImage grey32)
    {
        Span<ulong> hashes = stackalloc ulong[Transforms.Length];
        for (int t = 0; t < Transforms.Length; t++) hashes[t] = PerceptualHash.Compute(grey32.Transform(Transforms[t]));
        return FromArray(hashes);
    }

    /// <summary>8 bytes per hash, little-endian, in <see cref="Transforms"/> order (the catalog's BLOB).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Transforms.Length * 8];
        var values = ToArray();
        for (int t = 0; t < values.Length; t++) BitConverter.TryWriteBytes(bytes.AsSpan(t * 8), values[t]);
        return bytes;
    }

    public static TurnedPHashes FromBytes(ReadOnlySpan<byte> bytes)
    {
        Span<ulong> values = stackalloc ulong[Transforms.Length];
        for (int t = 0; t < values.Length; t++) values[t] = BitConverter.ToUInt64(bytes.Slice(t * 8, 8));
        return FromArray(values);
    }
}
