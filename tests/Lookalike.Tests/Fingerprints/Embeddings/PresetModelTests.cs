using Lookalike.Fingerprints.Embeddings;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>Every preset's manifest loads, preprocesses and reads out a generated model of its export's signature.</summary>
public sealed class PresetModelTests(GeneratedModels models) : IClassFixture<GeneratedModels>
{
    public static TheoryData<string> PresetNames => new(ModelPresets.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void PresetEmbedsUnitVectorsOfItsDimension(string name)
    {
        var preset = ModelPresets.Find(name)!;
        using var embedder = new OnnxImageEmbedder(models.For(preset), new EmbedderOptions { BatchSize = 2, Threads = 1 });
        var images = new[] { SyntheticImages.Scene(300, 200, 0), SyntheticImages.Scene(300, 200, 0, brightness: 8), SyntheticImages.Scene(180, 260, 3) };
        var vectors = embedder.Embed(images);

        Assert.Equal(new ModelInfo(preset.Manifest.Name, preset.Manifest.Version, preset.Manifest.Image.EmbeddingSize), embedder.Model);
        Assert.All(vectors, v => Assert.Equal(preset.Manifest.Image.EmbeddingSize, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4));
        // Batches of 2 then 1 give what one image at a time gives.
        Assert.Equal(vectors[2], embedder.Embed([images[2]])[0]);
        Assert.True(Similarity.Cosine(vectors[0], vectors[1]) > Similarity.Cosine(vectors[0], vectors[2]),
            "a slightly brighter copy must be closer than another scene");
    }

    [Fact]
    public void ClipTextTowerEmbedsTokenizedText()
    {
        var preset = ModelPresets.Find("openai-clip-vit-b-32")!;
        using var text = new TextEmbedder(models.For(preset));
        var vectors = text.EmbedText(["the cat", "THE   Cat", "a dog"]);
        Assert.Equal(new ModelInfo(preset.Manifest.Name, preset.Manifest.Version, 512), text.Model);
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 4));
        Assert.Equal(vectors[0], vectors[1]); // same tokens after cleaning
        Assert.NotEqual(vectors[0], vectors[2]);
    }

    [Fact]
    public void NhwcAndNchwExportsOfOneNetworkAgree()
    {
        // The generator's weights depend only on the seed, so these are one network in two layouts.
        var spec = ModelPresets.Find("efficientnet-b0-keras")!.Manifest;
        var nhwc = models.For("layout-nhwc", spec);
        var nchw = models.For("layout-nchw", spec with { Image = spec.Image with { InputLayout = TensorLayout.Nchw } });
        using var a = new OnnxImageEmbedder(nhwc);
        using var b = new OnnxImageEmbedder(nchw);
        var image = SyntheticImages.Scene(320, 240, 5);
        var left = a.Embed([image])[0];
        var right = b.Embed([image])[0];
        for (int i = 0; i < left.Length; i++) Assert.Equal(right[i], left[i], 5);
    }

    [Fact]
    public void AskingForCudaFallsBackToCpuWithAReason()
    {
        var preset = ModelPresets.Find("resnet50")!;
        using var embedder = new OnnxImageEmbedder(models.For(preset), new EmbedderOptions { Device = ExecutionDevice.Cuda });
        // The bundled libonnxruntime.so is the CPU build: it must say so and still embed.
        Assert.Contains("CUDA", embedder.DeviceFallback);
        Assert.Equal(2048, embedder.Embed([SyntheticImages.Scene(64, 64, 1)])[0].Length);
    }

    [Fact]
    public void WrongOutputNameIsNamedInTheError()
    {
        var preset = ModelPresets.Find("dinov2-small")!;
        var dir = models.For(preset);
        var manifest = preset.Manifest with { Image = preset.Manifest.Image with { OutputName = "no_such_output" } };
        var error = Assert.Throws<ModelException>(() => new OnnxImageEmbedder(manifest, dir));
        Assert.Contains("no_such_output", error.Message);
        Assert.Contains("image.onnx", error.Message);
    }
}
