using System.Numerics.Tensors;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>Cosine similarity of embeddings and the match/different verdict drawn from it.</summary>
public static class Similarity
{
    /// <summary>Cosine of two vectors; for unit-length embeddings this is their dot product.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Vectors differ in length ({a.Length} vs {b.Length}): they come from different models.");
        return TensorPrimitives.CosineSimilarity(a, b);
    }

    public static SimilarityVerdict Verdict(float cosine, SimilarityThresholds? thresholds = null)
    {
        var t = thresholds ?? SimilarityThresholds.Default;
        if (cosine >= t.Match) return SimilarityVerdict.Match;
        if (cosine < t.Different) return SimilarityVerdict.Different;
        return SimilarityVerdict.Similar;
    }
}

/// <summary>Cosine limits: at or above <see cref="Match"/> a copy, below <see cref="Different"/> unrelated.</summary>
public sealed record SimilarityThresholds(float Match = 0.90f, float Different = 0.50f)
{
    public static readonly SimilarityThresholds Default = new();
}

public enum SimilarityVerdict { Different, Similar, Match }
