using Lookalike.Fingerprints.Embeddings;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Fingerprints.Embeddings;

public sealed class ModelManifestTests
{
    [Fact]
    public void SaveThenLoadKeepsEveryField()
    {
        using var dir = new TempFolder();
        var manifest = ModelPresets.Find("openai-clip-vit-b-32")!.Manifest;
        manifest.Save(dir.Root);
        var loaded = ModelManifest.Load(dir.Root);
        Assert.Equal(manifest.Image.Mean, loaded.Image.Mean);
        Assert.Equal(manifest.Image with { Mean = null, Std = null }, loaded.Image with { Mean = null, Std = null });
        Assert.Equal(manifest.Text, loaded.Text);
        Assert.Equal(manifest.LogitScale, loaded.LogitScale);
        Assert.Contains("\"resize\": \"shortestSideCenterCrop\"", File.ReadAllText(dir["model.json"]));
    }

    [Fact]
    public void TheShippedDefaultManifestIsValid()
    {
        var manifest = ModelManifest.Load(Path.Combine(EmbeddingTestPaths.RepoRoot, "models", ModelStore.DefaultModelName));
        Assert.Equal(ModelStore.DefaultModelName, manifest.Name);
        Assert.Null(manifest.Image.Mean); // the weights were trained on 0..1 input
        Assert.NotEqual(FeaturePooling.None, manifest.Image.Pooling);
    }

    [Theory]
    [InlineData("{", "not a valid model manifest")]
    [InlineData("""{"name": "x"}""", "not a valid model manifest")]
    [InlineData("""{"name": "x", "image": {"file": "m.onnx", "embeddingSize": 8, "mean": [0.5, 0.5, 0.5]}}""", "mean and image.std must be given together")]
    [InlineData("""{"name": "x", "image": {"file": "m.onnx", "embeddingSize": 8, "resize": "sideways"}}""", "not a valid model manifest")]
    [InlineData("""{"name": "x", "image": {"file": "m.onnx", "embeddingSize": 0}}""", "embeddingSize must be positive")]
    public void BadManifestsAreRefusedNamingTheFile(string json, string expected)
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir["model.json"], json);
        var error = Assert.Throws<ModelException>(() => ModelManifest.Load(dir.Root));
        Assert.Contains(dir["model.json"], error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void MissingManifestAndMissingModelFileAreNamed()
    {
        using var dir = new TempFolder();
        Assert.Contains("no model manifest", Assert.Throws<ModelException>(() => ModelManifest.Load(dir.Root)).Message);
        var manifest = new ModelManifest { Name = "x", Image = new ImageTowerSpec { File = "absent.onnx", EmbeddingSize = 4 } };
        var error = Assert.Throws<ModelException>(() => new OnnxImageEmbedder(manifest, dir.Root));
        Assert.Contains(dir["absent.onnx"], error.Message);
    }

    [Fact]
    public void UnknownModelNamesPointToPullAndAdd()
    {
        using var dir = new TempFolder();
        var error = Assert.Throws<ModelException>(() => new ModelStore(dir.Root).Resolve("nope"));
        Assert.Contains("models pull nope", error.Message);
    }
}
