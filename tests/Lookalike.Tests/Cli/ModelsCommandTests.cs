using System.Text.Json;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Tests.Fingerprints.Embeddings;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary><c>lookalike models list|pull|add</c> through the real CLI, with a throwaway models directory.</summary>
public sealed class ModelsCommandTests(GeneratedModels models) : IClassFixture<GeneratedModels>
{
    [Fact]
    public void ListShowsTheBuiltInModelAndEveryPreset()
    {
        using var store = new TempFolder();
        var result = LookalikeCli.Run("models", "list", "--models-dir", store.Root, "--json");
        Assert.Equal(0, result.ExitCode);
        var rows = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("models").EnumerateArray().ToList();
        var builtIn = ModelStore.BuiltInModelNames.Count;
        Assert.Equal(ModelStore.BuiltInModelNames, rows.Take(builtIn).Select(r => r.GetProperty("name").GetString()));
        Assert.All(rows.Take(builtIn), row =>
        {
            Assert.Equal("built-in", row.GetProperty("kind").GetString());
            Assert.Equal("ready", row.GetProperty("status").GetString());
            Assert.True(row.GetProperty("sizeBytes").GetInt64() > 100_000);
        });
        Assert.Equal(ModelPresets.All.Select(p => p.Name), rows.Skip(builtIn).Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public void AddWithAPresetThenListShowsItInstalled()
    {
        using var export = new TempFolder();
        using var store = new TempFolder();
        var preset = ModelPresets.Find("resnet50")!;
        File.Copy(Path.Combine(models.For(preset), "image.onnx"), export["image.onnx"]);

        var add = LookalikeCli.Run("models", "add", export.Root, "--preset", "resnet50", "--models-dir", store.Root);
        Assert.Equal(0, add.ExitCode);
        var list = JsonDocument.Parse(LookalikeCli.Run("models", "list", "--models-dir", store.Root, "--json").Stdout).RootElement;
        var row = list.GetProperty("models").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "resnet50");
        Assert.Equal("installed", row.GetProperty("status").GetString());
    }

    [Fact]
    public void PullDownloadsFromAUrlAndRefusesABadChecksum()
    {
        using var store = new TempFolder();
        var archive = ModelArchive.Create(models.For(ModelPresets.Find("dinov2-small")!));
        using var server = new LocalFileServer(archive);

        var bad = LookalikeCli.Run("models", "pull", "dino", "--url", server.Url.ToString(), "--sha256", new string('a', 64), "--models-dir", store.Root);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("checksum mismatch", bad.Stderr);

        var good = LookalikeCli.Run("models", "pull", "dino", "--url", server.Url.ToString(), "--sha256",
            ModelArchive.Sha256(archive), "--models-dir", store.Root, "--json");
        Assert.Equal(0, good.ExitCode);
        Assert.Equal(store["dino"], JsonDocument.Parse(good.Stdout).RootElement.GetProperty("installed").GetString());
    }

    [Fact]
    public void PullOfAPresetWithoutADownloadExplainsHowToAddIt()
    {
        using var store = new TempFolder();
        var result = LookalikeCli.Run("models", "pull", "openai-clip-rn50", "--models-dir", store.Root);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("models add DIR --preset openai-clip-rn50", result.Stderr);
    }
}
