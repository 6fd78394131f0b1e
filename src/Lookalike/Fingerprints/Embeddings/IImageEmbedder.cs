using Lookalike.Loading;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>Turns images into L2-normalised embedding vectors.</summary>
public interface IImageEmbedder : IDisposable
{
    ModelInfo Model { get; }
    /// <summary>One unit-length vector per image, in order.</summary>
    float[][] Embed(IReadOnlyList<RgbImage> images);
}
