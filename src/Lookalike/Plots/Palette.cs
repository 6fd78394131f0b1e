namespace Lookalike.Plots;

/// <summary>The colours plots share (Tableau 10): one meaning per colour across plots.</summary>
public static class Palette
{
    public const string Blue = "#1f77b4";
    public const string Orange = "#ff7f0e";
    public const string Green = "#2ca02c";
    public const string Red = "#d62728";

    /// <summary>Distinct colours for categories (clusters, classes), repeating after ten.</summary>
    public static readonly IReadOnlyList<string> Categories =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static string Category(int index) => Categories[((index % Categories.Count) + Categories.Count) % Categories.Count];
}
