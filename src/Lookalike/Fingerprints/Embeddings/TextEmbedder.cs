using Microsoft.ML.OnnxRuntime;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// The text tower of a CLIP-style model: tokenizes with the manifest's tokenizer and returns
/// L2-normalised text embeddings in the same space as the model's image embeddings.
/// </summary>
public sealed class TextEmbedder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly TextTowerSpec _spec;
    private readonly ITextTokenizer _tokenizer;
    private readonly string _outputName;
    private readonly int? _fixedBatch;

    public TextEmbedder(string modelDirectory, EmbedderOptions? options = null)
        : this(ModelManifest.Load(modelDirectory), modelDirectory, options) { }

    public TextEmbedder(ModelManifest manifest, string modelDirectory, EmbedderOptions? options = null)
    {
        _spec = manifest.Text ?? throw new ModelException($"{Path.Combine(modelDirectory, ModelManifest.FileName)}: model '{manifest.Name}' has no text tower.");
        _tokenizer = _spec.Tokenizer == TokenizerKind.SentencePiece
            ? SentencePieceTextTokenizer.FromFile(Path.Combine(modelDirectory, _spec.SentencePieceFile!), _spec.PadId)
            : ClipTokenizer.FromFile(Path.Combine(modelDirectory, _spec.MergesFile!));
        var path = Path.Combine(modelDirectory, _spec.File);
        _session = OnnxSessionFactory.OpenTower(path, options ?? new EmbedderOptions(), _spec.InputName, _spec.OutputName, out _outputName, out _);
        _fixedBatch = OnnxSessionFactory.FixedBatch(_session, _spec.InputName);
        Model = new ModelInfo(manifest.Name, manifest.Version, _spec.EmbeddingSize);
    }

    /// <summary>Same name and version as the image embedder of this model: the vectors are comparable.</summary>
    public ModelInfo Model { get; }

    public ITextTokenizer Tokenizer => _tokenizer;

    public float[][] EmbedText(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];
        if (_fixedBatch is { } batch && texts.Count > batch) return texts.Chunk(batch).SelectMany(EmbedText).ToArray();
        int context = _spec.ContextLength;
        var tokens = texts.SelectMany(t => _tokenizer.Tokenize(t, context)).ToArray();
        long[] shape = [texts.Count, context];
        using var input = _spec.Int32Input
            ? OrtValue.CreateTensorValueFromMemory(tokens, shape)
            : OrtValue.CreateTensorValueFromMemory(tokens.Select(t => (long)t).ToArray(), shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [_spec.InputName], [input], [_outputName]);
        var values = outputs[0].GetTensorDataAsSpan<float>();
        int dimension = values.Length / texts.Count;
        if (dimension != _spec.EmbeddingSize)
            throw new ModelException($"{_spec.File}: produced {dimension} values per text but the manifest says embeddingSize {_spec.EmbeddingSize}.");
        var result = new float[texts.Count][];
        for (int i = 0; i < texts.Count; i++)
        {
            result[i] = values.Slice(i * dimension, dimension).ToArray();
            FeatureReadout.Normalize(result[i]);
        }
        return result;
    }

    public void Dispose() => _session.Dispose();
}
