using System.Collections.Concurrent;
using Lookalike.Loading;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// Embeds files end to end while keeping the model busy: a producer decodes and preprocesses batch
/// k+1 (decoding in parallel) while the caller's thread runs inference on batch k. Results come back
/// in input order; a file that cannot be decoded yields an error entry and the run goes on.
/// </summary>
public sealed class EmbeddingPipeline
{
    private readonly OnnxImageEmbedder _embedder;
    private readonly Func<string, RgbImage> _decode;
    private readonly int _decodeThreads;

    /// <param name="decode">Reads a file into an image; throws with a message naming the file on bad input.</param>
    /// <param name="decodeThreads">Files decoded at once while the model runs.</param>
    public EmbeddingPipeline(OnnxImageEmbedder embedder, Func<string, RgbImage> decode, int decodeThreads = 1)
    {
        _embedder = embedder;
        _decode = decode;
        _decodeThreads = Math.Max(1, decodeThreads);
    }

    /// <summary>
    /// A pipeline decoding files with <see cref="ImageDecoder"/> at <see cref="DecodeSizeFor"/> the model's input,
    /// by default one decode thread per core (decoding large photos costs more than this model's inference).
    /// </summary>
    public static EmbeddingPipeline ForFiles(OnnxImageEmbedder embedder, int? decodeThreads = null)
    {
        var size = DecodeSizeFor(embedder.Spec);
        return new EmbeddingPipeline(embedder, path => ImageDecoder.Decode(path, size), decodeThreads ?? Environment.ProcessorCount);
    }

    /// <summary>
    /// Decode with the shortest side at 8/7 of the input (256 for 224): shrink-on-load keeps decoding
    /// cheap, and the embedder's own resampler still makes the final step, as calibrated.
    /// </summary>
    public static DecodeSize DecodeSizeFor(ImageTowerSpec spec) => DecodeSize.Cover(spec.InputSize * 8 / 7);

    private sealed record Batch(string[] Paths, string?[] Errors, PreparedBatch? Prepared);

    public IEnumerable<FileEmbedding> EmbedFiles(IEnumerable<string> paths, CancellationToken cancellation = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        // Two batches in flight: one being inferred, one being prepared.
        using var ready = new BlockingCollection<Batch>(boundedCapacity: 1);
        var producer = Task.Run(() => Produce(paths, ready, stop.Token), stop.Token);
        try
        {
            foreach (var batch in ready.GetConsumingEnumerable(stop.Token))
            {
                var vectors = batch.Prepared is null ? [] : _embedder.Infer(batch.Prepared);
                int next = 0;
                for (int i = 0; i < batch.Paths.Length; i++)
                    yield return batch.Errors[i] is { } error
                        ? new FileEmbedding(batch.Paths[i], null, error)
                        : new FileEmbedding(batch.Paths[i], vectors[next++], null);
            }
            producer.GetAwaiter().GetResult(); // surfaces a producer failure
        }
        finally
        {
            stop.Cancel(); // the caller stopped early: let the producer finish
            try { producer.Wait(TimeSpan.FromSeconds(30)); } catch (AggregateException) { }
        }
    }

    private void Produce(IEnumerable<string> paths, BlockingCollection<Batch> ready, CancellationToken stop)
    {
        try
        {
            foreach (var chunk in paths.Chunk(_embedder.Options.BatchSize))
            {
                var images = new RgbImage?[chunk.Length];
                var errors = new string?[chunk.Length];
                Parallel.For(0, chunk.Length, new ParallelOptions { MaxDegreeOfParallelism = _decodeThreads, CancellationToken = stop }, i =>
                {
                    try { images[i] = _decode(chunk[i]); }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        errors[i] = e.Message.Contains(chunk[i], StringComparison.Ordinal) ? e.Message : $"{chunk[i]}: {e.Message}";
                    }
                });
                var decoded = images.Where(image => image is not null).Select(image => image!).ToList();
                var prepared = decoded.Count > 0 ? _embedder.Prepare(decoded) : null;
                ready.Add(new Batch(chunk, errors, prepared), stop);
            }
        }
        finally
        {
            ready.CompleteAdding();
        }
    }
}
