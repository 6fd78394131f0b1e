using Lookalike.Evaluation;

namespace Lookalike.Tests.Evaluation;

/// <summary>The two-sample KS statistic on samples worked out by hand, and the Kolmogorov tail at its textbook critical values.</summary>
public sealed class KolmogorovSmirnovTests
{
    [Fact]
    public void StatisticIsTheLargestGapBetweenTheEmpiricalCdfs()
    {
        // F_a reaches 0.5 at 2 while F_b is still 0; from 3 on they close in again.
        var result = KolmogorovSmirnov.TwoSample([1, 2, 3, 4], [3, 4, 5, 6]);
        Assert.Equal(0.5, result.Statistic);
        Assert.Equal(2, result.AtValue);
        Assert.Equal(1.0, KolmogorovSmirnov.TwoSample([1, 2], [3, 4]).Statistic);
        var same = KolmogorovSmirnov.TwoSample([1, 2, 2, 3], [3, 2, 1, 2]);
        Assert.Equal(0, same.Statistic);
        Assert.Equal(1, same.PValue);
    }

    [Fact]
    public void KolmogorovTailAtTheUsualCriticalValues()
    {
        // The 5% and 1% critical values of the Kolmogorov distribution: 1.358 and 1.628.
        Assert.Equal(0.05, KolmogorovSmirnov.SurvivalQ(1.358), 0.001);
        Assert.Equal(0.01, KolmogorovSmirnov.SurvivalQ(1.628), 0.0005);
        Assert.Equal(1, KolmogorovSmirnov.SurvivalQ(0));
    }

    [Fact]
    public void ShiftedSamplesGetASmallPValueAndOneDistributionALargeOne()
    {
        var random = new Random(3);
        double[] Sample(double shift) => Enumerable.Range(0, 400).Select(_ => random.NextDouble() + shift).ToArray();
        Assert.True(KolmogorovSmirnov.TwoSample(Sample(0), Sample(0.2)).PValue < 1e-6);
        Assert.True(KolmogorovSmirnov.TwoSample(Sample(0), Sample(0)).PValue > 0.01);
    }
}
