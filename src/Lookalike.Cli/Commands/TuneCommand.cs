using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Cli.Output;
using Lookalike.Evaluation;
using Lookalike.Plots;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary>
/// <c>lookalike tune --pairs FILE [--min-precision P | --max-fpr F] [--plots DIR]</c>: the similarity
/// threshold with the most recall under a precision or false-positive-rate constraint, from labelled pairs.
/// </summary>
internal static class TuneCommand
{
    private const double DefaultMinPrecision = 0.9;

    public static Command Create()
    {
        var pairs = new Option<string>("--pairs")
        {
            Description = "Labelled pairs: path_a,path_b,same[,score] (CSV or TSV, header optional). Without a score column the pair's score is the " +
                          "cosine of the two catalog embeddings. A path,class file stands for all its pairs (same class = same)",
            Required = true,
        };
        var minPrecision = new Option<double?>("--min-precision") { Description = $"Choose the threshold with the most recall at this precision or more (default {DefaultMinPrecision})" };
        var maxFpr = new Option<double?>("--max-fpr") { Description = "Choose the threshold with the most recall letting through at most this share of different pairs" };
        var plots = new Option<string?>("--plots") { Description = "Folder to write scores.png/.svg (same vs different histograms, threshold marked) and precision-recall.png/.svg" };
        var database = CommonOptions.Database();
        database.Description = "Directory holding the catalog (default: the nearest .lookalike/catalog.db above the current folder, then above the pair file)";
        var model = new Option<string?>("--model") { Description = "Embedding model whose vectors score the pairs (default: the built-in one)" };
        var json = CommonOptions.Json();
        var command = new Command("tune", "Choose a similarity threshold from labelled pairs, with plots")
        {
            pairs, minPrecision, maxFpr, plots, database, model, json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(minPrecision) is not null && result.GetValue(maxFpr) is not null) result.AddError("Give --min-precision or --max-fpr, not both.");
            if (result.GetValue(minPrecision) is < 0 or > 1) result.AddError("--min-precision must be between 0 and 1.");
            if (result.GetValue(maxFpr) is < 0 or > 1) result.AddError("--max-fpr must be between 0 and 1.");
        });
        command.SetAction(parse =>
        {
            var file = EvalCommand.ReadLabels(parse.GetValue(pairs)!);
            foreach (var problem in file.Problems) Terminal.Problem($"{problem.File}:{problem.Line}", problem.Reason);
            var scored = Score(file, parse.GetValue(database), parse.GetValue(model));
            if (scored.Count == 0) throw new BadInputException($"{file.Path}: no pair could be scored.");
            var curve = ThresholdCurve.From(scored.Select(p => p.Score).ToList(), scored.Select(p => p.Same).ToList());
            if (curve.Positives == 0 || curve.Negatives == 0)
                throw new BadInputException($"{file.Path}: tuning needs both same and different pairs (got {curve.Positives} same, {curve.Negatives} different).");
            var maxRate = parse.GetValue(maxFpr);
            var report = ThresholdTuning.Run(curve, maxRate is null ? parse.GetValue(minPrecision) ?? DefaultMinPrecision : null, maxRate);
            var written = parse.GetValue(plots) is { } folder ? WritePlots(folder, scored, curve, report) : [];
            if (parse.GetValue(json)) Json.Write(new { pairs = file.Path, report, plots = written });
            else Print(report, written);
            return report.Chosen is null ? 1 : 0;
        });
        return command;
    }

    private static List<ScoredPair> Score(LabelFile file, string? database, string? model)
    {
        if (!LabelledPairScores.NeedsCatalog(file)) return LabelledPairScores.Score(file, null, null, _ => { });
        using ImageCatalog catalog = CatalogLocation.OpenExisting([file.Path], database);
        return LabelledPairScores.Score(file, catalog, ModelKey.Resolve(model), line => Console.Error.WriteLine($"lookalike: {line}"));
    }

    private static string[] WritePlots(string folder, List<ScoredPair> scored, ThresholdCurve curve, TuningReport report)
    {
        Directory.CreateDirectory(folder);
        ScoreHistogramPlot.Mark[] marks = report.Chosen is { } chosen ? [new($"threshold ({report.Constraint})", chosen.Threshold, Palette.Red)] : [];
        var histogram = ScoreHistogramPlot.Create("Scores of same and different pairs", "similarity score",
            [
                new("different", scored.Where(p => !p.Same).Select(p => p.Score).ToList(), Palette.Blue),
                new("same", scored.Where(p => p.Same).Select(p => p.Score).ToList(), Palette.Orange),
            ], marks);
        var pr = PrecisionRecallPlot.Create("Precision and recall by threshold", curve, report.Chosen);
        return [.. PlotImage.SaveBoth(histogram, folder, "scores"), .. PlotImage.SaveBoth(pr, folder, "precision-recall")];
    }

    private static void Print(TuningReport report, string[] plots)
    {
        var output = Terminal.Out;
        output.WriteLine($"{report.Pairs:N0} pairs: {report.Same:N0} same, {report.Different:N0} different; ROC AUC {report.RocAuc:0.000}");
        if (report.Chosen is { } c)
            output.WriteLine($"threshold {c.Threshold:0.0000} ({report.Constraint}): precision {c.Precision:0.000}, recall {c.Recall:0.000}, " +
                             $"false-positive rate {c.FalsePositiveRate:0.0000} ({c.TruePositives} true and {c.FalsePositives} false matches, {c.FalseNegatives} missed)");
        else output.WriteLine($"no threshold meets {report.Constraint}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("FPR at most").RightAligned())
            .AddColumn(new TableColumn("TPR").RightAligned()).AddColumn(new TableColumn("threshold").RightAligned());
        foreach (var row in report.TprAtFpr) table.AddRow($"{row.Fpr:0.####}", $"{row.Tpr:0.000}", row.Threshold is { } t ? $"{t:0.0000}" : "-");
        output.Write(table);
        foreach (var plot in plots) output.WriteLine($"plot: {plot}");
    }
}
