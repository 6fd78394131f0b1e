using Lookalike.Catalog;

namespace Lookalike.Dedup.Keep;

/// <summary>The file to keep from one duplicate group, and why.</summary>
/// <param name="Reason">Why <paramref name="Keep"/> beat the runner-up, e.g. "4032x3024 (12.2 MP) vs 1024x768 (0.79 MP)".</param>
/// <param name="Duplicates">The other files, best first, each with why it lost to the keeper.</param>
public sealed record KeepChoice(ImageRecord Keep, string Reason, IReadOnlyList<DuplicateFile> Duplicates)
{
    /// <summary>The keeper first, then the duplicates best first.</summary>
    public IEnumerable<ImageRecord> Files => Duplicates.Select(d => d.File).Prepend(Keep);
}

/// <summary>A file that is not kept, with a human-readable comparison against the keeper.</summary>
public sealed record DuplicateFile(ImageRecord File, string WhyNotKept);
