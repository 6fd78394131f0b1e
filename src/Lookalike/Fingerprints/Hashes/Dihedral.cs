namespace Lookalike.Fingerprints.Hashes;

/// <summary>The 8 ways to rotate a picture by quarter turns and mirror it (the dihedral group of the square).</summary>
public enum Dihedral
{
    Identity,
    Rotate90,
    Rotate180,
    Rotate270,
    MirrorLeftRight,
    MirrorTopBottom,
    /// <summary>Mirror along the main diagonal (rows become columns).</summary>
    Transpose,
    /// <summary>Mirror along the other diagonal.</summary>
    AntiTranspose,
}

internal static class DihedralMap
{
    /// <summary>The transform that undoes <paramref name="transform"/>: quarter turns swap, the others undo themselves.</summary>
    public static Dihedral Inverse(Dihedral transform) => transform switch
    {
        Dihedral.Rotate90 => Dihedral.Rotate270,
        Dihedral.Rotate270 => Dihedral.Rotate90,
        _ => transform,
    };

    /// <summary>Where the pixel at (x, y) of a square of side n comes from in the source.</summary>
    public static (int X, int Y) Source(Dihedral transform, int x, int y, int n) => transform switch
    {
        Dihedral.Identity => (x, y),
        Dihedral.Rotate90 => (y, n - 1 - x), // clockwise
        Dihedral.Rotate180 => (n - 1 - x, n - 1 - y),
        Dihedral.Rotate270 => (n - 1 - y, x),
        Dihedral.MirrorLeftRight => (n - 1 - x, y),
        Dihedral.MirrorTopBottom => (x, n - 1 - y),
        Dihedral.Transpose => (y, x),
        Dihedral.AntiTranspose => (n - 1 - y, n - 1 - x),
        _ => throw new ArgumentOutOfRangeException(nameof(transform)),
    };
}
