using Lookalike.Fingerprints.Embeddings;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>
/// Model folders for presets, with random-weight ONNX files of the real exports' signatures generated
/// by scripts/models/make_test_model.py (nothing generated is committed). Shared by a test class.
/// </summary>
public sealed class GeneratedModels : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, string> _built = new();
    private readonly Lock _lock = new();

    /// <summary>A folder holding the preset's manifest and generated image (and text) towers.</summary>
    public string For(ModelPreset preset) => For(preset.Name, preset.Manifest);

    /// <param name="batch">Fix the towers' batch dimension (as Immich's exports do); 0: dynamic.</param>
    public string For(string key, ModelManifest manifest, int seed = 7, int batch = 0)
    {
        lock (_lock)
        {
            if (_built.TryGetValue(key, out var existing)) return existing;
            var dir = Directory.CreateDirectory(_folder[key]).FullName;
            var image = manifest.Image;
            var kind = image.Pooling != FeaturePooling.None ? "map" : image.TakeClassToken ? "tokens" : "vector";
            PythonScript.Run(Script, Path.Combine(dir, image.File), "--image", "--input", image.InputName,
                "--layout", image.InputLayout == TensorLayout.Nhwc ? "nhwc" : "nchw", "--size", image.InputSize.ToString(),
                "--output", $"{image.OutputName}:{kind}:{image.EmbeddingSize}", "--seed", seed.ToString(), "--batch", batch.ToString());
            if (manifest.Text is { } text)
            {
                string[] args = [Path.Combine(dir, text.File), "--text", "--input", text.InputName, "--context", text.ContextLength.ToString(),
                    "--vocab", ClipTokenizerFixture.VocabularySize.ToString(), "--output", $"{text.OutputName}:vector:{text.EmbeddingSize}", "--batch", batch.ToString()];
                PythonScript.Run(Script, text.Int32Input ? [.. args, "--int32"] : args);
                if (text.Tokenizer == TokenizerKind.SentencePiece)
                    PythonScript.Run(Path.Combine(EmbeddingTestPaths.ModelScripts, "make_test_spm.py"), Path.Combine(dir, text.SentencePieceFile!));
                else ClipTokenizerFixture.WriteMerges(Path.Combine(dir, text.MergesFile!));
            }
            manifest.Save(dir);
            _built[key] = dir;
            return dir;
        }
    }

    private static string Script => Path.Combine(EmbeddingTestPaths.ModelScripts, "make_test_model.py");

    public void Dispose() => _folder.Dispose();
}
