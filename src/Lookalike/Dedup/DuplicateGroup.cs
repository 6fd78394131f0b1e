using Lookalike.Catalog;

namespace Lookalike.Dedup;

/// <summary>Images judged duplicates of each other, with the evidence that links them.</summary>
public sealed record DuplicateGroup(IReadOnlyList<ImageRecord> Files, IReadOnlyList<EvidenceRange> Evidence);

/// <summary>How many links of one kind hold a group together, and their closest and farthest distance.</summary>
public sealed record EvidenceRange(MatchEvidence Evidence, int Count, int MinDistance, int MaxDistance);
