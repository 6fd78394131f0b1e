using System.Diagnostics;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Loading;
using Microsoft.ML.OnnxRuntime;

namespace Lookalike.Bench.Embedding;

/// <summary>
/// Chooses the default models by measurement (docs/embedding-choice.md): every candidate (model folder, preprocessing,
/// output, pooling) on two jobs in one run:
///   class-level "more like this" on ../shared/labelled (LABELS.tsv, each image a query against the other 305):
///   P@1, P@5 and mAP@R (R = the other images of the query's class);
///   copies: the make-copies.sh set of ../shared/photos (reverse search R@1 = a copy's nearest original is its own;
///   dedup recall at the highest unrelated similarity and at 1e-3 FPR, see <see cref="CopyDetectionScore"/>).
/// Vectors are cached under CACHE (one file per model, preprocessing, output, pooling and data set), so a rerun only
/// scores. Usage: bench embed choice COPIES_DIR CACHE_DIR MODEL_DIR... [--threads N]
/// (each MODEL_DIR is a built model folder; its candidates are its manifest plus the variants below for known models)
/// </summary>
internal static class ModelChoiceBench
{
    private sealed record Candidate(string Name, ImageTowerSpec Spec);

    public static Task<int> Run(string[] args)
    {
        var positional = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (positional.Length < 3) { Console.Error.WriteLine("usage: embed choice COPIES_DIR CACHE_DIR MODEL_DIR... [--threads N]"); return Task.FromResult(2); }
        string copiesDir = positional[0], cacheDir = positional[1];
        int threads = Array.IndexOf(args, "--threads") is var at and >= 0 ? int.Parse(args[at + 1]) : 1;
        Directory.CreateDirectory(cacheDir);

        var labelledDir = Path.GetFullPath(Path.Combine(BenchPaths.SharedPhotos, "..", "labelled"));
        var labelled = File.ReadLines(Path.Combine(labelledDir, "LABELS.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Select(f => (Path: Path.Combine(labelledDir, f[0]), Class: f[1])).ToArray();
        var photos = Directory.GetDirectories(copiesDir).Where(d => File.Exists(Path.Combine(d, ".done"))).OrderBy(d => d, StringComparer.Ordinal).ToArray();
        var copies = photos.SelectMany((dir, photo) => Directory.GetFiles(dir, "*.ppm").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Photo: photo, Edit: Path.GetFileNameWithoutExtension(f), Path: f))).ToArray();
        var groups = NearDuplicateGroups.Load(Path.Combine(BenchPaths.SharedPhotos, "NEARDUP_GROUPS.tsv"), photos.Select(p => Path.GetFileName(p)).ToArray(), out var nearDuplicate);
        Console.WriteLine($"labelled: {labelled.Length} images in {labelled.Select(l => l.Class).Distinct().Count()} classes; " +
                          $"copies: {photos.Length} photos, {copies.Length - photos.Length} edited copies");
        Console.WriteLine($"{"candidate",-44} {"P@1",6} {"P@5",6} {"mAP@R",6} | {"R@1 copy",8} {"rec@0FP",8} {"rec@1e-3",8} {"copy p5",7} {"unrel max",9}  per-edit recall@0FP");

        foreach (var modelDir in positional[2..])
        {
            var manifest = ModelManifest.Load(modelDir);
            // Candidates sharing a preprocessing come out of one inference pass (the model has every tapped output).
            foreach (var pass in Candidates(manifest).GroupBy(c => c.Spec with { OutputName = null, Pooling = FeaturePooling.None, EmbeddingSize = 1 }))
            {
                var clock = Stopwatch.StartNew();
                var file = Path.Combine(modelDir, manifest.Image.File);
                var candidates = pass.Select(c => c with { Spec = c.Spec with { File = file } }).ToArray();
                var classVectors = Vectors(cacheDir, manifest.Name, candidates, $"labelled{labelled.Length}", threads,
                    () => labelled.Select(l => ImageDecoder.Decode(l.Path, EmbeddingPipeline.DecodeSizeFor(candidates[0].Spec))).ToArray());
                // An empty COPIES_DIR scores class retrieval only.
                var copyVectors = copies.Length == 0 ? null : Vectors(cacheDir, manifest.Name, candidates, $"copies{copies.Length}", threads,
                    () => copies.Select(c => PpmReader.Read(c.Path)).ToArray());
                for (int c = 0; c < candidates.Length; c++)
                {
                    var (p1, p5, mapR) = ClassRetrieval(classVectors[c], labelled.Select(l => l.Class).ToArray());
                    var copy = copyVectors is null ? null : CopyDetectionScore.Compute(copies.Select(i => (i.Photo, i.Edit)).ToArray(), copyVectors[c], groups, nearDuplicate);
                    Console.WriteLine($"{manifest.Name + " " + candidates[c].Name,-44} {p1,6:F3} {p5,6:F3} {mapR,6:F3} | " + (copy is null ? "" :
                                      $"{copy.TopOneCopy,8:F3} {copy.RecallAtZeroFalse,8:F3} {copy.RecallAtOnePerMille,8:F3} {copy.CopyP5,7:F3} {copy.ZeroFalseThreshold,9:F3}  {copy.PerEdit}"));
                }
                Console.WriteLine($"  (pass of {candidates.Length} candidates: {clock.Elapsed.TotalSeconds:F0} s)");
            }
        }
        return Task.FromResult(0);
    }

