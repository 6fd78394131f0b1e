using Lookalike.Evaluation;

namespace Lookalike.Tests.Evaluation;

/// <summary>The retrieval metrics on rankings worked out by hand.</summary>
public sealed class RetrievalMetricsTests
{
    // Relevant at ranks 1, 3 and 6; 4 relevant items exist (one never retrieved).
    private static readonly bool[] Ranking = [true, false, true, false, false, true];

    [Fact]
    public void PrecisionAndRecallAtK()
    {
        Assert.Equal(1.0, RetrievalMetrics.PrecisionAtK(Ranking, 1));
        Assert.Equal(2 / 3.0, RetrievalMetrics.PrecisionAtK(Ranking, 3), 12);
        Assert.Equal(3 / 10.0, RetrievalMetrics.PrecisionAtK(Ranking, 10), 12); // past the end counts as misses
        Assert.Equal(0.25, RetrievalMetrics.RecallAtK(Ranking, 1, 4));
        Assert.Equal(0.75, RetrievalMetrics.RecallAtK(Ranking, 6, 4));
        Assert.Equal(0, RetrievalMetrics.RecallAtK(Ranking, 6, 0));
    }

    [Fact]
    public void AveragePrecisionCountsUnretrievedRelevantItemsAsZero()
    {
        // (1/1 + 2/3 + 3/6) / 4
        Assert.Equal((1 + 2 / 3.0 + 0.5) / 4, RetrievalMetrics.AveragePrecision(Ranking, 4), 12);
        Assert.Equal(1.0, RetrievalMetrics.AveragePrecision([true, true, false], 2));
        Assert.Equal(0.0, RetrievalMetrics.AveragePrecision([false, false], 1));
    }

    [Fact]
    public void PercentileInterpolatesBetweenRanks()
    {
        double[] values = [40, 10, 30, 20];
        Assert.Equal(25, RetrievalMetrics.Percentile(values, 0.5));
        Assert.Equal(10, RetrievalMetrics.Percentile(values, 0));
        Assert.Equal(40, RetrievalMetrics.Percentile(values, 1));
        Assert.Equal(38.5, RetrievalMetrics.Percentile(values, 0.95), 12);
    }

    [Fact]
    public void OverlapWithTheExactTopK()
    {
        Assert.Equal(0.5, RetrievalMetrics.OverlapAtK([1, 9, 3, 8], [1, 2, 3, 4], 2));
        Assert.Equal(0.5, RetrievalMetrics.OverlapAtK([1, 9, 3, 8], [1, 2, 3, 4], 4));
        Assert.Equal(1.0, RetrievalMetrics.OverlapAtK([2, 1], [1, 2], 2));
    }
}
