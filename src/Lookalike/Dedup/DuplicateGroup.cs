using Lookalike.Catalog;

namespace Lookalike.Dedup;

/// <summary>Images judged duplicates of each other, with the evidence that links them.</summary>
/// <param name="Level">The loosest level among the links that hold the group together.</param>
/// <param name="Levels">How many of those links are of each level, strictest first.</param>
public sealed record DuplicateGroup(IReadOnlyList<ImageRecord> Files, IReadOnlyList<EvidenceRange> Evidence,
    DuplicateLevel Level = DuplicateLevel.Copy, IReadOnlyList<LevelCount>? Levels = null, ContentCheck? Content = null);

/// <summary>What the content verifier found for the pairs it judged inside a group: how many, the fewest inliers of a
/// geometric model, the lowest share of agreeing cells and the most moved cells among them.</summary>
public sealed record ContentCheck(int Pairs, int MinInliers, double MinAgreement, int MaxMovedCells);

/// <summary>How many links of a group are of one level.</summary>
public sealed record LevelCount(DuplicateLevel Level, int Links);

/// <summary>How many links of one kind hold a group together, and their closest and farthest distance.</summary>
public sealed record EvidenceRange(MatchEvidence Evidence, int Count, int MinDistance, int MaxDistance);
