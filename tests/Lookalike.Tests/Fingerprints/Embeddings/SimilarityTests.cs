using Lookalike.Fingerprints.Embeddings;

namespace Lookalike.Tests.Fingerprints.Embeddings;

public sealed class SimilarityTests
{
    [Fact]
    public void CosineOfUnitVectors()
    {
        Assert.Equal(1f, Similarity.Cosine([0.6f, 0.8f], [0.6f, 0.8f]), 6);
        Assert.Equal(0f, Similarity.Cosine([1f, 0f], [0f, 1f]), 6);
        Assert.Throws<ArgumentException>(() => Similarity.Cosine([1f], [1f, 0f]));
    }

    [Theory]
    [InlineData(0.95f, SimilarityVerdict.Match)]
    [InlineData(0.90f, SimilarityVerdict.Match)]
    [InlineData(0.70f, SimilarityVerdict.Similar)]
    [InlineData(0.49f, SimilarityVerdict.Different)]
    public void DefaultVerdicts(float cosine, SimilarityVerdict expected) => Assert.Equal(expected, Similarity.Verdict(cosine));

    [Fact]
    public void ThresholdsAreConfigurable() =>
        Assert.Equal(SimilarityVerdict.Similar, Similarity.Verdict(0.95f, new SimilarityThresholds(Match: 0.98f, Different: 0.9f)));

    [Fact]
    public void PoolingMaxMeanAndGemOverAChannelsFirstMap()
    {
        // Two channels over 2x2 positions: channel 0 = {1, 2, 3, 4}, channel 1 = {0, 0, 0, 8}.
        float[] map = [1, 2, 3, 4, 0, 0, 0, 8];
        long[] shape = [1, 2, 2, 2];
        var spec = new ImageTowerSpec { File = "m.onnx", EmbeddingSize = 2 };
        AssertClose(Unit(4, 8), FeatureReadout.Read(map, shape, 0, spec with { Pooling = FeaturePooling.Max }));
        AssertClose(Unit(2.5f, 2), FeatureReadout.Read(map, shape, 0, spec with { Pooling = FeaturePooling.Mean }));
        float gem0 = MathF.Cbrt((1 + 8 + 27 + 64) / 4f), gem1 = MathF.Cbrt(512 / 4f);
        AssertClose(Unit(gem0, gem1), FeatureReadout.Read(map, shape, 0, spec with { Pooling = FeaturePooling.Gem }));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }

    private static float[] Unit(float a, float b)
    {
        float n = MathF.Sqrt(a * a + b * b);
        return [a / n, b / n];
    }
}
