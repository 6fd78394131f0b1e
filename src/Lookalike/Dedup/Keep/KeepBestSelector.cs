using System.Globalization;
using Lookalike.Catalog;
using Lookalike.Loading;

namespace Lookalike.Dedup.Keep;

/// <summary>Picks the file to keep in a duplicate group by a <see cref="KeepPolicy"/> and says why in words.</summary>
/// <param name="traits">Reads a file's <see cref="PictureTraits"/> (e.g. <see cref="PictureTraits.TryRead"/>), once per file
/// of a group; null: the rules on traits tie.</param>
public sealed class KeepBestSelector(KeepPolicy policy, Func<ImageRecord, PictureTraits?>? traits = null)
{
    private Dictionary<ImageRecord, PictureTraits?> _traits = [];
    private double? _groupShape;
    private GroupCentre? _centre;
    private LocalOverlay? _overlay;
    private readonly Dictionary<(ImageRecord, ImageRecord), bool> _samePixels = [];
    private readonly Dictionary<(ImageRecord, ImageRecord), int> _derivations = [];

    public KeepPolicy Policy => policy;

    /// <summary>Not thread-safe: the traits of the group being chosen are held while choosing.</summary>
    /// <exception cref="ArgumentException">The group is empty.</exception>
    public KeepChoice Choose(IReadOnlyCollection<ImageRecord> group)
    {
        if (group.Count == 0) throw new ArgumentException("a duplicate group needs at least one file", nameof(group));
        _traits = traits is null || group.Count < 2 ? [] : group.Distinct().ToDictionary(f => f, traits);
        _groupShape = CommonShape(_traits.Values.OfType<PictureTraits>().Select(t => t.Shape).ToList());
        _samePixels.Clear();
        _derivations.Clear();
        var signatures = _traits.Where(t => t.Value?.Signature is not null).ToDictionary(t => t.Key, t => t.Value!.Signature!);
        _centre = GroupCentre.Find(signatures);
        _overlay = _centre is { } centre ? LocalOverlay.Find(signatures.Where(s => centre.IsCentral(s.Key)).ToDictionary()) : null;
        var ranked = group.Order(Comparer<ImageRecord>.Create(CompareBestFirst)).ToList();
        var keep = ranked[0];
        var duplicates = ranked.Skip(1).Select(f => new DuplicateFile(f, Explain(keep, f))).ToList();
        return new KeepChoice(keep, duplicates.Count == 0 ? "only file in the group" : duplicates[0].WhyNotKept, duplicates);
    }

    /// <summary>Shapes within this factor of each other count as one shape (thumbnails measure them to about 1 %).</summary>
    private const double ShapeTolerance = 0.03;

    /// <summary>Pixel counts within this factor count as equal (a bordered copy's measured content is its original's, +-2 %).</summary>
    private const double PixelTolerance = 0.04;

    /// <summary>The shape most files agree with (within <see cref="ShapeTolerance"/>); null when no two agree.</summary>
    private static double? CommonShape(List<double> shapes)
    {
        double? best = null;
        var bestCount = 1;
        foreach (var shape in shapes)
        {
            var count = shapes.Count(s => SameShape(s, shape));
            if (count > bestCount) (best, bestCount) = (shape, count);
        }
        return best;
    }

    private static bool SameShape(double a, double b) => Math.Abs(a - b) <= ShapeTolerance * Math.Min(a, b);

    private PictureTraits? TraitsOf(ImageRecord file) => _traits.GetValueOrDefault(file);

    private int CompareBestFirst(ImageRecord a, ImageRecord b)
    {
        // A damaged file (it decoded only with errors) comes after every intact one, whatever the rules say.
        if (a.Damaged != b.Damaged) return a.Damaged ? 1 : -1;
        foreach (var rule in policy.Rules)
            if (Compare(rule, a, b) is var better and not 0) return -better;
        return string.CompareOrdinal(a.Path, b.Path);
    }

    /// <summary>Compares a trait both files have; 0 when either lacks traits.</summary>
    private int Traits(ImageRecord a, ImageRecord b, Func<PictureTraits, PictureTraits, int> compare) =>
        TraitsOf(a) is { } ta && TraitsOf(b) is { } tb ? compare(ta, tb) : 0;

