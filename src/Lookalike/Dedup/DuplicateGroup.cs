using Lookalike.Catalog;

namespace Lookalike.Dedup;

/// <summary>Images judged near-duplicates of each other, with the closest and farthest matching distance seen.</summary>
public sealed record DuplicateGroup(IReadOnlyList<ImageRecord> Files, int MinDistance, int MaxDistance);
