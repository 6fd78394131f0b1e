namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// A known export family: the manifest its ONNX export needs (preprocessing as in the family's reference
/// code, tensor names of the usual export) and, when a published export is known, where to download it.
/// </summary>
/// <param name="Name">Short name used by <c>lookalike models pull/add --preset</c>.</param>
/// <param name="Reference">Where the preprocessing values come from.</param>
/// <param name="Download">A published export: its files, each placed where <paramref name="Manifest"/> names it; null when
/// none is known (export it yourself and <c>models add</c> it).</param>
public sealed record ModelPreset(string Name, string Reference, ModelManifest Manifest, PublishedExport? Download = null);

/// <summary>A downloadable model folder archive (.tar.gz holding model.json and the ONNX files) and its checksum.</summary>
public sealed record ModelDownload(Uri Url, string Sha256, long? SizeBytes = null);

/// <summary>The files of a published export, pinned to one revision of where it is published.</summary>
/// <param name="Source">Where it is published, for people (repository and revision).</param>
public sealed record PublishedExport(string Source, IReadOnlyList<PublishedFile> Files)
{
    /// <summary>Total size as listed by the publisher (rounded there).</summary>
    public long ListedBytes => Files.Sum(f => f.ListedBytes);
}

/// <summary>One file of a published export.</summary>
/// <param name="Path">Where it goes in the model folder (the path the manifest names).</param>
/// <param name="ListedBytes">Size as the publisher's file listing shows it (rounded to 3 digits there).</param>
/// <param name="Sha256">Checksum from a trustworthy listing, or null: then the first complete download's is stored and later ones must match it.</param>
public sealed record PublishedFile(string Path, Uri Url, long ListedBytes, string? Sha256 = null);
