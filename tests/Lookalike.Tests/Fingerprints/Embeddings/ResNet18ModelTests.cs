using Lookalike.Fingerprints.Embeddings;
using Lookalike.Loading;
using Microsoft.ML.OnnxRuntime;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>
/// The ResNet18 model folder bootstrap builds (scripts/models/build-resnet18-model.sh) against the package's own two
/// graphs: the folded channel swap, scaling and mean image must give the package's Pooling395_Output_0, and the
/// batch dimension must really be dynamic.
/// </summary>
public sealed class ResNet18ModelTests
{
    private const int Size = 224;
    private static readonly string PackageModels = Path.Combine(EmbeddingTestPaths.RepoRoot, ".deps", "nuget",
        "microsoft.ml.dnnimagefeaturizer.resnet18", "0.23.1", "tools", "DnnImageModels");

    [Fact]
    public void FoldedGraphMatchesThePackagePreprocessingAndNetwork()
    {
        var folder = new ModelStore().Resolve(ModelStore.ResNet18ModelName);
        var rgb = SyntheticRgb(seed: 3);

        // The package: RGB 0..255 -> ResNetPreprocess.onnx (BGR minus mean image) -> ResNet18.onnx.
        using var prep = new InferenceSession(Path.Combine(PackageModels, "ResNetPrepOnnx", "ResNetPreprocess.onnx"));
        using var net = new InferenceSession(Path.Combine(PackageModels, "ResNet18Onnx", "ResNet18.onnx"));
        using var runOptions = new RunOptions();
        using var raw = OrtValue.CreateTensorValueFromMemory(rgb.Select(v => v * 255f).ToArray(), [1, 3, Size, Size]);
        using var prepared = prep.Run(runOptions, ["OriginalInput"], [raw], ["PreprocessedInput"]);
        using var reference = net.Run(runOptions, ["Input247"], [prepared[0]], ["Pooling395_Output_0"]);
        var expected = reference[0].GetTensorDataAsSpan<float>().ToArray();

        using var folded = new InferenceSession(Path.Combine(folder, "model.onnx"));
        using var input = OrtValue.CreateTensorValueFromMemory(rgb, [1, 3, Size, Size]);
        using var output = folded.Run(runOptions, ["input"], [input], ["pool5"]);
        var actual = output[0].GetTensorDataAsSpan<float>().ToArray();

        Assert.Equal(512, actual.Length);
        float worst = expected.Zip(actual, (e, a) => Math.Abs(e - a) / Math.Max(1f, Math.Abs(e))).Max();
        Assert.True(worst < 1e-4f, $"largest relative difference {worst:E2}");
    }

    [Fact]
    public void BatchesOfSeveralImagesGiveTheSameVectorsAsOneByOne()
    {
        using var embedder = new OnnxImageEmbedder(new ModelStore().Resolve(ModelStore.ResNet18ModelName), new EmbedderOptions { BatchSize = 3, Threads = 1 });
        var images = Enumerable.Range(0, 3).Select(i => SyntheticImage(seed: i)).ToArray();
        var together = embedder.Embed(images);
        Assert.Equal(512, embedder.Model.Dimension);
        for (int i = 0; i < images.Length; i++)
        {
            var alone = embedder.Embed([images[i]])[0];
            Assert.Equal(512, alone.Length);
            Assert.True(alone.Zip(together[i], (a, b) => Math.Abs(a - b)).Max() < 1e-5f);
        }
        Assert.True(Similarity.Cosine(together[0], together[1]) < 0.9999f); // different inputs, different vectors
    }

    private static float[] SyntheticRgb(int seed)
    {
        var values = new float[3 * Size * Size];
        for (int c = 0; c < 3; c++)
        for (int y = 0; y < Size; y++)
        for (int x = 0; x < Size; x++)
            values[(c * Size + y) * Size + x] = ((3 * y * y + 5 * x + 71 * c + x * y + 17 * seed) % 256) / 255f;
        return values;
    }

    private static RgbImage SyntheticImage(int seed)
    {
        const int width = 300, height = 260;
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        for (int c = 0; c < 3; c++)
            pixels[(y * width + x) * 3 + c] = (byte)((x * (c + 1) + y * (seed + 2) + (x * y >> 5) * (seed + 1)) % 256);
        return new RgbImage(width, height, pixels);
    }
}
