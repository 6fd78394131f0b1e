using Lookalike.Fingerprints.Embeddings;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>
/// <c>models pull</c> of a preset's published export (Immich's per-tower layout), file by file from a local HTTP server
/// serving generated towers with the real presets' manifests and batch fixed at 1 like the real exports.
/// </summary>
public sealed class PublishedExportPullTests(GeneratedModels models) : IClassFixture<GeneratedModels>
{
    private readonly ModelPreset _clip = ModelPresets.Find("openai-clip-vit-b-32")!;

    [Fact]
    public void RealPresetsPointAtPinnedPublishedFilesForEveryFileTheirManifestNames()
    {
        foreach (var name in new[] { "openai-clip-vit-b-32", "siglip-vit-b-16-384" })
        {
            var preset = ModelPresets.Find(name)!;
            var export = Assert.IsType<PublishedExport>(preset.Download);
            var named = new[] { preset.Manifest.Image.File, preset.Manifest.Text?.File, preset.Manifest.Text?.MergesFile, preset.Manifest.Text?.SentencePieceFile }.OfType<string>();
            Assert.Equal(named.Order(), export.Files.Select(f => f.Path).Order());
            Assert.All(export.Files, f =>
            {
                Assert.Equal("https", f.Url.Scheme);
                Assert.Matches("/resolve/[0-9a-f]{40}/", f.Url.AbsolutePath); // a commit, not a moving branch
                Assert.EndsWith(Path.GetFileName(f.Path), f.Url.AbsolutePath);
                Assert.True(f.ListedBytes > 100_000);
            });
        }
    }

    [Fact]
    public async Task PullsEveryFileRecordsChecksumsAndTheInstalledModelEmbedsImagesAndText()
    {
        var (preset, files) = Served(_clip);
        using var server = new LocalFileServer(files);
        using var store = new TempFolder();

        var pulled = await Downloader(store).PullExportAsync(Local(preset, server));

        Assert.Equal(Path.Combine(store.Root, preset.Name), pulled.Directory);
        Assert.All(pulled.Files, f => Assert.Equal(ModelDownloader.ChecksumOrigin.FirstDownload, f.Origin));
        var sums = ModelDownloader.ReadChecksums(Path.Combine(pulled.Directory, ModelDownloader.ChecksumFile));
        Assert.Equal(files.Keys.Order(), sums.Keys.Order());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(files["visual/model.onnx"])), sums["visual/model.onnx"]);
        Assert.False(Directory.Exists(pulled.Directory + ".download"));

        // Batch fixed at 1 in the files: the embedders still take several images and texts per call.
        using var image = new OnnxImageEmbedder(pulled.Directory, new EmbedderOptions { BatchSize = 4, Threads = 1 });
        var vectors = image.Embed([SyntheticImages.Scene(64, 48, 1), SyntheticImages.Scene(64, 48, 2), SyntheticImages.Scene(64, 48, 3)]);
        Assert.All(vectors, v => Assert.Equal(512, v.Length));
        using var text = new TextEmbedder(pulled.Directory, new EmbedderOptions { Threads = 1 });
        Assert.Equal(2, text.EmbedText(["a dog", "a cat"]).Length);
    }

    [Fact]
    public async Task ALaterPullMustMatchTheFirstDownloadsChecksums()
    {
        var (preset, files) = Served(_clip);
        using var store = new TempFolder();
        using (var server = new LocalFileServer(files))
            await Downloader(store).PullExportAsync(Local(preset, server));

        using (var same = new LocalFileServer(files))
        {
            var again = await Downloader(store).PullExportAsync(Local(preset, same));
            Assert.All(again.Files, f => Assert.Equal(ModelDownloader.ChecksumOrigin.MatchesFirstDownload, f.Origin));
        }

        var changed = new Dictionary<string, byte[]>(files) { ["textual/merges.txt"] = [.. files["textual/merges.txt"], (byte)'\n'] };
        using var other = new LocalFileServer(changed);
        var error = await Assert.ThrowsAsync<ModelException>(() => Downloader(store).PullExportAsync(Local(preset, other)));
        Assert.Contains("checksum mismatch", error.Message);
        Assert.Contains("first download", error.Message);
        Assert.True(File.Exists(Path.Combine(store.Root, preset.Name, ModelManifest.FileName))); // the installed model is untouched
    }

    [Fact]
    public async Task APinnedChecksumIsEnforcedAndAPartialFileIsResumed()
    {
        var (preset, files) = Served(_clip);
        using var server = new LocalFileServer(files);
        using var store = new TempFolder();
        var local = Local(preset, server);
        var wrong = local with { Download = local.Download! with { Files = local.Download.Files.Select(f => f with { Sha256 = new string('0', 64) }).ToList() } };
        var error = await Assert.ThrowsAsync<ModelException>(() => Downloader(store).PullExportAsync(wrong));
        Assert.Contains("pinned", error.Message);
        Assert.False(Directory.Exists(Path.Combine(store.Root, preset.Name)));

        var image = files["visual/model.onnx"];
        var staging = Path.Combine(store.Root, preset.Name + ".download", "visual");
        Directory.CreateDirectory(staging);
        File.WriteAllBytes(Path.Combine(staging, "model.onnx.part"), image[..(image.Length / 2)]);
        File.Delete(Path.Combine(staging, "model.onnx"));
        server.RequestedFrom.Clear();
        var pulled = await Downloader(store).PullExportAsync(local);
        Assert.Contains((long)(image.Length / 2), server.RequestedFrom);
        Assert.True(File.Exists(Path.Combine(pulled.Directory, "visual", "model.onnx")));
    }

    /// <summary>Generated towers for the preset's manifest, by the paths the published export has.</summary>
    private (ModelPreset Preset, Dictionary<string, byte[]> Files) Served(ModelPreset preset)
    {
        var folder = models.For(preset.Name + "-batch1", preset.Manifest, batch: 1);
        return (preset, preset.Download!.Files.ToDictionary(f => f.Path, f => File.ReadAllBytes(Path.Combine(folder, f.Path))));
    }

    private static ModelPreset Local(ModelPreset preset, LocalFileServer server) =>
        preset with { Download = preset.Download! with { Files = preset.Download.Files.Select(f => f with { Url = server.For(f.Path) }).ToList() } };

    private static ModelDownloader Downloader(TempFolder store) => new(new HttpClient(), new ModelStore(store.Root));
}
