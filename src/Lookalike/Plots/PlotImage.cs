using ScottPlot;

namespace Lookalike.Plots;

/// <summary>The picture formats plots are written in.</summary>
public enum PlotFormat { Png, Svg }

/// <summary>
/// Renders a ScottPlot plot to bytes (for files, and for the web app to serve) in one of the
/// <see cref="PlotFormat"/>s. Every plot of the project goes through here so all share one look.
/// </summary>
public static class PlotImage
{
    public const int DefaultWidth = 900;
    public const int DefaultHeight = 560;

    public static byte[] Render(Plot plot, PlotFormat format, int width = DefaultWidth, int height = DefaultHeight) => format switch
    {
        PlotFormat.Png => plot.GetImageBytes(width, height, ImageFormat.Png),
        _ => System.Text.Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height)),
    };

    /// <summary>Writes <paramref name="plot"/> to <paramref name="destination"/>.</summary>
    public static void Write(Plot plot, PlotFormat format, Stream destination, int width = DefaultWidth, int height = DefaultHeight) =>
        destination.Write(Render(plot, format, width, height));

    /// <summary>The format a file name asks for (.png or .svg).</summary>
    /// <exception cref="ArgumentException">Any other extension.</exception>
    public static PlotFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => PlotFormat.Png,
        ".svg" => PlotFormat.Svg,
        _ => throw new ArgumentException($"{path}: a plot is written as .png or .svg.", nameof(path)),
    };

    /// <summary>Writes <paramref name="plot"/> to a file, the format chosen by its extension.</summary>
    public static void Save(Plot plot, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        var format = FormatOf(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, Render(plot, format, width, height));
    }

    /// <summary>Writes <paramref name="plot"/> as DIR/NAME.png and DIR/NAME.svg; returns both paths.</summary>
    public static string[] SaveBoth(Plot plot, string directory, string name, int width = DefaultWidth, int height = DefaultHeight)
    {
        string[] paths = [Path.Combine(directory, name + ".png"), Path.Combine(directory, name + ".svg")];
        foreach (var path in paths) Save(plot, path, width, height);
        return paths;
    }
}
