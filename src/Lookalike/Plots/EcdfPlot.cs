using ScottPlot;

namespace Lookalike.Plots;

/// <summary>Empirical cumulative distributions of several samples on one plot (steps), with an optional marked
/// x (where the Kolmogorov–Smirnov gap is largest).</summary>
public static class EcdfPlot
{
    public static Plot Create(string title, string xLabel, IReadOnlyList<ScoreHistogramPlot.Series> series, ScoreHistogramPlot.Mark? mark = null)
    {
        var plot = new Plot();
        foreach (var s in series.Where(s => s.Values.Count > 0))
        {
            var sorted = s.Values.Order().ToArray();
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < sorted.Length; i++)
            {
                // A step: up at each value.
                xs.Add(sorted[i]);
                ys.Add(i / (double)sorted.Length);
                xs.Add(sorted[i]);
                ys.Add((i + 1) / (double)sorted.Length);
            }
            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), Color.FromHex(s.ColorHex));
            line.LineWidth = 2;
            line.LegendText = $"{s.Name} (n={s.Values.Count:N0})";
        }
        if (mark != null)
        {
            var line = plot.Add.VerticalLine(mark.X, 2, Color.FromHex(mark.ColorHex));
            line.LegendText = mark.Name;
        }
        plot.Axes.SetLimitsY(0, 1.02);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("share of values at or below");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
