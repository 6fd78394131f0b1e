namespace Lookalike.Ingest;

/// <summary>A file that could not be indexed, and why.</summary>
public sealed record IndexProblem(string Path, string Reason);

/// <summary>How far an index run is: files handled out of those found.</summary>
public readonly record struct IndexProgress(int Done, int Total);

/// <summary>What an index run did.</summary>
public sealed class IndexReport
{
    public int Found { get; set; }
    public int Unchanged { get; set; }
    /// <summary>Files decoded and fingerprinted (new or changed).</summary>
    public int Fingerprinted { get; set; }
    /// <summary>Files recognised by content hash as moved, renamed or copied: no decode needed.</summary>
    public int Recognised { get; set; }
    public int Removed { get; set; }
    /// <summary>Embeddings computed (for new files, and for known files that lacked the model's).</summary>
    public int Embedded { get; set; }
    public List<IndexProblem> Problems { get; } = [];
    public bool Cancelled { get; set; }
}
