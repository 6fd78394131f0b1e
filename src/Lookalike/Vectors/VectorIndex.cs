using Lookalike.Vectors.Impl;
namespace Lookalike.Vectors;

/// <summary>Opening saved indexes of any kind.</summary>
public static class VectorIndex
{
    /// <summary>Opens an index written by <see cref="IVectorIndex.Save"/>. Bulk vectors are memory-mapped,
    /// so this returns at once even for collections larger than RAM.</summary>
    public static IVectorIndex Load(string path)
    {
        using var reader = new IndexFileReader(path);
        var spec = IndexFactory.Parse(reader.Description);
        return spec.Kind switch
        {
            IndexKind.Flat => FlatIndex.Read(reader),
            IndexKind.Hnsw => HnswIndex.Read(reader, spec.M),
            _ => IvfIndex.Read(reader, spec.Cells, spec.PqParts),
        };
    }
}
