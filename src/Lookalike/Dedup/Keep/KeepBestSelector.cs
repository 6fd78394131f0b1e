using System.Globalization;
using Lookalike.Catalog;

namespace Lookalike.Dedup.Keep;

/// <summary>Picks the file to keep in a duplicate group by a <see cref="KeepPolicy"/> and says why in words.</summary>
public sealed class KeepBestSelector(KeepPolicy policy)
{
    public KeepPolicy Policy => policy;

    /// <exception cref="ArgumentException">The group is empty.</exception>
    public KeepChoice Choose(IReadOnlyCollection<ImageRecord> group)
    {
        if (group.Count == 0) throw new ArgumentException("a duplicate group needs at least one file", nameof(group));
        var ranked = group.Order(Comparer<ImageRecord>.Create(CompareBestFirst)).ToList();
        var keep = ranked[0];
        var duplicates = ranked.Skip(1).Select(f => new DuplicateFile(f, Explain(keep, f))).ToList();
        return new KeepChoice(keep, duplicates.Count == 0 ? "only file in the group" : duplicates[0].WhyNotKept, duplicates);
    }

    private int CompareBestFirst(ImageRecord a, ImageRecord b)
    {
        // A damaged file (it decoded only with errors) comes after every intact one, whatever the rules say.
        if (a.Damaged != b.Damaged) return a.Damaged ? 1 : -1;
        foreach (var rule in policy.Rules)
            if (Compare(rule, a, b) is var better and not 0) return -better;
        return string.CompareOrdinal(a.Path, b.Path);
    }

    /// <summary>Names the first rule that separates <paramref name="winner"/> from <paramref name="loser"/>, after the rules they tied on.</summary>
    private string Explain(ImageRecord winner, ImageRecord loser)
    {
        if (loser.Damaged && !winner.Damaged) return "damaged: it decoded only with errors";
        var tied = new List<string>();
        foreach (var rule in policy.Rules)
        {
            if (Compare(rule, winner, loser) != 0)
                return string.Concat(tied.Select(t => t + ", ")) + Describe(rule, winner, loser);
            tied.Add(SameText(rule));
        }
        return string.Concat(tied.Select(t => t + ", ")) + "tie on every rule: first path in order";
    }

    /// <summary>Positive when <paramref name="a"/> is the better keeper under <paramref name="rule"/>.</summary>
    private int Compare(KeepRule rule, ImageRecord a, ImageRecord b) => rule switch
    {
        KeepRule.Pixels => a.PixelCount.CompareTo(b.PixelCount),
        KeepRule.Format => FormatClasses.Of(a.Format).CompareTo(FormatClasses.Of(b.Format)),
        KeepRule.Compression => BytesPerPixel(a).CompareTo(BytesPerPixel(b)),
        KeepRule.ExifDate => (a.ExifDate, b.ExifDate) switch
        {
            (null, null) => 0,
            (not null, null) => 1,
            (null, not null) => -1,
            var (da, db) => db!.Value.CompareTo(da!.Value),
        },
        KeepRule.PreferredFolder => FolderRank(b).CompareTo(FolderRank(a)),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    private string Describe(KeepRule rule, ImageRecord w, ImageRecord l) => rule switch
    {
        KeepRule.Pixels => Invariant($"{Dimensions(w)} vs {Dimensions(l)}"),
        KeepRule.Format => $"{FormatText(w)} beats {FormatText(l)}",
        KeepRule.Compression => Invariant($"less compressed: {HumanSize(w.Size)} ({BytesPerPixel(w):0.00} bytes/pixel) vs {HumanSize(l.Size)} ({BytesPerPixel(l):0.00} bytes/pixel)"),
        KeepRule.ExifDate => l.ExifDate is null
            ? Invariant($"has an EXIF date ({w.ExifDate:yyyy-MM-dd HH:mm:ss}), the other has none")
            : Invariant($"older EXIF date: {w.ExifDate:yyyy-MM-dd HH:mm:ss} vs {l.ExifDate:yyyy-MM-dd HH:mm:ss}"),
        KeepRule.PreferredFolder => $"in preferred folder {policy.PreferredFolders[FolderRank(w)]} vs "
            + (FolderRank(l) < policy.PreferredFolders.Count ? $"{policy.PreferredFolders[FolderRank(l)]} (less preferred)" : "no preferred folder"),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    private static string SameText(KeepRule rule) => rule switch
    {
        KeepRule.Pixels => "same pixels",
        KeepRule.Format => "same format class",
        KeepRule.Compression => "same bytes per pixel",
        KeepRule.ExifDate => "same EXIF date",
        KeepRule.PreferredFolder => "same folder preference",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

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