    private int ComparePixels(ImageRecord a, ImageRecord b)
    {
        if (TraitsOf(a) is not { } ta || TraitsOf(b) is not { } tb) return a.PixelCount.CompareTo(b.PixelCount);
        var (pa, pb) = (ta.ContentPixels, tb.ContentPixels);
        return Math.Abs(pa - pb) <= PixelTolerance * Math.Max(pa, pb) ? 0 : pa.CompareTo(pb);
    }

    /// <summary>Names the first rule that separates <paramref name="winner"/> from <paramref name="loser"/>, after the rules they tied on.</summary>
    private string Explain(ImageRecord winner, ImageRecord loser)
    {
        if (loser.Damaged && !winner.Damaged) return "damaged: it decoded only with errors";
        var tied = new List<string>();
        foreach (var rule in policy.Rules)
        {
            if (Compare(rule, winner, loser) != 0)
                return Caveat(rule, winner, loser) + string.Concat(tied.Select(t => t + ", ")) + Describe(rule, winner, loser);
            if (SameText(rule, winner, loser) is { } same) tied.Add(same);
        }
        return Caveat(null, winner, loser) + string.Concat(tied.Select(t => t + ", ")) + "tie on every rule: first path in order";
    }

    /// <summary>When a file rule (format, bytes, date, path) had to decide between two files that show different
    /// pictures in a group too small for a centre (a pair: an overlay, a grade, a mirror or a turn of each other), the
    /// content could not tell which is the original, and the reason says so rather than sound sure.</summary>
    private string Caveat(KeepRule? rule, ImageRecord winner, ImageRecord loser)
    {
        if (rule is not (null or KeepRule.Format or KeepRule.Compression or KeepRule.ExifDate) || _centre is not null) return "";
        if (TraitsOf(winner)?.Signature is not { } sw || TraitsOf(loser)?.Signature is not { } sl) return "";
        var distance = sw.DistanceTo(sl);
        return distance <= GroupCentre.SamePicture ? ""
            : Invariant($"content cannot tell which is the original (only two pictures, {distance:0.0} of 255 apart: an overlay, a grade or a turn of each other); ");
    }

