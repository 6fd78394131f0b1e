namespace Lookalike.Dedup.Decisions;

/// <summary>Two catalog image ids the finder matched, with its score (distance or similarity; grouping does not interpret it).</summary>
public readonly record struct ScoredPair(long A, long B, double Score);
