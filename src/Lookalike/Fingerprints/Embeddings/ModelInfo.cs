namespace Lookalike.Fingerprints.Embeddings;

/// <summary>Identifies the vectors an embedder produces: only vectors with equal ModelInfo are comparable.</summary>
public sealed record ModelInfo(string Name, string Version, int Dimension)
{
    public override string ToString() => $"{Name}@{Version} ({Dimension}-d)";
}