    /// <summary>Positive when <paramref name="a"/> is the better keeper under <paramref name="rule"/>.</summary>
    private int Compare(KeepRule rule, ImageRecord a, ImageRecord b) => rule switch
    {
        KeepRule.Pixels => ComparePixels(a, b),
        KeepRule.Camera => (a.Camera is not null).CompareTo(b.Camera is not null),
        KeepRule.Unedited => Traits(a, b, (ta, tb) => tb.EditedBySoftware.CompareTo(ta.EditedBySoftware)),
        KeepRule.Colour => Traits(a, b, (ta, tb) => tb.IsGreyBeside(ta).CompareTo(ta.IsGreyBeside(tb))),
        KeepRule.Shape => _groupShape is { } common ? Traits(a, b, (ta, tb) => SameShape(ta.Shape, common).CompareTo(SameShape(tb.Shape, common))) : 0,
        KeepRule.Tone => Traits(a, b, (ta, tb) => tb.IsBrightenedFrom(ta).CompareTo(ta.IsBrightenedFrom(tb))),
        KeepRule.Centre => _centre is { } centre ? centre.IsCentral(a).CompareTo(centre.IsCentral(b)) : 0,
        KeepRule.Sharpness => Traits(a, b, (ta, tb) => SamePicture(ta, tb) ? tb.IsBlurredFrom(ta).CompareTo(ta.IsBlurredFrom(tb)) : 0),
        KeepRule.Overlay => _overlay is { } overlay ? overlay.Carries(b).CompareTo(overlay.Carries(a)) : 0,
        KeepRule.Resave => traits is not null && JpegResave.Applies(a, b) ? Derivation(a, b) : 0,
        KeepRule.Format => CompareFormat(a, b),
        KeepRule.Compression => HoldSamePixels(a, b) ? 0 : BytesPerPixel(a).CompareTo(BytesPerPixel(b)),
        KeepRule.ExifDate => CompareExifDate(a, b) is var byExif and not 0 ? byExif : HoldSamePixels(a, b) ? b.ModifiedUtc.CompareTo(a.ModifiedUtc) : 0,
        KeepRule.PreferredFolder => FolderRank(b).CompareTo(FolderRank(a)),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    private string Describe(KeepRule rule, ImageRecord w, ImageRecord l) => rule switch
    {
        KeepRule.Pixels when TraitsOf(w) is { } tw && TraitsOf(l) is { } tl && (tw.ContentPixels < w.PixelCount * 0.96 || tl.ContentPixels < l.PixelCount * 0.96)
            => Invariant($"more picture inside flat margins: {tw.ContentWidth:0}x{tw.ContentHeight:0} of {Dimensions(w)} vs {tl.ContentWidth:0}x{tl.ContentHeight:0} of {Dimensions(l)}"),
        KeepRule.Pixels => Invariant($"{Dimensions(w)} vs {Dimensions(l)}"),
        KeepRule.Camera => $"has camera EXIF ({w.Camera}), the other has none",
        KeepRule.Unedited => $"no editor tag, the other was saved by {TraitsOf(l)!.Software}",
        KeepRule.Colour => "colour, the other is greyscale",
        KeepRule.Shape => Invariant($"has the group's shape ({_groupShape:0.00}:1), the other is {TraitsOf(l)!.Shape:0.00}:1 (stretched, cropped or rotated)"),
        KeepRule.Tone => Invariant($"the other looks brightened: brightness {TraitsOf(l)!.Brightness:0.00} vs {TraitsOf(w)!.Brightness:0.00}, clipped {TraitsOf(l)!.Clipped:0%} vs {TraitsOf(w)!.Clipped:0%}"),
        KeepRule.Centre => Invariant($"at the centre of the group (the picture its {_centre!.Files - 1} copies share): mean difference {_centre.MeanDistance(w):0.0} vs {_centre.MeanDistance(l):0.0} of 255 from the others"),
        KeepRule.Sharpness => Invariant($"sharper: the other looks blurred (detail {TraitsOf(l)!.Sharpness * 1000:0.0} vs {TraitsOf(w)!.Sharpness * 1000:0.0})"),
        KeepRule.Overlay => Invariant($"the other carries an overlay (a watermark, caption or logo): {_overlay!.Measure(l)!.Area:0.0%} of it differs from the group's central picture by up to {_overlay.Measure(l)!.Peak:0} of 255, this file by up to {_overlay.Measure(w)!.Peak:0}"),
        KeepRule.Resave => $"the other is a re-save of this JPEG: re-encoding this file's pixels at the other's quality ({JpegFile.ReadSettings(l.Path)?.Quality}) gives the other back",
        KeepRule.Format when IsResave(l, w) => $"{FormatText(w)} beats {l.Format.ToUpperInvariant()}: the other is a lossless re-save of this file (the same decoded pixels)",
        KeepRule.Format => $"{FormatText(w)} beats {FormatText(l)}",
        KeepRule.Compression => Invariant($"less compressed: {HumanSize(w.Size)} ({BytesPerPixel(w):0.00} bytes/pixel) vs {HumanSize(l.Size)} ({BytesPerPixel(l):0.00} bytes/pixel)"),
        KeepRule.ExifDate when CompareExifDate(w, l) == 0
            => Invariant($"older file: modified {w.ModifiedUtc:yyyy-MM-dd HH:mm:ss.fff} vs {l.ModifiedUtc:yyyy-MM-dd HH:mm:ss.fff} UTC (the same decoded pixels, so the later is the re-save)"),
        KeepRule.ExifDate => l.ExifDate is null
            ? Invariant($"has an EXIF date ({w.ExifDate:yyyy-MM-dd HH:mm:ss}), the other has none")
            : Invariant($"older EXIF date: {w.ExifDate:yyyy-MM-dd HH:mm:ss} vs {l.ExifDate:yyyy-MM-dd HH:mm:ss}"),
        KeepRule.PreferredFolder => $"in preferred folder {policy.PreferredFolders[FolderRank(w)]} vs "
            + (FolderRank(l) < policy.PreferredFolders.Count ? $"{policy.PreferredFolders[FolderRank(l)]} (less preferred)" : "no preferred folder"),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    /// <summary>What a tie on the rule says, or null when the tie says nothing worth reading (neither file has the
    /// trait, or no folders were given).</summary>
    private string? SameText(KeepRule rule, ImageRecord a, ImageRecord b) => rule switch
    {
        KeepRule.Camera or KeepRule.Unedited or KeepRule.Colour or KeepRule.Shape or KeepRule.Tone or KeepRule.Sharpness or KeepRule.Overlay
            or KeepRule.Resave => null,
        KeepRule.Centre => _centre is { } centre && centre.IsCentral(a) && centre.IsCentral(b) ? "both show the group's central picture" : null,
        KeepRule.PreferredFolder when policy.PreferredFolders.Count == 0 => null,
        KeepRule.Pixels when TraitsOf(a) is not null && TraitsOf(b) is not null && a.PixelCount != b.PixelCount => "same picture inside flat margins",
        KeepRule.Pixels => "same pixels",
        KeepRule.Format => "same format class",
        KeepRule.Compression when HoldSamePixels(a, b) => "the same decoded pixels (file sizes say nothing)",
        KeepRule.Compression => "same bytes per pixel",
        KeepRule.ExifDate => "same EXIF date",
        KeepRule.PreferredFolder => "same folder preference",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    private static int CompareExifDate(ImageRecord a, ImageRecord b) => (a.ExifDate, b.ExifDate) switch
    {
        (null, null) => 0,
        (not null, null) => 1,
        (null, not null) => -1,
        var (da, db) => db!.Value.CompareTo(da!.Value),
    };

    /// <summary>Whether two lossless files of one size hold the same decoded pixels.</summary>
    private bool HoldSamePixels(ImageRecord a, ImageRecord b) => traits is not null && LosslessResave.BothLossless(a, b) && SamePixels(a, b);

    /// <summary><see cref="LosslessResave.Holds"/> (symmetric) for a pair, decoded once per pair and group.</summary>
    private bool SamePixels(ImageRecord a, ImageRecord b)
    {
        var key = string.CompareOrdinal(a.Path, b.Path) <= 0 ? (a, b) : (b, a);
        if (!_samePixels.TryGetValue(key, out var holds)) _samePixels[key] = holds = LosslessResave.Holds(key.Item1, key.Item2);
        return holds;
    }

    /// <summary><see cref="JpegResave.Derivation"/> (antisymmetric) for a pair, decoded once per pair and group.</summary>
    private int Derivation(ImageRecord a, ImageRecord b)
    {
        var flipped = string.CompareOrdinal(a.Path, b.Path) > 0;
        var key = flipped ? (b, a) : (a, b);
        if (!_derivations.TryGetValue(key, out var derivation)) _derivations[key] = derivation = JpegResave.Derivation(key.Item1, key.Item2);
        return flipped ? -derivation : derivation;
    }

    private int CompareFormat(ImageRecord a, ImageRecord b) =>
        IsResave(a, b) ? -1 : IsResave(b, a) ? 1 : FormatClasses.Of(a.Format).CompareTo(FormatClasses.Of(b.Format));

    /// <summary>Whether <paramref name="file"/> is a lossless re-save of <paramref name="of"/> (decoded once per pair).</summary>
    private bool IsResave(ImageRecord file, ImageRecord of) => traits is not null && LosslessResave.Applies(file, of) && SamePixels(file, of);

    private static bool SamePicture(PictureTraits a, PictureTraits b) =>
        a.Signature is { } sa && b.Signature is { } sb && sa.DistanceTo(sb) <= GroupCentre.SamePicture;

    /// <summary>Index of the first preferred folder holding the file; the list's length when none does.</summary>
    private int FolderRank(ImageRecord file)
    {
        for (var i = 0; i < policy.PreferredFolders.Count; i++)
            if (file.Path.StartsWith(policy.PreferredFolders[i] + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return i;
        return policy.PreferredFolders.Count;
    }

    /// <summary>Bytes per pixel; the plain size when dimensions are unknown (then sizes compare directly).</summary>
    private static double BytesPerPixel(ImageRecord file) => file.PixelCount > 0 ? (double)file.Size / file.PixelCount : file.Size;

    /// <summary>"4032x3024 (12.2 MP)"; two decimals below one megapixel so small images do not all read 0.0 MP.</summary>
    private static string Dimensions(ImageRecord f)
    {
        var megapixels = f.PixelCount / 1e6;
        return Invariant($"{f.Width}x{f.Height} ({megapixels.ToString(megapixels < 1 ? "0.00" : "0.0", CultureInfo.InvariantCulture)} MP)");
    }

    private static string FormatText(ImageRecord f) => $"{f.Format.ToUpperInvariant()} ({FormatClasses.Describe(FormatClasses.Of(f.Format))})";

    private static string HumanSize(long bytes) => bytes switch
    {
        < 1_000 => Invariant($"{bytes} bytes"),
        < 1_000_000 => Invariant($"{bytes / 1e3:0.#} KB"),
        < 1_000_000_000 => Invariant($"{bytes / 1e6:0.#} MB"),
        _ => Invariant($"{bytes / 1e9:0.#} GB"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
