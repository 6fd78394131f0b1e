using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Loading;
using Lookalike.Tests.Fingerprints.Embeddings;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Fingerprints;

/// <summary>The fingerprinter decodes once and finds the margins once for hashes and model input: what it computes must be
/// exactly what each of them computes alone from that decode.</summary>
public sealed class FingerprinterTests
{
    [Theory]
    [InlineData("china.jpg")]
    [InlineData("bordered")]
    public void OneDecodeGivesTheSameHashesAndEmbeddingAsEachAlone(string name)
    {
        using var folder = new TempFolder();
        var path = name == "bordered" ? folder["bordered.png"] : TestFiles.Path(name);
        if (name == "bordered") File.WriteAllBytes(path, PngEncoding.Encode(SyntheticImages.WithBorder(SyntheticImages.Scene(300, 200, seed: 7), 40, 250)));
        using var embedder = new OnnxImageEmbedder(new ModelStore().Resolve(null), new EmbedderOptions { BatchSize = 2, Threads = 1 });

        var fingerprint = new Fingerprinter(embedder).Compute(path);

        var decoded = ImageDecoder.Decode(path, EmbeddingPipeline.DecodeSizeFor(embedder.Manifest.Image));
        Assert.Equal(ImageHashes.Compute(decoded), fingerprint.Hashes);
        Assert.Equal(embedder.Embed([decoded])[0], embedder.Infer(fingerprint.EmbeddingInput!)[0]);
    }
}
