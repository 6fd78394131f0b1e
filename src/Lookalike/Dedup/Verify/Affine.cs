namespace Lookalike.Dedup.Verify;

/// <summary>x' = A x + B y + C, y' = D x + E y + F: where a point of one picture lies in the other.</summary>
internal readonly record struct Affine(double A, double B, double C, double D, double E, double F)
{
    public (double X, double Y) Apply(double x, double y) => (A * x + B * y + C, D * x + E * y + F);

    /// <summary>Mean scale (square root of the determinant; negative determinants are not made by the fits).</summary>
    public double Scale => Math.Sqrt(Math.Abs(A * E - B * D));

    public double RotationDegrees => Math.Atan2(D - B, A + E) * 180 / Math.PI;

    /// <summary>Ratio of the larger to the smaller singular value: 1 for a similarity, 1.3 for a 30 % stretch.</summary>
    public double Anisotropy
    {
        get
        {
            double p = A * A + B * B + D * D + E * E, det = Math.Abs(A * E - B * D);
            double root = Math.Sqrt(Math.Max(0, p * p - 4 * det * det));
            double s1 = Math.Sqrt((p + root) / 2), s2 = Math.Sqrt(Math.Max(1e-12, (p - root) / 2));
            return s1 / s2;
        }
    }

    /// <summary>The model the other way round (null when it is degenerate).</summary>
    public Affine? Inverse()
    {
        double det = A * E - B * D;
        if (Math.Abs(det) < 1e-12) return null;
        double ia = E / det, ib = -B / det, id = -D / det, ie = A / det;
        return new Affine(ia, ib, -(ia * C + ib * F), id, ie, -(id * C + ie * F));
    }

    /// <summary>The rotation, uniform scale and shift taking a1 to b1 and a2 to b2.</summary>
    public static Affine? Similarity(double ax1, double ay1, double bx1, double by1, double ax2, double ay2, double bx2, double by2)
    {
        double dax = ax2 - ax1, day = ay2 - ay1, dbx = bx2 - bx1, dby = by2 - by1;
        double norm = dax * dax + day * day;
        if (norm < 25) return null;
        double a = (dax * dbx + day * dby) / norm, b = (dax * dby - day * dbx) / norm;
        return new Affine(a, -b, bx1 - a * ax1 + b * ay1, b, a, by1 - b * ax1 - a * ay1);
    }

    /// <summary>Least-squares affine through the point pairs (null when they are degenerate).</summary>
    public static Affine? Fit(IReadOnlyList<(double Ax, double Ay, double Bx, double By)> pairs)
    {
        if (pairs.Count < 3) return null;
        double sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, n = pairs.Count;
        double bx = 0, bxx = 0, bxy = 0, by = 0, byx = 0, byy = 0;
        foreach (var (ax, ay, tx, ty) in pairs)
        {
            sxx += ax * ax; sxy += ax * ay; syy += ay * ay; sx += ax; sy += ay;
            bxx += ax * tx; bxy += ay * tx; bx += tx;
            byx += ax * ty; byy += ay * ty; by += ty;
        }
        // Normal equations M [p q r] = v with M = [[sxx sxy sx] [sxy syy sy] [sx sy n]].
        double[,] m = { { sxx, sxy, sx }, { sxy, syy, sy }, { sx, sy, n } };
        var row1 = Solve(m, bxx, bxy, bx);
        var row2 = Solve(m, byx, byy, by);
        if (row1 is null || row2 is null) return null;
        return new Affine(row1.Value.P, row1.Value.Q, row1.Value.R, row2.Value.P, row2.Value.Q, row2.Value.R);
    }

    private static (double P, double Q, double R)? Solve(double[,] m, double v1, double v2, double v3)
    {
        double det = m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0])
                     + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        if (Math.Abs(det) < 1e-9) return null;
        double d1 = v1 * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (v2 * m[2, 2] - m[1, 2] * v3) + m[0, 2] * (v2 * m[2, 1] - m[1, 1] * v3);
        double d2 = m[0, 0] * (v2 * m[2, 2] - m[1, 2] * v3) - v1 * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0]) + m[0, 2] * (m[1, 0] * v3 - v2 * m[2, 0]);
        double d3 = m[0, 0] * (m[1, 1] * v3 - v2 * m[2, 1]) - m[0, 1] * (m[1, 0] * v3 - v2 * m[2, 0]) + v1 * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);
        return (d1 / det, d2 / det, d3 / det);
    }
}
