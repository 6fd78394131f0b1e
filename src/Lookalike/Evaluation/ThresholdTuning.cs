namespace Lookalike.Evaluation;

/// <summary>The recall reachable while at most <see cref="Fpr"/> of the different pairs are let through, and the threshold giving it.</summary>
public sealed record TprAtFpr(double Fpr, double Tpr, double? Threshold);

/// <summary>What <see cref="ThresholdTuning.Run"/> found: the chosen threshold (null when nothing meets the
/// constraint), the curve's ROC area and TPR at standard false-positive rates.</summary>
public sealed record TuningReport(int Pairs, int Same, int Different, string Constraint, ThresholdPoint? Chosen, double RocAuc,
    IReadOnlyList<TprAtFpr> TprAtFpr);

/// <summary>Chooses a similarity threshold from labelled, scored pairs under one constraint.</summary>
public static class ThresholdTuning
{
    /// <summary>The false-positive rates TPR is always reported at (besides a --max-fpr given).</summary>
    public static readonly IReadOnlyList<double> StandardFprs = [0.001, 0.01, 0.05, 0.1];

    /// <summary>Give exactly one of <paramref name="minPrecision"/> and <paramref name="maxFpr"/>.</summary>
    public static TuningReport Run(ThresholdCurve curve, double? minPrecision, double? maxFpr)
    {
        if ((minPrecision is null) == (maxFpr is null)) throw new ArgumentException("Give exactly one of a minimum precision and a maximum false-positive rate.");
        var chosen = minPrecision is { } p ? curve.ForMinPrecision(p) : curve.ForMaxFalsePositiveRate(maxFpr!.Value);
        var constraint = minPrecision is { } q ? $"precision >= {q:0.###}" : $"false-positive rate <= {maxFpr:0.####}";
        var fprs = StandardFprs.Concat(maxFpr is { } f ? [f] : []).Distinct().Order();
        var tpr = fprs.Select(f => curve.ForMaxFalsePositiveRate(f) is { } point ? new TprAtFpr(f, point.Recall, point.Threshold) : new TprAtFpr(f, 0, null)).ToList();
        return new TuningReport(curve.Positives + curve.Negatives, curve.Positives, curve.Negatives, constraint, chosen, curve.RocArea(), tpr);
    }
}
