using Lookalike.Evaluation;

namespace Lookalike.Tests.Evaluation;

/// <summary>Threshold choice on the hand-worked case of issue 16 and on small cases checked by hand.</summary>
public sealed class ThresholdCurveTests
{
    private static readonly double[] Scores = [0.95, 0.92, 0.88, 0.83, 0.78, 0.65, 0.55, 0.40];
    private static readonly bool[] Labels = [true, true, true, false, true, false, false, false];

    [Fact]
    public void PrecisionAtLeastNinetyPercentGivesThresholdPointEightyEight()
    {
        var curve = ThresholdCurve.From(Scores, Labels);
        var chosen = curve.ForMinPrecision(0.90)!;
        // At 0.88: 3 of 3 calls right (precision 1), 3 of 4 same pairs found; at 0.83 precision drops to 3/4.
        Assert.Equal(0.88, chosen.Threshold);
        Assert.Equal(1.0, chosen.Precision);
        Assert.Equal(0.75, chosen.Recall);
        // At 0.78 precision is 4/5 = 0.8 and every same pair is found.
        Assert.Equal(0.78, curve.ForMinPrecision(0.80)!.Threshold);
        Assert.Equal(1.0, curve.ForMinPrecision(0.80)!.Recall);
    }

    [Fact]
    public void MaxFalsePositiveRateAndRocArea()
    {
        var curve = ThresholdCurve.From(Scores, Labels);
        Assert.Equal(0.88, curve.ForMaxFalsePositiveRate(0)!.Threshold);
        var quarter = curve.ForMaxFalsePositiveRate(0.25)!; // one of the four different pairs allowed
        Assert.Equal(0.78, quarter.Threshold);
        Assert.Equal(1.0, quarter.Recall);
        // 15 of the 16 (same, different) score pairs are ordered right.
        Assert.Equal(15 / 16.0, curve.RocArea(), 12);

        var report = ThresholdTuning.Run(curve, null, 0.25);
        Assert.Equal(0.78, report.Chosen!.Threshold);
        Assert.Contains(report.TprAtFpr, t => t.Fpr == 0.25 && t.Tpr == 1.0);
        Assert.Contains(report.TprAtFpr, t => t.Fpr == 0.001 && t.Tpr == 0.75 && t.Threshold == 0.88);
    }

    [Fact]
    public void TiedScoresShareOneThresholdAndAnUnreachablePrecisionGivesNone()
    {
        var curve = ThresholdCurve.From([0.9, 0.9, 0.5], [true, false, true]);
        Assert.Equal([0.9, 0.5], curve.Points.Select(p => p.Threshold));
        Assert.Equal(0.5, curve.Points[0].Precision);
        Assert.Null(curve.ForMinPrecision(0.9));
        Assert.Equal(0.5, curve.ForMinPrecision(0.6)?.Threshold ?? double.NaN, 12); // 2 of 3 at 0.5
    }
}
