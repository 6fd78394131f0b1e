namespace Lookalike.Dedup;

/// <summary>
/// How alike two files of a group are, strictest first; a group's level is that of its loosest link. Measured
/// precision of each level: docs/dedup-evaluation.md. (Copy is the default value: a link is a copy unless shown
/// to be more, or less.)
/// </summary>
public enum DuplicateLevel
{
    /// <summary>The same bytes (equal SHA-256).</summary>
    Exact = -2,

    /// <summary>The same decoded picture in another file: same size, every perceptual hash equal and, with a model,
    /// embedding cosine at least <see cref="DuplicateLevels.SamePixelsMinSimilarity"/> (the catalog keeps no pixel
    /// checksum, so this is the closest the fingerprints can tell).</summary>
    SamePixels = -1,

    /// <summary>An edited copy of one picture (resized, re-encoded, cropped, turned, framed, tone-edited, overlaid):
    /// what <c>lookalike dupes</c> groups by default.</summary>
    Copy = 0,

    /// <summary>Alike but not one picture: bursts, the same scene, stereo pairs, consecutive video frames. Grouped only
    /// with <c>--similar</c>.</summary>
    Similar = 1,
}

/// <summary>Names and the rules that set a link's level apart from what its fingerprints matched.</summary>
public static class DuplicateLevels
{
    /// <summary>Cosine that a same-pixels pair also needs when both have embeddings (re-encoding a decoded picture
    /// losslessly gives cosine 1 up to float16 storage).</summary>
    public const float SamePixelsMinSimilarity = 0.999f;

    /// <summary>The name in output and JSON: exact, same-pixels, copy, similar.</summary>
    public static string Name(DuplicateLevel level) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(level.ToString());

    /// <summary>
    /// Both files carry the same camera and capture times that differ: two shots (a burst), never a file and its edited
    /// copy (editors keep the capture time). Equal times say nothing either way: a copy keeps them, and so does a
    /// second export of one shot.
    /// </summary>
    public static bool AreSeparateShots(Catalog.ImageRecord a, Catalog.ImageRecord b) =>
        a.Camera is not null && a.Camera == b.Camera && a.ExifDate is { } da && b.ExifDate is { } db && da != db;
}
