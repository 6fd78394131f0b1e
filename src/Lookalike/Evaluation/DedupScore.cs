namespace Lookalike.Evaluation;

/// <summary>How many of the pairs that should be found were found.</summary>
public readonly record struct PairRecall(long Found, long Total)
{
    public double Rate => Total == 0 ? double.NaN : (double)Found / Total;
}

/// <summary>A predicted group holding families that must not be together, with how many files of each.</summary>
public sealed record FalseGroup(PredictedGroup Group, IReadOnlyList<(string Family, int Files)> Families, long DifferentPairs);

/// <summary>
/// Pairwise score of a dedup grouping against a <see cref="DedupGroundTruth"/>. A pair is predicted positive when
/// both files are in one group; "similar" pairs count in neither precision nor recall.
/// </summary>
public sealed record DedupScore(
    int Images,
    int PredictedGroups,
    int UnlabelledFiles,
    long TruePairs,
    long FalsePairs,
    long DuplicatePairs,
    PairRecall SimilarPairs,
    IReadOnlyDictionary<string, PairRecall> RecallByTransform,
    IReadOnlyDictionary<string, long> FalsePairsByTransform,
    PairRecall CopyPairs,
    PairRecall CrossFamilyPairs,
    IReadOnlyList<FalseGroup> FalseGroups,
    PairRecall SameClassPairs = default,
    PairRecall KeeperIsOriginal = default)
{
    /// <summary>Precision when similar pairs (bursts, frames, stereo pairs) count as mistakes too: what the default
    /// copy level is held to.</summary>
    public double CopyPrecision => TruePairs + FalsePairs + SimilarPairs.Found == 0 ? 1
        : (double)TruePairs / (TruePairs + FalsePairs + SimilarPairs.Found);

    /// <summary>Hard-negative pairs grouped: similar families plus different pictures of one class.</summary>
    public long HardNegativesGrouped => SimilarPairs.Found + SameClassPairs.Found;

    public double Precision => TruePairs + FalsePairs == 0 ? 1 : (double)TruePairs / (TruePairs + FalsePairs);

    public double Recall => DuplicatePairs == 0 ? double.NaN : (double)TruePairs / DuplicatePairs;

    /// <summary>Share of predicted groups with at least one pair of files that must not be together.</summary>
    public double FalseGroupRate => PredictedGroups == 0 ? 0 : (double)FalseGroups.Count / PredictedGroups;
}
