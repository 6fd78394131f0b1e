using System.CommandLine;
using System.Globalization;
using Lookalike.Catalog;
using Lookalike.Cli.Output;
using Lookalike.Evaluation;
using Lookalike.Explore;
using Lookalike.Plots;

namespace Lookalike.Cli.Commands;

/// <summary>
/// <c>lookalike drift --baseline A --current B</c>: whether two score distributions differ (two-sample
/// Kolmogorov–Smirnov). A and B are files of scores, or catalogs/folders, which stand for the distribution
/// of each image's cosine to its nearest neighbour in the same collection. Exit code 1 when a shift is flagged.
/// </summary>
internal static class DriftCommand
{
    public static Command Create()
    {
        var baseline = new Option<string>("--baseline") { Description = "Scores file (one number per line; the last number of each CSV/TSV line), a catalog.db, a catalog folder, or an indexed image folder", Required = true };
        var current = new Option<string>("--current") { Description = "The same kinds of source as --baseline", Required = true };
        var alpha = new Option<double>("--alpha") { Description = "Flag a shift when the p-value is below this", DefaultValueFactory = _ => 0.05 };
        var plots = new Option<string?>("--plots") { Description = "Folder to write drift-histogram.png/.svg and drift-ecdf.png/.svg (both distributions overlaid)" };
        var database = CommonOptions.Database();
        database.Description = "Catalog for image folders (default: the nearest .lookalike/catalog.db above each folder)";
        var model = new Option<string?>("--model") { Description = "Embedding model of the catalogs' vectors (default: the built-in one)" };
        var json = CommonOptions.Json();
        var command = new Command("drift", "Compare two score distributions (Kolmogorov–Smirnov) and flag a shift")
        {
            baseline, current, alpha, plots, database, model, json,
        };
        command.SetAction(parse =>
        {
            var level = parse.GetValue(alpha);
            if (level is <= 0 or >= 1) throw new BadInputException("--alpha must be between 0 and 1.");
            var (aName, a) = Scores(parse.GetValue(baseline)!, parse.GetValue(database), parse.GetValue(model));
            var (bName, b) = Scores(parse.GetValue(current)!, parse.GetValue(database), parse.GetValue(model));
            var ks = KolmogorovSmirnov.TwoSample(a, b);
            var shifted = ks.PValue < level;
            var written = parse.GetValue(plots) is { } folder ? WritePlots(folder, aName, a, bName, b, ks) : [];
            if (parse.GetValue(json))
                Json.Write(new { baseline = aName, current = bName, ks, alpha = level, shifted, baselineMedian = Median(a), currentMedian = Median(b), plots = written });
            else
            {
                Console.Out.WriteLine($"baseline {aName}: {a.Count:N0} scores, median {Median(a):0.0000}");
                Console.Out.WriteLine($"current  {bName}: {b.Count:N0} scores, median {Median(b):0.0000}");
                Console.Out.WriteLine($"Kolmogorov–Smirnov D = {ks.Statistic:0.0000} (largest at {ks.AtValue:0.0000}), p = {ks.PValue:G4}: " +
                                      (shifted ? $"SHIFT (p < {level})" : $"no shift detected at alpha {level}"));
                foreach (var plot in written) Console.Out.WriteLine($"plot: {plot}");
            }
            return shifted ? 1 : 0;
        });
        return command;
    }

    /// <summary>A source's name and values: a file's numbers, or a collection's nearest-neighbour cosines.</summary>
    private static (string Name, List<double> Values) Scores(string source, string? database, string? model)
    {
        var full = Path.GetFullPath(source);
        if (File.Exists(full) && !full.EndsWith(".db", StringComparison.OrdinalIgnoreCase)) return (full, ReadScores(full));
        string catalogPath;
        List<string>? roots = null;
        if (File.Exists(full)) catalogPath = full;
        else if (File.Exists(Path.Combine(full, ImageCatalog.FileName))) catalogPath = Path.Combine(full, ImageCatalog.FileName);
        else if (Directory.Exists(full))
        {
            catalogPath = CatalogLocation.Existing([full], database);
            roots = [full];
        }
        else throw new BadInputException($"{full}: no such file or folder.");
        if (!File.Exists(catalogPath)) throw new BadInputException($"no catalog at {catalogPath}.");
        using var catalog = ImageCatalog.Open(catalogPath);
        var key = ModelKey.Resolve(model);
        var points = EmbeddingPoints.FromCatalog(catalog, key, roots);
        if (points.Count < 2) throw new BadInputException($"{full}: {points.Count} image(s) with embeddings of {key} in {catalogPath}; drift needs at least two.");
        return (full, NeighbourSimilarities.Compute(points).ToList());
    }

    private static List<double> ReadScores(string path)
    {
        var values = new List<double>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var fields = line.Split([',', '\t', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (fields.Length == 0) continue;
            if (double.TryParse(fields[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) values.Add(value);
            else if (number > 1 || values.Count > 0) Terminal.Problem($"{path}:{number}", $"'{fields[^1]}' is not a number; line skipped");
        }
        if (values.Count == 0) throw new BadInputException($"{path}: no scores in the file.");
        return values;
    }

    private static string[] WritePlots(string folder, string aName, List<double> a, string bName, List<double> b, KsResult ks)
    {
        Directory.CreateDirectory(folder);
        ScoreHistogramPlot.Series[] series = [new($"baseline: {Path.GetFileName(aName)}", a, Palette.Blue), new($"current: {Path.GetFileName(bName)}", b, Palette.Orange)];
        var mark = new ScoreHistogramPlot.Mark($"largest gap D = {ks.Statistic:0.000}, p = {ks.PValue:G3}", ks.AtValue, Palette.Red);
        var histogram = ScoreHistogramPlot.Create("Baseline and current scores", "score", series, [mark], yLabel: "share of values per bin");
        var ecdf = EcdfPlot.Create("Cumulative distributions (Kolmogorov–Smirnov)", "score", series, mark);
        return [.. PlotImage.SaveBoth(histogram, folder, "drift-histogram"), .. PlotImage.SaveBoth(ecdf, folder, "drift-ecdf")];
    }

    private static double Median(List<double> values) => RetrievalMetrics.Percentile(values, 0.5);
}
