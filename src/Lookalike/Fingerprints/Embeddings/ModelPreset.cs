namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// A known export family: the manifest its ONNX export needs (preprocessing as in the family's reference
/// code, tensor names of the usual export) and, when someone has verified one, where to download it.
/// </summary>
/// <param name="Name">Short name used by <c>lookalike models pull/add --preset</c>.</param>
/// <param name="Reference">Where the preprocessing values come from.</param>
/// <param name="Download">A verified archive of the export, or null when none is known (export it yourself and <c>models add</c> it).</param>
public sealed record ModelPreset(string Name, string Reference, ModelManifest Manifest, ModelDownload? Download = null);

/// <summary>A downloadable model folder archive (.tar.gz holding model.json and the ONNX files) and its checksum.</summary>
public sealed record ModelDownload(Uri Url, string Sha256, long? SizeBytes = null);
