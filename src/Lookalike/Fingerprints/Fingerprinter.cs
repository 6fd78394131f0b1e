using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Loading;

namespace Lookalike.Fingerprints;

/// <summary>
/// Decodes a file once, at the size the largest fingerprint needs, and computes all of its fingerprints:
/// the perceptual hashes and, with an embedder, the model's preprocessed input (inference runs later, in
/// batches). The indexer and <c>lookalike compare</c> both go through here, so both see the same values.
/// </summary>
public sealed class Fingerprinter(OnnxImageEmbedder? embedder = null, long maxPixels = ImageDecoder.DefaultMaxPixels)
{
    public OnnxImageEmbedder? Embedder => embedder;

    /// <summary>The key embeddings are stored under ("name@version"), or null without an embedder.</summary>
    public string? ModelKey => embedder is null ? null : KeyOf(embedder.Model);

    public static string KeyOf(ModelInfo model) => $"{model.Name}@{model.Version}";

    /// <summary>Hashes need 128 px; the embedder's decode size is larger, and hashing from it gives the same
    /// bits to within 0-2 of 64 (measured on ../shared/photos: 96 of 114 identical).</summary>
    private DecodeSize DecodeSize => embedder is null ? ImageHashes.DecodeSize : EmbeddingPipeline.DecodeSizeFor(embedder.Spec);

    /// <summary>Everything about one file. Throws <see cref="ImageDecodeException"/> for unreadable files; a file that
    /// decodes only when libvips overlooks corrupt data is fingerprinted from what it shows and marked damaged.</summary>
    public Fingerprint Compute(string path)
    {
        var header = ImageDecoder.ReadHeader(path, maxPixels);
        var damaged = GifIntegrity.Problem(path, header.Format) is not null; // damage libvips decodes without a warning
        RgbImage image;
        try
        {
            image = ImageDecoder.Decode(path, DecodeSize, header, maxPixels, failOnWarning: true);
        }
        catch (ImageDecodeException)
        {
            image = ImageDecoder.Decode(path, DecodeSize, header, maxPixels);
            damaged = true;
        }
        // Margins are found once: the hashes and the model input both look only inside them.
        var content = MarginTrimmer.ContentRect(image);
        return new Fingerprint(header, ImageHashes.OfContent(image.Crop(content)), embedder?.Prepare(image, content), damaged);
    }

    /// <summary>The PDQ hashes of one file, from a decode of their own (<see cref="PdqHasher.DecodeSize"/>: PDQ
    /// needs more pixels than the catalog's hashes). Throws <see cref="ImageDecodeException"/> for unreadable files.</summary>
    public PdqHashes ComputePdq(string path) =>
        PdqHasher.Compute(ImageDecoder.Decode(path, PdqHasher.DecodeSize, maxPixels: maxPixels));

    /// <summary>Only the embedding input, for files whose hashes the catalog already has.</summary>
    public PreparedBatch PrepareEmbedding(string path)
    {
        var model = embedder ?? throw new InvalidOperationException("No embedder.");
        return model.Prepare([ImageDecoder.Decode(path, DecodeSize, maxPixels: maxPixels)]);
    }

    /// <summary>Runs the model on inputs prepared one by one: one unit vector each, in order.</summary>
    public float[][] Embed(IReadOnlyList<PreparedBatch> prepared)
    {
        var model = embedder ?? throw new InvalidOperationException("No embedder.");
        var vectors = new List<float[]>(prepared.Count);
        foreach (var chunk in prepared.Chunk(model.Options.BatchSize)) vectors.AddRange(model.Infer(PreparedBatch.Combine(chunk)));
        return vectors.ToArray();
    }
}

/// <summary>A file's header, its perceptual hashes and (with an embedder) its prepared model input.</summary>
/// <param name="Damaged">The file decoded only with libvips overlooking corrupt data or a cut-off end.</param>
public sealed record Fingerprint(ImageHeader Header, ImageHashes Hashes, PreparedBatch? EmbeddingInput, bool Damaged = false);
