namespace Lookalike.Evaluation;

/// <summary>The two-sample Kolmogorov–Smirnov test: the largest gap D between two empirical CDFs, and the
/// chance of a gap at least that large if both samples came from one distribution.</summary>
public sealed record KsResult(int CountA, int CountB, double Statistic, double PValue, double AtValue);

public static class KolmogorovSmirnov
{
    /// <summary>D = sup |F_a(x) − F_b(x)| and its asymptotic p-value, with the small-sample correction of
    /// Stephens (1970) as in Numerical Recipes: λ = (√nₑ + 0.12 + 0.11/√nₑ)·D, nₑ = n·m/(n+m).</summary>
    public static KsResult TwoSample(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException("Both samples need at least one value.");
        var x = a.Order().ToArray();
        var y = b.Order().ToArray();
        int i = 0, j = 0;
        double d = 0, at = x[0];
        while (i < x.Length && j < y.Length)
        {
            var value = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] == value) i++;
            while (j < y.Length && y[j] == value) j++;
            var gap = Math.Abs(i / (double)x.Length - j / (double)y.Length);
            if (gap > d) (d, at) = (gap, value);
        }
        var effective = Math.Sqrt(x.Length * (double)y.Length / (x.Length + y.Length));
        return new KsResult(x.Length, y.Length, d, SurvivalQ((effective + 0.12 + 0.11 / effective) * d), at);
    }

    /// <summary>Q(λ) = 2 Σ (−1)^(k−1) e^(−2k²λ²), the Kolmogorov distribution's upper tail (1 at λ = 0).</summary>
    public static double SurvivalQ(double lambda)
    {
        if (lambda < 1e-3) return 1;
        double sum = 0, sign = 1;
        for (var k = 1; k <= 100; k++)
        {
            var term = sign * Math.Exp(-2 * k * k * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-12) break;
            sign = -sign;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }
}
