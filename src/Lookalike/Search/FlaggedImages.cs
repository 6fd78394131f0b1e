using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Ingest;
using Lookalike.Loading;

namespace Lookalike.Search;

/// <summary>A flagged image an image was found to match: the list entry, how many of the 256 bits differ, and the
/// transform that turns the flagged picture into the checked image (Identity for a copy the right way up).</summary>
public sealed record FlaggedMatch(PdqListEntry Entry, int Distance, Dihedral Transform);

/// <summary>
/// A collection of flagged pictures to check images against (moderation): PDQ hashes from a hash list file, or from
/// a folder of flagged images hashed here, in memory. They are never written to a catalog, so flagged material stays
/// apart from the user's library. Matching compares all 8 orientations of the checked image with every entry (a linear
/// scan: four popcounts per orientation and entry).
/// </summary>
public sealed class FlaggedImages
{
    private readonly List<PdqListEntry> _entries;

    private FlaggedImages(List<PdqListEntry> entries) => _entries = entries;

    public IReadOnlyList<PdqListEntry> Entries => _entries;

    /// <summary>Entries left out for a quality below the minimum.</summary>
    public int LowQuality { get; private init; }

    /// <summary>
    /// Loads a hash list file or hashes a folder (or single image) of flagged pictures. Lines that are not hashes and
    /// images that cannot be read go to <paramref name="onProblem"/> (path, reason) and loading goes on; entries whose
    /// quality is below <paramref name="minQuality"/> are left out (entries without a quality are kept).
    /// </summary>
    public static FlaggedImages Load(string path, Fingerprinter fingerprinter, int minQuality, Action<string, string> onProblem)
    {
        var full = Path.GetFullPath(path);
        List<PdqListEntry> entries;
        if (Directory.Exists(full) || FileScanner.IsImageName(full)) entries = Hash(full, fingerprinter, onProblem);
        else if (File.Exists(full)) entries = PdqHashList.Read(full, (line, reason) => onProblem($"{full}:{line}", reason));
        else throw new FileNotFoundException($"{full}: no such hash list, folder or image.", full);
        var kept = entries.Where(e => e.Quality is not { } q || q >= minQuality).ToList();
        return new FlaggedImages(kept) { LowQuality = entries.Count - kept.Count };
    }

    public static FlaggedImages Combine(IEnumerable<FlaggedImages> lists)
    {
        var all = lists.ToList();
        return new FlaggedImages(all.SelectMany(l => l._entries).ToList()) { LowQuality = all.Sum(l => l.LowQuality) };
    }

    /// <summary>Every entry within <paramref name="maxDistance"/> of the image in some orientation, closest first.</summary>
    public List<FlaggedMatch> Match(PdqHashes image, int maxDistance = PdqHash.MatchDistance)
    {
        var matches = new List<FlaggedMatch>();
        foreach (var entry in _entries)
        {
            var (distance, transform) = image.Closest(entry.Hash);
            if (distance <= maxDistance) matches.Add(new FlaggedMatch(entry, distance, transform));
        }
        matches.Sort((a, b) => a.Distance.CompareTo(b.Distance));
        return matches;
    }

    /// <summary>PDQ of each image in the folder (decoded in parallel, reported in path order), labelled by its path.</summary>
    private static List<PdqListEntry> Hash(string folderOrImage, Fingerprinter fingerprinter, Action<string, string> onProblem)
    {
        var files = FileScanner.Scan([folderOrImage], onProblem);
        var results = files.AsParallel().AsOrdered().Select(file =>
        {
            try
            {
                return (File: file, Hashes: fingerprinter.ComputePdq(file), Problem: (string?)null);
            }
            catch (ImageDecodeException e)
            {
                return (File: file, Hashes: (PdqHashes?)null, Problem: e.Reason);
            }
        }).ToList();
        var entries = new List<PdqListEntry>();
        foreach (var (file, hashes, problem) in results)
        {
            if (hashes is null) onProblem(file, problem!);
            else entries.Add(new PdqListEntry(hashes.Hash, hashes.Quality, file, 0));
        }
        return entries;
    }
}
