using Lookalike.Catalog;

namespace Lookalike.Dedup.Keep;

/// <summary>
/// The picture a group of copies shares: every edit (an overlay, a colour grade, a crop, a turn, a blur) moves a copy
/// away from the original in a direction of its own, so the original is the file closest to all the others, the
/// medoid of their <see cref="PictureSignature"/> distances, and a copy is at least as far from every other copy as
/// the original is. The files within <see cref="SamePicture"/> of the medoid (re-encodes, resized or lightly blurred
/// copies of it) are "at the centre" too, as much as the medoid: among near-identical files the medoid is the original
/// only by chance (measured: a half-size or PNG copy was the medoid in 21 of 45 tuning groups), so the later keep
/// rules (pixels, sharpness, format, compression) choose among them. Needs <see cref="MinFiles"/> files with signatures: with two, distances are symmetric and say nothing.
/// </summary>
public sealed class GroupCentre
{
    /// <summary>Fewest files with a signature for a centre to mean anything.</summary>
    public const int MinFiles = 3;

    /// <summary>Distance (RMS of the grid, 0..255) under which two files show the same picture: re-encoding, resizing
    /// and a light blur stay under it, an overlay, a colour change, a crop or a turn go over it.</summary>
    public const double SamePicture = 3;

    /// <summary>Each file is compared with at most this many others (the first by path), so a huge group costs
    /// files x this many comparisons, not files squared.</summary>
    public const int MaxReferences = 32;

    private readonly IReadOnlyDictionary<ImageRecord, PictureSignature> _signatures;
    private readonly Dictionary<ImageRecord, double> _meanDistance;
    private readonly HashSet<ImageRecord> _central;

    private GroupCentre(IReadOnlyDictionary<ImageRecord, PictureSignature> signatures, Dictionary<ImageRecord, double> meanDistance,
        ImageRecord medoid)
    {
        _signatures = signatures;
        _meanDistance = meanDistance;
        Medoid = medoid;
        _central = signatures.Where(s => s.Key == medoid || s.Value.DistanceTo(signatures[medoid]) <= SamePicture).Select(s => s.Key).ToHashSet();
    }

    /// <summary>The file closest to all the others.</summary>
    public ImageRecord Medoid { get; }

    /// <summary>How many files were compared (those with signatures).</summary>
    public int Files => _signatures.Count;

    /// <summary>The centre of the files that have signatures; null when fewer than <see cref="MinFiles"/> have one.</summary>
    public static GroupCentre? Find(IReadOnlyDictionary<ImageRecord, PictureSignature> signatures)
    {
        if (signatures.Count < MinFiles) return null;
        var references = signatures.Keys.OrderBy(f => f.Path, StringComparer.Ordinal).Take(MaxReferences).ToList();
        var mean = new Dictionary<ImageRecord, double>();
        foreach (var (file, signature) in signatures)
        {
            var others = references.Where(r => r != file).ToList();
            mean[file] = others.Average(r => signature.DistanceTo(signatures[r]));
        }
        var medoid = mean.OrderBy(m => m.Value).ThenBy(m => m.Key.Path, StringComparer.Ordinal).First().Key;
        return new GroupCentre(signatures, mean, medoid);
    }

    /// <summary>Whether the file is the medoid or shows the same picture as it; false for files without a signature.</summary>
    public bool IsCentral(ImageRecord file) => _central.Contains(file);

    /// <summary>Mean distance from the file to the others it was compared with; null without a signature.</summary>
    public double? MeanDistance(ImageRecord file) => _meanDistance.TryGetValue(file, out var d) ? d : null;
}
