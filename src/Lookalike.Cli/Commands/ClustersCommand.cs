using System.CommandLine;
using Lookalike.Cli.Output;
using Lookalike.Explore;
using Lookalike.Plots;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary>
/// <c>lookalike clusters [FOLDER...] [--k N | --threshold T] [--contact-sheets DIR]</c>: groups the
/// catalog's images by embedding (k-means or average-linkage at a cosine threshold), with outlier scores.
/// </summary>
internal static class ClustersCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("folders") { Description = "Only images below these folders (default: the whole catalog)", Arity = ArgumentArity.ZeroOrMore };
        var k = new Option<int?>("--k") { Description = "k-means with this many clusters (k-means++ seeds; default when neither is given: √(images/2))" };
        var threshold = new Option<double?>("--threshold") { Description = "Average-linkage clustering instead: groups merge while their mean cosine is at least this" };
        var neighbour = new Option<int>("--outlier-neighbour") { Description = "Outlier score = 1 − cosine to this nearest neighbour", DefaultValueFactory = _ => OutlierScores.DefaultNeighbour };
        var sheets = new Option<string?>("--contact-sheets") { Description = "Folder to write one PNG of thumbnails per cluster (cluster-NNN.png)" };
        var database = CommonOptions.Database();
        database.Description = "Directory holding the catalog (default: the nearest .lookalike/catalog.db above the current folder, then above the first folder)";
        var model = new Option<string?>("--model") { Description = "Embedding model whose vectors to cluster (default: the built-in one)" };
        var seed = new Option<int>("--seed") { Description = "Random seed of k-means", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var command = new Command("clusters", "Group the cataloged images by embedding, find outliers, draw contact sheets")
        {
            folders, k, threshold, neighbour, sheets, database, model, seed, json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(k) is not null && result.GetValue(threshold) is not null) result.AddError("Give --k or --threshold, not both.");
            if (result.GetValue(k) is < 1) result.AddError("--k must be at least 1.");
        });
        command.SetAction(parse =>
        {
            if (parse.GetValue(neighbour) < 1) throw new BadInputException("--outlier-neighbour must be at least 1.");
            var points = ExplorePoints.Load(parse.GetValue(database), parse.GetValue(model), parse.GetValue(folders)!);
            ClusterReport report;
            try
            {
                if (parse.GetValue(threshold) is { } t)
                    report = ClusterReport.Build($"average linkage, cosine >= {t}", points, AgglomerativeClustering.Cluster(points, t), parse.GetValue(neighbour));
                else
                {
                    var clusters = parse.GetValue(k) ?? Math.Max(1, (int)Math.Round(Math.Sqrt(points.Count / 2.0)));
                    report = ClusterReport.Build($"k-means, k = {clusters}", points, KMeansClustering.Cluster(points, clusters, parse.GetValue(seed)), parse.GetValue(neighbour));
                }
            }
            catch (ArgumentException e)
            {
                throw new BadInputException(e.Message);
            }
            var written = parse.GetValue(sheets) is { } folder ? WriteSheets(folder, report) : [];
            if (parse.GetValue(json)) Json.Write(new { report.Method, report.Images, clusters = report.Clusters, report.OutlierNeighbour, report.Outliers, contactSheets = written });
            else Print(report, written);
            return 0;
        });
        return command;
    }

    private static List<string> WriteSheets(string folder, ClusterReport report)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var cluster in report.Clusters)
        {
            var path = Path.Combine(folder, $"cluster-{cluster.Number:000}.png");
            File.WriteAllBytes(path, ContactSheet.Render($"cluster {cluster.Number}: {cluster.Size} image{(cluster.Size == 1 ? "" : "s")}, most central first",
                cluster.Members.Select(m => m.Path).ToList()));
            written.Add(path);
        }
        return written;
    }

    private static void Print(ClusterReport report, List<string> sheets)
    {
        var output = Terminal.Out;
        output.WriteLine($"{report.Images} images in {report.Clusters.Count} clusters ({report.Method})");
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("#").RightAligned()).AddColumn(new TableColumn("Size").RightAligned())
            .AddColumn("Most central").AddColumn("Contact sheet");
        foreach (var c in report.Clusters)
            table.AddRow(c.Number.ToString(), c.Size.ToString(), Markup.Escape(string.Join(", ", c.Members.Take(3).Select(m => Path.GetFileName(m.Path)))),
                Markup.Escape(c.Number < sheets.Count ? sheets[c.Number] : ""));
        output.Write(table);
        var outliers = new Table().Border(TableBorder.Rounded).Title($"Outliers (1 − cosine to the {report.OutlierNeighbour}th neighbour)")
            .AddColumn(new TableColumn("Score").RightAligned()).AddColumn("File");
        foreach (var o in report.Outliers) outliers.AddRow($"{o.Outlier:0.0000}", Markup.Escape(o.Path));
        output.Write(outliers);
    }
}
