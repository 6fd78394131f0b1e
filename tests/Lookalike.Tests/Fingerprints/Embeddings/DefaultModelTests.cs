using Lookalike.Fingerprints.Embeddings;
using Lookalike.Loading;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>The offline default model (built by bootstrap from the nsfwjs weights) through the file pipeline.</summary>
public sealed class DefaultModelTests
{
    private static readonly string[] Files = ["china.jpg", "not-an-image.jpg", "china-q40.jpg", "flower.jpg", "china-resized.jpg"];

    [Fact]
    public void PipelineEmbedsFilesInOrderAndReportsBadOnes()
    {
        using var embedder = new OnnxImageEmbedder(new ModelStore().Resolve(null), new EmbedderOptions { BatchSize = 2, Threads = 1 });
        var paths = Files.Select(TestFiles.Path).ToArray();
        var results = EmbeddingPipeline.ForFiles(embedder, decodeThreads: 2).EmbedFiles(paths).ToList();

        Assert.Equal(paths, results.Select(r => r.Path));
        var bad = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(paths[1], bad.Path);
        Assert.Contains("not-an-image.jpg", bad.Error);
        var v = results.Where(r => r.Succeeded).ToDictionary(r => Path.GetFileName(r.Path), r => r.Vector!);
        Assert.All(v.Values, x => Assert.Equal(embedder.Model.Dimension, x.Length));

        // Re-encoded and resized copies are closer to the original than another photo is.
        float unrelated = Similarity.Cosine(v["china.jpg"], v["flower.jpg"]);
        Assert.True(Similarity.Cosine(v["china.jpg"], v["china-q40.jpg"]) > unrelated);
        Assert.True(Similarity.Cosine(v["china.jpg"], v["china-resized.jpg"]) > unrelated);

        // Overlapping decode and inference changes nothing: same vectors as embedding the decoded images directly.
        var size = EmbeddingPipeline.DecodeSizeFor(embedder.Manifest.Image);
        var direct = embedder.Embed([ImageDecoder.Decode(paths[0], size), ImageDecoder.Decode(paths[3], size)]);
        Assert.Equal(direct[0], v["china.jpg"]);
        Assert.Equal(direct[1], v["flower.jpg"]);
    }

    [Fact]
    public void StoppingEarlyEndsThePipeline()
    {
        using var embedder = new OnnxImageEmbedder(new ModelStore().Resolve(null), new EmbedderOptions { BatchSize = 1, Threads = 1 });
        var paths = Enumerable.Repeat(TestFiles.Path("china.jpg"), 20);
        var first = EmbeddingPipeline.ForFiles(embedder).EmbedFiles(paths).Take(2).ToList();
        Assert.Equal(2, first.Count);
    }
}
