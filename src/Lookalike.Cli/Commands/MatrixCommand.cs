using System.CommandLine;
using Lookalike.Cli.Output;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Loading;
using Lookalike.Plots;

namespace Lookalike.Cli.Commands;

/// <summary>
/// <c>lookalike matrix FILES... --out FILE.png|.svg</c>: the cosine similarity of every pair of the given
/// images as a heatmap with their thumbnails along the axes. The files are embedded with the model
/// directly, so no catalog is needed.
/// </summary>
internal static class MatrixCommand
{
    private const int MaxThumbnailed = 40;

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Images to compare (two or more)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Picture to write (.png or .svg)", Required = true };
        var model = ModelChoice.Option();
        var json = CommonOptions.Json();
        var command = new Command("matrix", "Draw the cosine similarity matrix of some images as a heatmap")
        {
            files, output, model, json,
        };
        command.SetAction(parse =>
        {
            var outPath = Path.GetFullPath(parse.GetValue(output)!);
            try { PlotImage.FormatOf(outPath); }
            catch (ArgumentException e) { throw new BadInputException(e.Message); }
            using var embedder = ModelChoice.Open(parse.GetValue(model)) ?? throw new BadInputException("matrix needs an embedding model.");
            var fingerprinter = new Fingerprinter(embedder);
            var paths = new List<string>();
            var prepared = new List<PreparedBatch>();
            foreach (var file in parse.GetValue(files)!.Select(Path.GetFullPath))
            {
                try
                {
                    if (!File.Exists(file)) throw new ImageDecodeException(file, "no such file");
                    prepared.Add(fingerprinter.PrepareEmbedding(file));
                    paths.Add(file);
                }
                catch (ImageDecodeException e)
                {
                    Terminal.Problem(e.Path, e.Reason);
                }
            }
            if (paths.Count < 2) throw new BadInputException($"matrix needs at least two readable images, got {paths.Count}.");
            var vectors = fingerprinter.Embed(prepared);
            var cosine = new double[paths.Count, paths.Count];
            for (var i = 0; i < paths.Count; i++)
                for (var j = 0; j < paths.Count; j++) cosine[i, j] = Similarity.Cosine(vectors[i], vectors[j]);
            var plot = SimilarityMatrixPlot.Create($"Cosine similarity ({embedder.Model.Name})", paths, cosine, paths.Count <= MaxThumbnailed ? 96 : 0);
            var side = Math.Clamp(300 + 60 * paths.Count, 700, 2400);
            PlotImage.Save(plot, outPath, side + 150, side);
            if (parse.GetValue(json))
                Json.Write(new { output = outPath, files = paths, cosine = Enumerable.Range(0, paths.Count).Select(i => Enumerable.Range(0, paths.Count).Select(j => Math.Round(cosine[i, j], 4))) });
            else Console.Out.WriteLine($"{paths.Count}×{paths.Count} similarity matrix: {outPath}");
            return paths.Count < parse.GetValue(files)!.Length ? 1 : 0;
        });
        return command;
    }
}
