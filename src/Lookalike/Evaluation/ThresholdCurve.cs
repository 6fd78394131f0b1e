namespace Lookalike.Evaluation;

/// <summary>The confusion counts when every pair scoring at least <see cref="Threshold"/> is called "same".</summary>
public sealed record ThresholdPoint(double Threshold, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    /// <summary>1 when nothing is called "same" (no false claims yet).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : TruePositives / (double)(TruePositives + FalsePositives);

    /// <summary>Recall, the true-positive rate.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : TruePositives / (double)(TruePositives + FalseNegatives);

    public double FalsePositiveRate => FalsePositives + TrueNegatives == 0 ? 0 : FalsePositives / (double)(FalsePositives + TrueNegatives);
}

/// <summary>
/// Precision, recall and false-positive rate at every threshold a set of labelled scores allows (each
/// distinct score, highest first), and the thresholds that meet a precision or false-positive-rate
/// constraint with the most recall. Pure functions of the scores and labels.
/// </summary>
public sealed class ThresholdCurve
{
    private ThresholdCurve(IReadOnlyList<ThresholdPoint> points, int positives, int negatives)
    {
        Points = points;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>One point per distinct score, highest threshold first.</summary>
    public IReadOnlyList<ThresholdPoint> Points { get; }
    public int Positives { get; }
    public int Negatives { get; }

    public static ThresholdCurve From(IReadOnlyList<double> scores, IReadOnlyList<bool> same)
    {
        if (scores.Count != same.Count) throw new ArgumentException($"{scores.Count} scores but {same.Count} labels.", nameof(same));
        if (scores.Any(double.IsNaN)) throw new ArgumentException("A score is NaN.", nameof(scores));
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var positives = same.Count(s => s);
        var negatives = same.Count - positives;
        var points = new List<ThresholdPoint>();
        int tp = 0, fp = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (same[order[i]]) tp++;
            else fp++;
            // Ties share one threshold: a point only after the last pair of equal score.
            if (i + 1 < order.Length && scores[order[i + 1]] == scores[order[i]]) continue;
            points.Add(new ThresholdPoint(scores[order[i]], tp, fp, positives - tp, negatives - fp));
        }
        return new ThresholdCurve(points, positives, negatives);
    }

    /// <summary>The threshold with the highest recall whose precision is at least <paramref name="minPrecision"/>
    /// (the highest such threshold among equal recalls); null when none reaches it.</summary>
    public ThresholdPoint? ForMinPrecision(double minPrecision) =>
        Best(Points.Where(p => p.TruePositives > 0 && p.Precision >= minPrecision));

    /// <summary>The threshold with the highest recall whose false-positive rate is at most <paramref name="maxFpr"/>;
    /// its recall is the TPR at that FPR. Null when even the highest threshold lets more false positives through.</summary>
    public ThresholdPoint? ForMaxFalsePositiveRate(double maxFpr) =>
        Best(Points.Where(p => p.TruePositives > 0 && p.FalsePositiveRate <= maxFpr));

    /// <summary>Area under the ROC curve (trapezoids; ties count half), the chance a same pair outscores a different one.</summary>
    public double RocArea()
    {
        if (Positives == 0 || Negatives == 0) return double.NaN;
        double area = 0, previousTpr = 0, previousFpr = 0;
        foreach (var p in Points)
        {
            area += (p.FalsePositiveRate - previousFpr) * (p.Recall + previousTpr) / 2;
            (previousTpr, previousFpr) = (p.Recall, p.FalsePositiveRate);
        }
        return area;
    }

    // Points run from the highest threshold down, so recall only grows: the last point that qualifies with the
    // highest recall is the first one reaching that recall, i.e. the highest threshold giving it.
    private static ThresholdPoint? Best(IEnumerable<ThresholdPoint> candidates)
    {
        ThresholdPoint? best = null;
        foreach (var p in candidates)
            if (best is null || p.Recall > best.Recall) best = p;
        return best;
    }
}
