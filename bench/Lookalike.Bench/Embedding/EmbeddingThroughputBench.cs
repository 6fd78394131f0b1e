using System.Diagnostics;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Loading;

namespace Lookalike.Bench.Embedding;

/// <summary>
/// Embedding throughput of the default model on the shared photos, each stage alone and end to end, in one
/// run so the figures are peers: decode (ImageDecoder at the embedder's decode size), preprocess (trim,
/// resize, tensor fill), model only (inference + pooling on prepared batches), end to end sequential
/// (decode, prepare, infer in turn) and the overlapping pipeline (EmbedFiles).
/// Usage: bench embed throughput [--threads N] [--batch N] [--decoders N] [--repeat N] [--model DIR]
/// </summary>
internal static class EmbeddingThroughputBench
{
    public static Task<int> Run(string[] args)
    {
        int threads = Option(args, "--threads", 2), batch = Option(args, "--batch", 16);
        int decoders = Option(args, "--decoders", 1), repeat = Option(args, "--repeat", 2);
        var modelDir = new ModelStore().Resolve(args.SkipWhile(a => a != "--model").Skip(1).FirstOrDefault());
        var files = Directory.GetFiles(BenchPaths.SharedPhotos).Where(f => !f.EndsWith(".tsv") && !f.EndsWith(".md")).Order(StringComparer.Ordinal).ToArray();
        var options = new EmbedderOptions { BatchSize = batch, Threads = threads };
        using var embedder = new OnnxImageEmbedder(modelDir, options);
        var size = EmbeddingPipeline.DecodeSizeFor(embedder.Manifest.Image);
        Console.WriteLine($"model {embedder.Model}, {files.Length} photos from {BenchPaths.SharedPhotos}, ORT threads {threads}, batch {batch}, " +
                          $"{Environment.ProcessorCount} cores, best of {repeat}");

        // Warm up: the first run pays session initialisation and page faults.
        embedder.Embed([ImageDecoder.Decode(files[0], size)]);

        RgbImage[] images = [];
        Report("decode (ImageDecoder, 1 thread)", files.Length, repeat, () => images = files.Select(f => ImageDecoder.Decode(f, size)).ToArray());
        List<PreparedBatch> prepared = [];
        Report("preprocess (trim+resize+fill, 1 thread)", files.Length, repeat,
            () => prepared = images.Chunk(batch).Select(chunk => embedder.Prepare(chunk)).ToList());
        Report("model only (infer+pool)", files.Length, repeat, () => { foreach (var b in prepared) embedder.Infer(b); });
        Report("end to end, sequential", files.Length, repeat,
            () => { foreach (var chunk in files.Chunk(batch)) embedder.Infer(embedder.Prepare(chunk.Select(f => ImageDecoder.Decode(f, size)).ToList())); });
        var pipeline = new EmbeddingPipeline(embedder, f => ImageDecoder.Decode(f, size), decoders);
        Report($"end to end, pipeline ({decoders} decode thread(s) overlapping inference)", files.Length, repeat,
            () => { foreach (var result in pipeline.EmbedFiles(files)) if (!result.Succeeded) throw new InvalidOperationException(result.Error); });
        return Task.FromResult(0);
    }

    private static void Report(string what, int count, int repeat, Action action)
    {
        double best = double.MaxValue;
        for (int i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"{what,-70} {count / best,8:F1} images/s  ({best * 1000 / count:F2} ms/image)");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
    }
}
