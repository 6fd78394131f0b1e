using Lookalike.Catalog;

namespace Lookalike.Dedup;

/// <summary>Images judged duplicates of each other, with the evidence that links them.</summary>
/// <param name="Level">The loosest level among the links that hold the group together.</param>
/// <param name="Levels">How many of those links are of each level, strictest first.</param>
public sealed record DuplicateGroup(IReadOnlyList<ImageRecord> Files, IReadOnlyList<EvidenceRange> Evidence,
    DuplicateLevel Level = DuplicateLevel.Copy, IReadOnlyList<LevelCount>? Levels = null);

/// <summary>How many links of a group are of one level.</summary>
public sealed record LevelCount(DuplicateLevel Level, int Links);

/// <summary>How many links of one kind hold a group together, and their closest and farthest distance.</summary>
public sealed record EvidenceRange(MatchEvidence Evidence, int Count, int MinDistance, int MaxDistance);
