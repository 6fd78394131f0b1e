namespace Lookalike.Dedup.Decisions;

/// <summary>One connected component of the pair graph: image ids (ascending) and the spread of the scores that link them.</summary>
public sealed record PairGroup(IReadOnlyList<long> Ids, int PairCount, double MinScore, double MaxScore);
