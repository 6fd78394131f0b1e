namespace Lookalike.Fingerprints.Hashes;

/// <summary>An image's PDQ hash under each of the 8 rotations and mirrorings (indexed by <see cref="Dihedral"/>),
/// and the quality of the hash (0..100; the reference advises not to trust hashes below
/// <see cref="PdqHash.MinUsefulQuality"/>).</summary>
public sealed class PdqHashes
{
    private readonly PdqHash[] _variants;

    internal PdqHashes(PdqHash[] variants, int quality)
    {
        if (variants.Length != 8) throw new ArgumentException("One hash per orientation.", nameof(variants));
        _variants = variants;
        Quality = quality;
    }

    /// <summary>The hash of the image as it is: what hash lists hold.</summary>
    public PdqHash Hash => _variants[(int)Dihedral.Identity];

    public int Quality { get; }

    /// <summary>The hash the image would have after <paramref name="transform"/>.</summary>
    public PdqHash this[Dihedral transform] => _variants[(int)transform];

    /// <summary>How close this image comes to the picture hashed as <paramref name="other"/> in any orientation (a
    /// rotated or mirrored copy is near one of its 8 hashes), and the transform that turns that picture into this
    /// image (Identity for a copy the right way up; Rotate90 when this image is the other turned a quarter clockwise).</summary>
    public (int Distance, Dihedral Transform) Closest(PdqHash other)
    {
        int bestDistance = int.MaxValue, bestVariant = 0;
        for (int variant = 0; variant < _variants.Length; variant++) // indexed by Dihedral (no allocation: called per list entry)
        {
            var distance = PdqHash.Distance(_variants[variant], other);
            if (distance < bestDistance) (bestDistance, bestVariant) = (distance, variant);
        }
        // This image turned by the best variant looks like the other, so the other turned back the opposite way looks like this.
        return (bestDistance, DihedralMap.Inverse((Dihedral)bestVariant));
    }
}
