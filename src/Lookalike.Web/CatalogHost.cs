using Lookalike.Catalog;
using Lookalike.Dedup.Actions;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;

namespace Lookalike.Web;

/// <summary>
/// The server's catalog and model. The catalog has one SQLite connection that serves one thread at a time, so every
/// request reads and writes it through <see cref="Use{T}"/>; indexing opens its own connection (WAL lets both work).
/// </summary>
public sealed class CatalogHost : IDisposable
{
    private readonly ImageCatalog _catalog;
    private readonly Lock _lock = new();
    private readonly Lazy<TextEmbedder?> _text;

    public CatalogHost(ServeOptions options)
    {
        Options = options;
        _catalog = ImageCatalog.Open(options.CatalogPath);
        if (options.ModelDirectory is { } model)
        {
            Manifest = ModelManifest.Load(model);
            Embedder = new OnnxImageEmbedder(Manifest, model, new EmbedderOptions { Threads = 1 });
        }
        _text = new(() => Manifest?.Text is null ? null : new TextEmbedder(Manifest, options.ModelDirectory!));
        Trash = TrashFolder.ForCatalog(_catalog);
        ThumbnailFolder = Path.Combine(_catalog.StateFolder, "thumbnails");
    }

    public ServeOptions Options { get; }
    public ModelManifest? Manifest { get; }
    public OnnxImageEmbedder? Embedder { get; }
    public TextEmbedder? Text => _text.Value;
    public TrashFolder Trash { get; }
    public string ThumbnailFolder { get; }
    public string DatabasePath => _catalog.DatabasePath;

    /// <summary>The key the catalog stores this model's embeddings under, or null without a model.</summary>
    public string? ModelKey => Embedder is null ? null : Fingerprinter.KeyOf(Embedder.Model);

    /// <summary>Fingerprints query images with the upload pixel limit. ONNX Runtime sessions may run from several threads.</summary>
    public Fingerprinter QueryFingerprinter() => new(Embedder, Options.MaxUploadPixels);

    public T Use<T>(Func<ImageCatalog, T> work)
    {
        lock (_lock) return work(_catalog);
    }

    /// <summary>The served images: those under the folders (all of the catalog's when none were given).</summary>
    public List<ImageRecord> Images(ImageCatalog catalog) => catalog.GetImages(Options.Folders.Count > 0 ? Options.Folders : null);

    public void Dispose()
    {
        _catalog.Dispose();
        Embedder?.Dispose();
        if (_text.IsValueCreated) _text.Value?.Dispose();
    }
}
