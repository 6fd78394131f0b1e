using System.CommandLine;
using Lookalike.Cli.Output;
using Lookalike.Explore;
using Lookalike.Plots;

namespace Lookalike.Cli.Commands;

/// <summary>
/// <c>lookalike map [FOLDER...] [--method pca|tsne] --out FILE.png|.svg</c>: the collection's embeddings
/// projected to 2-D, drawn as points coloured by class (--labels) or k-means cluster, or as thumbnails.
/// </summary>
internal static class MapCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("folders") { Description = "Only images below these folders (default: the whole catalog)", Arity = ArgumentArity.ZeroOrMore };
        var method = new Option<string>("--method") { Description = "Projection: pca, or tsne (exact, up to a few thousand images)", DefaultValueFactory = _ => "pca" };
        method.AcceptOnlyFromAmong("pca", "tsne");
        var output = new Option<string>("--out") { Description = "Picture to write (.png or .svg)", Required = true };
        var labels = new Option<string?>("--labels") { Description = "A path,class file: colour points by class (unlabelled images are 'unlabelled')" };
        var k = new Option<int?>("--k") { Description = "Without --labels, colour by k-means cluster with this many clusters (default √(images/2))" };
        var thumbnails = new Option<bool>("--thumbnails") { Description = "Draw each image's thumbnail at its place (with a small coloured point)" };
        var database = CommonOptions.Database();
        database.Description = "Directory holding the catalog (default: the nearest .lookalike/catalog.db above the current folder, then above the first folder)";
        var model = new Option<string?>("--model") { Description = "Embedding model whose vectors to project (default: the built-in one)" };
        var json = CommonOptions.Json();
        var command = new Command("map", "Draw the collection's embeddings projected to 2-D (PCA or t-SNE)")
        {
            folders, method, output, labels, k, thumbnails, database, model, json,
        };
        command.SetAction(parse =>
        {
            var outPath = Path.GetFullPath(parse.GetValue(output)!);
            try { PlotImage.FormatOf(outPath); }
            catch (ArgumentException e) { throw new BadInputException(e.Message); }
            var points = ExplorePoints.Load(parse.GetValue(database), parse.GetValue(model), parse.GetValue(folders)!);
            var groups = Groups(points, parse.GetValue(labels), parse.GetValue(k));
            var tsne = parse.GetValue(method) == "tsne";
            double[] xy;
            try
            {
                xy = tsne ? Tsne.Project(points) : Pca.Project(points);
            }
            catch (ArgumentException e)
            {
                throw new BadInputException(e.Message);
            }
            var title = $"{points.Count} images, {(tsne ? "t-SNE" : "PCA")} of the embeddings, coloured by {(parse.GetValue(labels) is null ? "k-means cluster" : "class")}";
            var plot = MapPlot.Create(title, points.Paths, xy, groups, parse.GetValue(thumbnails) ? 48 : 0);
            PlotImage.Save(plot, outPath, 1200, 900);
            if (parse.GetValue(json))
                Json.Write(new { output = outPath, method = parse.GetValue(method), points = points.Paths.Select((p, i) => new { path = p, x = xy[2 * i], y = xy[2 * i + 1], group = groups[i] }) });
            else Console.Out.WriteLine($"{points.Count} images mapped ({(tsne ? "t-SNE" : "PCA")}): {outPath}");
            return 0;
        });
        return command;
    }

    private static string[] Groups(EmbeddingPoints points, string? labels, int? k)
    {
        if (labels is not null)
        {
            var file = EvalCommand.ReadLabels(labels);
            if (file.Classes is null) throw new BadInputException($"{file.Path}: map colours by class and needs a path,class file.");
            var classOf = file.Classes.GroupBy(c => c.Path).ToDictionary(g => g.Key, g => g.First().Class);
            return points.Paths.Select(p => classOf.GetValueOrDefault(p, "unlabelled")).ToArray();
        }
        var clusters = k ?? Math.Max(1, (int)Math.Round(Math.Sqrt(points.Count / 2.0)));
        try
        {
            var report = ClusterReport.Build($"k-means, k = {clusters}", points, KMeansClustering.Cluster(points, clusters));
            var number = report.NumberByPath();
            return points.Paths.Select(p => $"cluster {number[p]:00}").ToArray();
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message);
        }
    }
}
