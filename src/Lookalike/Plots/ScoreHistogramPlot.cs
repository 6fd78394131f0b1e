using ScottPlot;

namespace Lookalike.Plots;

/// <summary>
/// Two score distributions overlaid as histograms, each scaled to its own share of pairs so a few
/// thousand "same" pairs stay visible beside tens of thousands of "different" ones, with optional
/// vertical marks (a chosen threshold).
/// </summary>
public static class ScoreHistogramPlot
{
    public sealed record Series(string Name, IReadOnlyList<double> Values, string ColorHex);

    public sealed record Mark(string Name, double X, string ColorHex);

    public static Plot Create(string title, string xLabel, IReadOnlyList<Series> series, IReadOnlyList<Mark> marks, int bins = 50,
        string yLabel = "share of pairs per bin")
    {
        var plot = new Plot();
        var all = series.SelectMany(s => s.Values).ToList();
        var (min, max) = all.Count == 0 ? (0.0, 1.0) : (all.Min(), all.Max());
        if (max <= min) max = min + 1e-6;
        foreach (var s in series.Where(s => s.Values.Count > 0))
        {
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(bins, min, max);
            histogram.AddRange(s.Values);
            var color = Color.FromHex(s.ColorHex);
            var bars = plot.Add.Bars(histogram.Bins, histogram.GetProbability());
            foreach (var bar in bars.Bars)
            {
                bar.Size = histogram.FirstBinSize * 0.95;
                bar.FillColor = color.WithAlpha(0.55);
                bar.LineWidth = 0;
            }
            bars.LegendText = $"{s.Name} (n={s.Values.Count:N0})";
        }
        foreach (var mark in marks)
        {
            var line = plot.Add.VerticalLine(mark.X, 2, Color.FromHex(mark.ColorHex), LinePattern.Solid);
            line.LegendText = mark.Name;
            line.Text = $"{mark.X:0.###}";
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
