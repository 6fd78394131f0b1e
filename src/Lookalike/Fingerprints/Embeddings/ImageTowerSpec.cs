namespace Lookalike.Fingerprints.Embeddings;

/// <summary>How to feed the image tower and how to read an embedding out of it.</summary>
public sealed record ImageTowerSpec
{
    /// <summary>ONNX file, relative to the model folder.</summary>
    public required string File { get; init; }
    public string InputName { get; init; } = "input";
    public TensorLayout InputLayout { get; init; } = TensorLayout.Nchw;
    /// <summary>Square input side in pixels (224 for most exports).</summary>
    public int InputSize { get; init; } = 224;
    public ResizeMode Resize { get; init; } = ResizeMode.ShortestSideCenterCrop;
    /// <summary>Shortest side before the centre crop (256 for a 224 crop in the ImageNet recipe); null: the input size.</summary>
    public int? ResizeShortSide { get; init; }
    public ResampleFilter Filter { get; init; } = ResampleFilter.Bicubic;
    /// <summary>Strip near-uniform margins (borders, letterboxing, screenshot frames) before resizing.</summary>
    public bool TrimMargins { get; init; }
    /// <summary>Per-channel mean and std applied after scaling to 0..1; null for plain 0..1 input.</summary>
    public float[]? Mean { get; init; }
    public float[]? Std { get; init; }
    /// <summary>Output to read; null for the model's first output.</summary>
    public string? OutputName { get; init; }
    /// <summary>Layout of a 4-D feature-map output (ignored for 2-D outputs).</summary>
    public TensorLayout OutputLayout { get; init; } = TensorLayout.Nchw;
    /// <summary>How a feature-map output becomes a vector; None when the output already is one.</summary>
    public FeaturePooling Pooling { get; init; } = FeaturePooling.None;
    /// <summary>Exponent of GeM pooling.</summary>
    public float GemP { get; init; } = 3f;
    /// <summary>3-D token outputs (ViT last_hidden_state): take the class token at index 0.</summary>
    public bool TakeClassToken { get; init; }
    public required int EmbeddingSize { get; init; }

    internal string? Problem()
    {
        if (string.IsNullOrWhiteSpace(File)) return "image.file is empty";
        if (InputSize < 8 || InputSize > 4096) return $"image.inputSize {InputSize} is out of range";
        if (ResizeShortSide is { } side && side < InputSize) return $"image.resizeShortSide {side} is smaller than image.inputSize {InputSize}";
        if (EmbeddingSize <= 0) return "image.embeddingSize must be positive";
        if ((Mean is null) != (Std is null)) return "image.mean and image.std must be given together";
        if (Mean is not null && (Mean.Length != 3 || Std!.Length != 3)) return "image.mean and image.std need 3 values (R, G, B)";
        if (Std is not null && Std.Any(s => s <= 0)) return "image.std values must be positive";
        if (Pooling == FeaturePooling.Gem && GemP <= 0) return "image.gemP must be positive";
        return null;
    }
}

public enum TensorLayout { Nchw, Nhwc }

public enum ResizeMode
{
    /// <summary>Shortest side to the input size, then the centre square (CLIP, timm, DINOv2 eval).</summary>
    ShortestSideCenterCrop,
    /// <summary>Both sides to the input size, ignoring aspect (SigLIP).</summary>
    Squash,
    /// <summary>Longest side to the input size, padded to a square with the mean colour.</summary>
    Letterbox,
}

public enum ResampleFilter { Bilinear, Bicubic }

public enum FeaturePooling { None, Mean, Max, Gem }
