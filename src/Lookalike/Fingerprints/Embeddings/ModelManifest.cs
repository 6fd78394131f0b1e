using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// The <c>model.json</c> that sits in a model folder next to the ONNX files: which file is the image
/// tower, how to feed it (size, resize rule, resampler, scaling) and how to read its output, plus the
/// optional text tower. Everything the embedder needs to reproduce the family's reference preprocessing.
/// </summary>
public sealed record ModelManifest
{
    public const string FileName = "model.json";

    public required string Name { get; init; }
    public string Version { get; init; } = "1";
    public string? Description { get; init; }
    public required ImageTowerSpec Image { get; init; }
    public TextTowerSpec? Text { get; init; }
    /// <summary>CLIP/SigLIP: image-text logits = exp(LogitScale) * cosine + LogitBias (both as stored in the checkpoint).</summary>
    public float? LogitScale { get; init; }
    public float? LogitBias { get; init; }
    /// <summary>Cosine limits calibrated for this model (an embedding's similarity scale is model-specific); null: the general defaults.</summary>
    public SimilarityThresholds? Thresholds { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads and checks <c>DIR/model.json</c>; errors name the file and the field at fault.</summary>
    public static ModelManifest Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new ModelException($"{path}: no model manifest (model.json) in this folder.");
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ModelException($"{path}: not a valid model manifest: {e.Message}", e);
        }
        if (manifest is null) throw new ModelException($"{path}: empty model manifest.");
        var problem = manifest.Problem();
        if (problem is not null) throw new ModelException($"{path}: {problem}");
        return manifest;
    }

    public void Save(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, JsonOptions) + "\n");

    /// <summary>The first thing wrong with this manifest, or null when it is usable.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Name)) return "name is empty";
        if (Thresholds is { } t && !(t.Different <= t.Match)) return "thresholds.different must not exceed thresholds.match";
        return Image.Problem() ?? Text?.Problem();
    }
}
