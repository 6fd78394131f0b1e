using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Loading;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>
/// Embeddings did not move when ONNX Runtime changed from the npm onnxruntime-node 1.30.0 native library (with the
/// C# API compiled from source, commit aab9a98) to the Microsoft.ML.OnnxRuntime NuGet package. The reference vectors in
/// TestData/default_model_ort_1.30_reference.json were computed with the old runtime from a worktree of aab9a98 on six of
/// ../shared/photos; here the same photos go through the current decoder, preprocessing and runtime.
/// </summary>
public sealed class OnnxRuntimeSwitchTests
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void DefaultModelVectorsMatchTheOldRuntimeOnSharedPhotos()
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(EmbeddingTestPaths.TestData, "default_model_ort_1.30_reference.json")));
        var root = reference.RootElement;
        var modelDirectory = new ModelStore().Resolve(null);
        Assert.Equal(root.GetProperty("modelOnnxSha256").GetString(), Sha256(File.ReadAllBytes(Path.Combine(modelDirectory, "model.onnx"))));

        using var embedder = new OnnxImageEmbedder(modelDirectory, new EmbedderOptions { BatchSize = 1, Threads = 1 });
        var size = EmbeddingPipeline.DecodeSizeFor(embedder.Manifest.Image);
        var photos = root.GetProperty("photos").EnumerateArray().ToList();
        Assert.Equal(6, photos.Count);
        foreach (var photo in photos)
        {
            var file = photo.GetProperty("file").GetString()!;
            var batch = embedder.Prepare([ImageDecoder.Decode(Path.Combine(TestFiles.SharedPhotos, file), size)]);
            // Same input tensor first, bit for bit: otherwise a difference would be the decoder's, not the runtime's.
            Assert.True(photo.GetProperty("inputSha256").GetString() == Sha256(MemoryMarshal.AsBytes(batch.Tensor.AsSpan()).ToArray()),
                $"{file}: the input tensor differs from the one the reference was computed from (decoding or preprocessing changed), so this no longer compares runtimes.");

            var expected = photo.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            var actual = embedder.Infer(batch)[0];
            Assert.Equal(expected.Length, actual.Length);
            float worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(worst <= Tolerance, $"{file}: largest difference {worst:E2} exceeds {Tolerance:E0}");
        }
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
