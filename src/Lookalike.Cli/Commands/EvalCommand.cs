using Lookalike.Catalog;
using System.CommandLine;
using Lookalike.Cli.Output;
using Lookalike.Evaluation;
using Lookalike.Fingerprints;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary>
/// <c>lookalike eval --labels FILE</c>: retrieval quality (precision@k, recall@k, mAP) of the catalog's
/// embeddings on labelled images, end-to-end query latency and index build throughput.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var labels = new Option<string>("--labels")
        {
            Description = "Label file: path,class (class-level retrieval) or path_a,path_b,same (labelled pairs); CSV or TSV, header optional, " +
                          "paths relative to the file. The labelled images must be indexed (lookalike index FOLDER) first",
            Required = true,
        };
        var database = CommonOptions.Database();
        database.Description = "Directory holding the catalog (default: the nearest .lookalike/catalog.db above the current folder, then above the label file)";
        var model = ModelChoice.Option();
        var index = new Option<string>("--index")
        {
            Description = "Index kind to evaluate: Flat, F16, SQ8, HNSW32, IVF64,Flat ... (an approximate kind is also compared with the exact scan)",
            DefaultValueFactory = _ => "Flat",
        };
        var latencyQueries = new Option<int>("--latency-queries")
        {
            Description = "Queries timed end to end (decode, embed, search, re-rank); 0 leaves latency out",
            DefaultValueFactory = _ => 50,
        };
        var json = CommonOptions.Json();
        var command = new Command("eval", "Measure retrieval quality, latency and indexing throughput on labelled images")
        {
            labels, database, model, index, latencyQueries, json,
        };
        command.SetAction(parse =>
        {
            var file = ReadLabels(parse.GetValue(labels)!);
            foreach (var problem in file.Problems) Terminal.Problem($"{problem.File}:{problem.Line}", problem.Reason);
            using var catalog = CatalogLocation.OpenExisting([file.Path], parse.GetValue(database));
            using var embedder = ModelChoice.Open(parse.GetValue(model))
                ?? throw new BadInputException("eval needs an embedding model (the built-in default, or --model NAME).");
            RetrievalReport report;
            try
            {
                report = RetrievalEvaluation.Run(catalog, Fingerprinter.KeyOf(embedder.Model), RelevanceLabels.From(file), parse.GetValue(index)!,
                    new Fingerprinter(embedder), parse.GetValue(latencyQueries));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new BadInputException(e.Message);
            }
            foreach (var skipped in report.Skipped) Console.Error.WriteLine($"lookalike: {skipped}");
            if (parse.GetValue(json)) Json.Write(new { labels = file.Path, kind = file.Classes is null ? "pairs" : "classes", report });
            else Print(file, report);
            return 0;
        });
        return command;
    }

    /// <summary>Reads a label file for eval and tune, turning its problems into one line naming the file.</summary>
    public static LabelFile ReadLabels(string path)
    {
        try
        {
            return LabelFile.Read(path);
        }
        catch (Exception e) when (e is FileNotFoundException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new BadInputException(e.Message);
        }
    }

    private static void Print(LabelFile file, RetrievalReport report)
    {
        var output = Terminal.Out;
        output.WriteLine($"{report.Queries} queries over {report.Images} images ({(file.Classes is null ? "labelled pairs" : "classes")} from {file.Path}), " +
                         $"model {report.Model}, index {report.Index}");
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("k").RightAligned())
            .AddColumn(new TableColumn("precision@k").RightAligned()).AddColumn(new TableColumn("recall@k").RightAligned());
        if (report.RecallVsExact != null) table.AddColumn(new TableColumn("recall vs exact").RightAligned());
        foreach (var row in report.AtK)
        {
            var cells = new List<string> { row.K.ToString(), $"{row.Precision:0.000}", $"{row.Recall:0.000}" };
            if (report.RecallVsExact != null) cells.Add(report.RecallVsExact.FirstOrDefault(a => a.K == row.K) is { } a ? $"{a.Recall:0.000}" : "");
            table.AddRow(cells.ToArray());
        }
        output.Write(table);
        output.WriteLine($"mAP {report.MeanAveragePrecision:0.000}");
        if (report.Classes is { } classes)
        {
            var perClass = new Table().Border(TableBorder.Rounded).AddColumn("Class").AddColumn(new TableColumn("Images").RightAligned())
                .AddColumn(new TableColumn("AP").RightAligned()).AddColumn(new TableColumn("P@1").RightAligned());
            foreach (var c in classes) perClass.AddRow(Markup.Escape(c.Class), c.Images.ToString(), $"{c.MeanAveragePrecision:0.000}", $"{c.PrecisionAt1:0.000}");
            output.Write(perClass);
        }
        if (report.Latency is { } latency)
            output.WriteLine($"query latency (decode + embed + search + re-rank, {latency.Queries} queries): p50 {latency.P50Ms:0.0} ms, p95 {latency.P95Ms:0.0} ms");
        output.WriteLine($"index build: {report.Images} vectors in {report.IndexBuildSeconds * 1000:0.00} ms ({report.IndexVectorsPerSecond:N0} vectors/s)");
    }
}
