using Lookalike.Loading;
using Microsoft.ML.OnnxRuntime;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// Image embedder on ONNX Runtime, driven by a model folder's manifest. Preprocessing
/// (<see cref="Prepare(IReadOnlyList{RgbImage})"/>) and inference (<see cref="Infer"/>) are separate steps so a pipeline can
/// prepare the next batch while the current one runs; <see cref="Embed"/> does both in turn.
/// </summary>
public sealed class OnnxImageEmbedder : IImageEmbedder
{
    private readonly InferenceSession _session;
    private readonly ImagePreprocessor _preprocessor;
    private readonly string _outputName;

    public OnnxImageEmbedder(string modelDirectory, EmbedderOptions? options = null)
        : this(ModelManifest.Load(modelDirectory), modelDirectory, options) { }

    public OnnxImageEmbedder(ModelManifest manifest, string modelDirectory, EmbedderOptions? options = null)
    {
        Options = options ?? new EmbedderOptions();
        if (Options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), "Batch size must be at least 1.");
        Manifest = manifest;
        Spec = manifest.Image;
        var path = Path.Combine(modelDirectory, Spec.File);
        _session = OnnxSessionFactory.OpenTower(path, Options, Spec.InputName, Spec.OutputName, out _outputName, out var fallback);
        DeviceFallback = fallback;
        if (OnnxSessionFactory.FixedBatch(_session, Spec.InputName) is { } fixedBatch && Options.BatchSize > fixedBatch)
            Options = Options with { BatchSize = fixedBatch };
        _preprocessor = new ImagePreprocessor(Spec);
        Model = new ModelInfo(manifest.Name, manifest.Version, Spec.EmbeddingSize);
    }

    public ModelInfo Model { get; }
    public ModelManifest Manifest { get; }
    public EmbedderOptions Options { get; }
    internal ImageTowerSpec Spec { get; }

    /// <summary>Match/different cosine limits for this model: calibrated ones from its manifest, else the general defaults.</summary>
    public SimilarityThresholds Thresholds => Manifest.Thresholds ?? SimilarityThresholds.Default;

    /// <summary>Why the requested device is not used (CUDA asked for, CPU running), or null.</summary>
    public string? DeviceFallback { get; }

    public float[][] Embed(IReadOnlyList<RgbImage> images)
    {
        var result = new List<float[]>(images.Count);
        for (int start = 0; start < images.Count; start += Options.BatchSize)
        {
            int count = Math.Min(Options.BatchSize, images.Count - start);
            result.AddRange(Infer(Prepare(Enumerable.Range(start, count).Select(i => images[i]).ToList())));
        }
        return result.ToArray();
    }

    /// <summary>Preprocesses up to one batch of images into the input tensor (thread-safe, no inference).</summary>
    public PreparedBatch Prepare(IReadOnlyList<RgbImage> images)
    {
        if (images.Count == 0 || images.Count > Options.BatchSize)
            throw new ArgumentException($"A batch holds 1..{Options.BatchSize} images.", nameof(images));
        int per = _preprocessor.ValuesPerImage;
        var tensor = new float[per * images.Count];
        for (int i = 0; i < images.Count; i++) _preprocessor.Fill(images[i], tensor.AsSpan(i * per, per));
        return new PreparedBatch(tensor, _preprocessor.BatchShape(images.Count), images.Count);
    }

    /// <summary>One image's input, its content rectangle already found (<see cref="MarginTrimmer.ContentRect"/>).</summary>
    internal PreparedBatch Prepare(RgbImage image, PixelRect content)
    {
        var tensor = new float[_preprocessor.ValuesPerImage];
        _preprocessor.Fill(image, content, tensor);
        return new PreparedBatch(tensor, _preprocessor.BatchShape(1), 1);
    }

    /// <summary>Runs the model on a prepared batch: one unit-length vector per image.</summary>
    public float[][] Infer(PreparedBatch batch)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(batch.Tensor, batch.Shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [Spec.InputName], [input], [_outputName]);
        var output = outputs[0];
        var shape = output.GetTensorTypeAndShape().Shape;
        var values = output.GetTensorDataAsSpan<float>();
        var vectors = new float[batch.Count][];
        for (int i = 0; i < batch.Count; i++) vectors[i] = FeatureReadout.Read(values, shape, i, Spec);
        return vectors;
    }

    public void Dispose() => _session.Dispose();
}
