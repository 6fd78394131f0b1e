using System.Diagnostics;
using Lookalike.Fingerprints.Embeddings;
using Microsoft.ML.OnnxRuntime;

namespace Lookalike.Bench.Embedding;

/// <summary>
/// Chooses the default model's layer, pooling and preprocessing by measurement. Input: a folder made by
/// make-copies.sh (PHOTO/EDIT.ppm, already shrunk by libvips as ImageDecoder would; EDIT "original" among them) and an ONNX model with one output per
/// candidate layer (scripts/models/tfjs_layers_to_onnx.py --output ... repeated). For every preprocessing
/// variant, layer and pooling it prints:
///   copy recall at the threshold that lets no unrelated pair through (copies of the photo vs the other
///   photos' originals and copies), per edit; top-1 retrieval of the original from each copy;
///   and, for the true near-duplicate groups of NEARDUP_GROUPS.tsv, top-1 retrieval among originals and the
///   share of same-group pairs above that 1e-3 threshold.
/// Usage: bench embed layers COPIES_DIR MODEL.onnx [--threads N] [--variant TEXT] [--layers A,B]
/// (--variant keeps the preprocessing variants whose name contains TEXT; --layers keeps those outputs)
/// </summary>
internal static class LayerChoiceBench
{
    private sealed record Variant(string Name, ImageTowerSpec Spec);

    public static Task<int> Run(string[] args)
    {
        if (args.Length < 2) { Console.Error.WriteLine("usage: embed layers COPIES_DIR MODEL.onnx [--threads N]"); return Task.FromResult(2); }
        string copiesDir = args[0], modelPath = args[1];
        string? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        int threads = int.Parse(Option("--threads") ?? "2");

        var baseSpec = new ImageTowerSpec { File = modelPath, EmbeddingSize = 1, Filter = ResampleFilter.Bilinear, TrimMargins = true };
        var photos = Directory.GetDirectories(copiesDir).Where(d => File.Exists(Path.Combine(d, ".done"))) // make-copies.sh marks finished photos
            .OrderBy(d => d, StringComparer.Ordinal).ToArray();
        var items = photos.SelectMany((dir, photo) => Directory.GetFiles(dir, "*.ppm").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Photo: photo, Edit: Path.GetFileNameWithoutExtension(f), Path: f))).ToArray();
        var images = items.Select(i => PpmReader.Read(i.Path)).ToArray();
        var groups = NearDuplicateGroups.Load(Path.Combine(BenchPaths.SharedPhotos, "NEARDUP_GROUPS.tsv"), photos.Select(p => Path.GetFileName(p)).ToArray(), out var nearDuplicate);
        Console.WriteLine($"{photos.Length} photos, {items.Length} images ({items.Length - photos.Length} edited copies), {groups.Count(g => g >= 0)} photos in near-duplicate groups");

        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(modelPath, options);
        var wanted = Option("--layers")?.Split(',');
        var layers = session.OutputMetadata.Where(o => o.Value.Dimensions.Length == 4 && (wanted is null || wanted.Contains(o.Key))).Select(o => o.Key).ToArray();

        var variants = new[]
        {
            new Variant("crop+trim bilinear 0..1", baseSpec),
            new Variant("crop+trim bicubic 0..1", baseSpec with { Filter = ResampleFilter.Bicubic }),
            new Variant("crop no-trim bilinear 0..1", baseSpec with { TrimMargins = false }),
            new Variant("squash+trim bilinear 0..1", baseSpec with { Resize = ResizeMode.Squash }),
            new Variant("crop+trim bilinear -1..1", baseSpec with { Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.5f] }),
        };
        var poolings = new[] { FeaturePooling.Mean, FeaturePooling.Max, FeaturePooling.Gem };
        foreach (var variant in variants.Where(v => Option("--variant") is not { } only || v.Name.Contains(only, StringComparison.Ordinal)))
        {
            var clock = Stopwatch.StartNew();
            var pooled = RunModel(session, variant.Spec, images, layers, poolings);
            Console.WriteLine($"\n=== {variant.Name} (inference {clock.Elapsed.TotalSeconds:F1} s)");
            Console.WriteLine($"{"layer",-26} {"pool",-5} {"recall@0FP",10} {"recall@1e-3",11} {"top1 copy",9} {"top1 group",10} {"group pairs@1e-3",16} {"copy mean",9} {"copy p5",7} {"unrel p50",9} {"unrel p99.9",11} {"unrel max",9}  per-edit recall@0FP");
            foreach (var layer in layers)
            foreach (var pooling in poolings)
            {
                var score = CopyDetectionScore.Compute(items.Select(i => (i.Photo, i.Edit)).ToArray(), pooled[(layer, pooling)], groups, nearDuplicate);
                Console.WriteLine($"{layer,-26} {pooling,-5} {score.RecallAtZeroFalse,10:P1} {score.RecallAtOnePerMille,11:P1} {score.TopOneCopy,9:P1} {score.TopOneGroup,10:P1} {score.GroupPairsAtOnePerMille,16:P1} {score.MeanCopySimilarity,9:F3} {score.CopyP5,7:F3} {score.UnrelatedMedian,9:F3} {score.UnrelatedP999,11:F3} {score.ZeroFalseThreshold,9:F3}  {score.PerEdit}");
            }
        }
        return Task.FromResult(0);
    }

    /// <summary>Runs every image through the model once; returns each (layer, pooling)'s unit vectors per image.</summary>
    private static Dictionary<(string, FeaturePooling), float[][]> RunModel(InferenceSession session, ImageTowerSpec spec,
        Lookalike.Loading.RgbImage[] images, string[] layers, FeaturePooling[] poolings)
    {
        var preprocessor = new ImagePreprocessor(spec);
        var result = layers.SelectMany(l => poolings.Select(p => (l, p))).ToDictionary(k => k, _ => new float[images.Length][]);
        const int batch = 16;
        for (int start = 0; start < images.Length; start += batch)
        {
            int count = Math.Min(batch, images.Length - start);
            var tensor = new float[count * preprocessor.ValuesPerImage];
            Parallel.For(0, count, i => preprocessor.Fill(images[start + i], tensor.AsSpan(i * preprocessor.ValuesPerImage, preprocessor.ValuesPerImage)));
            using var input = OrtValue.CreateTensorValueFromMemory(tensor, preprocessor.BatchShape(count));
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, ["input"], [input], layers);
            for (int o = 0; o < layers.Length; o++)
            {
                var shape = outputs[o].GetTensorTypeAndShape().Shape;
                var data = outputs[o].GetTensorDataAsSpan<float>();
                foreach (var pooling in poolings)
                {
                    var readSpec = spec with { Pooling = pooling, EmbeddingSize = (int)shape[1] };
                    for (int i = 0; i < count; i++) result[(layers[o], pooling)][start + i] = FeatureReadout.Read(data, shape, i, readSpec);
                }
            }
        }
        return result;
    }
}
