namespace Lookalike.Fingerprints.Embeddings;

/// <summary>The embedding of one file, or why there is none (the error names the file).</summary>
public sealed record FileEmbedding(string Path, float[]? Vector, string? Error)
{
    public bool Succeeded => Vector is not null;
}
