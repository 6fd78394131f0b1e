namespace Lookalike.Vectors;

/// <summary>One answer of a search: the caller's id and its similarity to the query (dot product of
/// L2-normalised vectors, so 1 is identical and higher is closer).</summary>
public readonly record struct SearchHit(long Id, float Score);

/// <summary>Two stored vectors at least as similar as a threshold (<see cref="A"/> &lt; <see cref="B"/>).</summary>
public readonly record struct SimilarPair(long A, long B, float Score);