    /// <summary>The manifest itself, and for ResNet18 the layer/pooling/preprocessing variants worth measuring.</summary>
    private static IEnumerable<Candidate> Candidates(ModelManifest manifest)
    {
        var spec = manifest.Image;
        yield return new Candidate("(manifest)", spec);
        if (manifest.Name != ModelStore.ResNet18ModelName) yield break;
        var trimmed = spec with { TrimMargins = true, ResizeShortSide = null };
        foreach (var (prep, baseSpec) in new[] { ("256/224", spec), ("trim 224/224", trimmed) })
        {
            if (baseSpec != spec) yield return new Candidate($"{prep} pool5", baseSpec);
            foreach (var (layer, size) in new[] { ("layer4", 512), ("layer3", 256) })
            foreach (var pooling in new[] { FeaturePooling.Max, FeaturePooling.Gem })
                yield return new Candidate($"{prep} {layer} {pooling.ToString().ToLowerInvariant()}",
                    baseSpec with { OutputName = layer, Pooling = pooling, EmbeddingSize = size });
        }
    }

    /// <summary>Each candidate's vectors of one data set: from the cache, or one inference pass for all of them.</summary>
    private static float[][][] Vectors(string cacheDir, string model, Candidate[] candidates, string dataSet, int threads, Func<RgbImage[]> images)
    {
        var files = candidates.Select(c => Path.Combine(cacheDir, string.Join("_", model, c.Name, dataSet).Replace('/', '-').Replace(' ', '-') + ".f32")).ToArray();
        if (files.All(File.Exists)) return files.Select(ReadCache).ToArray();
        var vectors = Embed(candidates.Select(c => c.Spec).ToArray(), images(), threads);
        for (int c = 0; c < candidates.Length; c++)
        {
            using var writer = new BinaryWriter(File.Create(files[c]));
            writer.Write(vectors[c].Length);
            writer.Write(vectors[c][0].Length);
            foreach (var v in vectors[c]) foreach (var x in v) writer.Write(x);
        }
        return vectors;
    }

    private static float[][] ReadCache(string file)
    {
        using var reader = new BinaryReader(File.OpenRead(file));
        int count = reader.ReadInt32(), dimension = reader.ReadInt32();
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, dimension).Select(_ => reader.ReadSingle()).ToArray()).ToArray();
    }

    /// <summary>One pass over the images with the preprocessing of <paramref name="specs"/>[0], reading every spec's output.</summary>
    private static float[][][] Embed(ImageTowerSpec[] specs, RgbImage[] images, int threads)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(specs[0].File, options);
        var outputs = specs.Select(s => s.OutputName ?? session.OutputMetadata.Keys.First()).ToArray();
        var distinct = outputs.Distinct().ToArray();
        var preprocessor = new ImagePreprocessor(specs[0]);
        var result = specs.Select(_ => new float[images.Length][]).ToArray();
        const int batch = 8;
        for (int start = 0; start < images.Length; start += batch)
        {
            int count = Math.Min(batch, images.Length - start);
            var tensor = new float[count * preprocessor.ValuesPerImage];
            for (int i = 0; i < count; i++) preprocessor.Fill(images[start + i], tensor.AsSpan(i * preprocessor.ValuesPerImage, preprocessor.ValuesPerImage));
            using var input = OrtValue.CreateTensorValueFromMemory(tensor, preprocessor.BatchShape(count));
            using var runOptions = new RunOptions();
            using var values = session.Run(runOptions, [specs[0].InputName], [input], distinct);
            for (int s = 0; s < specs.Length; s++)
            {
                var value = values[Array.IndexOf(distinct, outputs[s])];
                var shape = value.GetTensorTypeAndShape().Shape;
                var data = value.GetTensorDataAsSpan<float>();
                for (int i = 0; i < count; i++) result[s][start + i] = FeatureReadout.Read(data, shape, i, specs[s]);
            }
        }
        return result;
    }

    /// <summary>P@1, P@5 and mAP@R (Musgrave et al., "A metric learning reality check") with every image as a query.</summary>
    private static (double P1, double P5, double MapAtR) ClassRetrieval(float[][] vectors, string[] classes)
    {
        double p1 = 0, p5 = 0, map = 0;
        for (int q = 0; q < vectors.Length; q++)
        {
            var ranked = Enumerable.Range(0, vectors.Length).Where(i => i != q)
                .OrderByDescending(i => Similarity.Cosine(vectors[q], vectors[i])).ThenBy(i => i).ToArray();
            int r = classes.Count(c => c == classes[q]) - 1;
            bool Hit(int rank) => classes[ranked[rank]] == classes[q];
            p1 += Hit(0) ? 1 : 0;
            p5 += Enumerable.Range(0, 5).Count(Hit) / 5.0;
            double ap = 0; int hits = 0;
            for (int k = 0; k < r; k++) if (Hit(k)) { hits++; ap += (double)hits / (k + 1); }
            map += r == 0 ? 0 : ap / r;
        }
        return (p1 / vectors.Length, p5 / vectors.Length, map / vectors.Length);
    }
}
