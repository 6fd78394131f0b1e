using Lookalike.Fingerprints.Embeddings;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary><c>models pull</c>'s downloader against a local HTTP server serving a generated model archive.</summary>
public sealed class ModelDownloaderTests(GeneratedModels models) : IClassFixture<GeneratedModels>
{
    private readonly ModelPreset _preset = ModelPresets.Find("dinov2-small")!;

    [Fact]
    public async Task PullsVerifiesAndInstallsAnArchive()
    {
        var archive = ModelArchive.Create(models.For(_preset));
        using var server = new LocalFileServer(archive);
        using var store = new TempFolder();
        var progress = new List<ModelDownloader.Progress>();
        var installed = await Downloader(store).PullAsync("dino", new ModelDownload(server.Url, ModelArchive.Sha256(archive)), new SyncProgress(progress.Add));

        Assert.Equal(Path.Combine(store.Root, "dino"), installed);
        using var embedder = new OnnxImageEmbedder(installed);
        Assert.Equal(384, embedder.Embed([SyntheticImages.Scene(64, 48, 2)])[0].Length);
        Assert.Equal(archive.Length, progress[^1].Received);
        Assert.Equal(archive.Length, progress[^1].Total);
        Assert.Empty(Directory.GetFiles(store.Root)); // no archive or .part left behind
    }

    [Fact]
    public async Task ResumesAPartialDownloadFromWhereItStopped()
    {
        var archive = ModelArchive.Create(models.For(_preset));
        using var server = new LocalFileServer(archive);
        using var store = new TempFolder();
        int half = archive.Length / 2;
        File.WriteAllBytes(Path.Combine(store.Root, "dino.tar.gz.part"), archive[..half]);

        var installed = await Downloader(store).PullAsync("dino", new ModelDownload(server.Url, ModelArchive.Sha256(archive)));

        Assert.Equal([half], server.RequestedFrom);
        Assert.Equal(archive.Length - half, server.BytesSent);
        Assert.True(File.Exists(Path.Combine(installed, ModelManifest.FileName)));
    }

    [Fact]
    public async Task ChecksumMismatchIsRefusedAndNothingIsInstalled()
    {
        var archive = ModelArchive.Create(models.For(_preset));
        using var server = new LocalFileServer(archive);
        using var store = new TempFolder();
        var wrong = new string('0', 64);

        var error = await Assert.ThrowsAsync<ModelException>(() => Downloader(store).PullAsync("dino", new ModelDownload(server.Url, wrong)));

        Assert.Contains("checksum mismatch", error.Message);
        Assert.Contains(ModelArchive.Sha256(archive), error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(store.Root));
    }

    [Fact]
    public async Task UnreachableServerSaysOffline()
    {
        using var store = new TempFolder();
        var closed = new Uri("http://127.0.0.1:9/none.tar.gz"); // discard port: nothing listens
        var error = await Assert.ThrowsAsync<ModelException>(() => Downloader(store).PullAsync("x", new ModelDownload(closed, new string('0', 64))));
        Assert.Contains("offline", error.Message);
        Assert.Contains("models add", error.Message);
    }

    [Fact]
    public void AddInstallsAnExportWithAPresetManifest()
    {
        using var export = new TempFolder();
        using var store = new TempFolder();
        var generated = models.For(_preset);
        File.Copy(Path.Combine(generated, "image.onnx"), export["image.onnx"]);

        var installed = new ModelStore(store.Root).Add(export.Root, _preset.Manifest);

        Assert.Equal(ManifestJson(_preset.Manifest), ManifestJson(ModelManifest.Load(installed)));
        Assert.Equal(installed, new ModelStore(store.Root).Resolve("dinov2-small"));
        Assert.Throws<ModelException>(() => new ModelStore(store.Root).Add(export.Root)); // no manifest, no preset
    }

    private static ModelDownloader Downloader(TempFolder store) => new(new HttpClient(), new ModelStore(store.Root));

    private static string ManifestJson(ModelManifest manifest) => System.Text.Json.JsonSerializer.Serialize(manifest, ModelManifest.JsonOptions);

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order, at once.</summary>
    private sealed class SyncProgress(Action<ModelDownloader.Progress> report) : IProgress<ModelDownloader.Progress>
    {
        public void Report(ModelDownloader.Progress value) => report(value);
    }
}
