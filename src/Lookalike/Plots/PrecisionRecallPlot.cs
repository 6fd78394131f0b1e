using Lookalike.Evaluation;
using ScottPlot;

namespace Lookalike.Plots;

/// <summary>The precision–recall curve of a <see cref="ThresholdCurve"/>, the chosen threshold marked on it.</summary>
public static class PrecisionRecallPlot
{
    private const int MaxPoints = 2000;

    public static Plot Create(string title, ThresholdCurve curve, ThresholdPoint? chosen)
    {
        var plot = new Plot();
        // Tens of thousands of thresholds draw the same line as a few thousand, and keep the SVG small.
        var step = Math.Max(1, curve.Points.Count / MaxPoints);
        var points = curve.Points.Where((_, i) => i % step == 0 || i == curve.Points.Count - 1).ToList();
        var recall = points.Select(p => p.Recall).Prepend(0).ToArray();
        var precision = points.Select(p => p.Precision).Prepend(1).ToArray();
        var line = plot.Add.ScatterLine(recall, precision, Color.FromHex(Palette.Blue));
        line.LineWidth = 2;
        line.LegendText = $"precision–recall (ROC AUC {curve.RocArea():0.000})";
        var baseline = plot.Add.HorizontalLine(curve.Positives / (double)Math.Max(1, curve.Positives + curve.Negatives), 1, Colors.Gray, LinePattern.Solid);
        baseline.LegendText = "chance (share of same pairs)";
        if (chosen != null)
        {
            var marker = plot.Add.Marker(chosen.Recall, chosen.Precision, MarkerShape.FilledCircle, 12, Color.FromHex(Palette.Red));
            marker.LegendText = $"threshold {chosen.Threshold:0.###}: precision {chosen.Precision:0.000}, recall {chosen.Recall:0.000}";
        }
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.Title(title);
        plot.XLabel("recall (share of same pairs found)");
        plot.YLabel("precision (share of calls that are right)");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }
}
