using Lookalike.Catalog;
using Lookalike.Search;
using Lookalike.Web.Images;
using Lookalike.Web.Security;

namespace Lookalike.Web.Searching;

/// <summary>
/// Search through the library's <see cref="ImageSearch"/> over the catalog's saved vector index (the one
/// <c>lookalike search</c> uses), reopened when indexing has added or removed embeddings.
/// </summary>
public sealed class SearchService(CatalogHost host, ImageAccess access) : IDisposable
{
    private CatalogVectorIndex? _index;
    private PgvectorSearch? _database;
    private long _generation = -1;

    public sealed record Hit(ImageView Image, double Score, IReadOnlyList<string> Tags);

    /// <summary>Results for an uploaded image file (a temporary file, never cataloged).</summary>
    public List<Hit> ForFile(string path, int k, ImageFilter filter) =>
        Run((search, catalog) => search.Search(search.ForImage(path, host.QueryFingerprinter()), k + 1, filter), k);

    /// <summary>"More like this": the cataloged image's own embedding as the query, the image itself left out.</summary>
    public List<Hit> LikeImage(long id, int k, ImageFilter filter) => Run((search, catalog) =>
    {
        var vector = catalog.GetEmbedding(id, host.ModelKey!) ?? throw new SearchException($"image {id} has no embedding", notFound: true);
        return search.Search(new SearchQuery($"#{id}", vector, id), k + 1, filter);
    }, k);

    public List<Hit> ForText(string text, int k, ImageFilter filter)
    {
        var embedder = host.Text ?? throw new SearchException($"the model {host.Manifest?.Name ?? "(none)"} has no text tower: search by text needs a CLIP-style model");
        return Run((search, _) => search.Search(search.ForText(text, embedder), k + 1, filter), k);
    }

    /// <summary>The tags (with counts) and served folders to filter by.</summary>
    public object Filters() => host.Use(catalog => new
    {
        tags = new ImageTags(catalog).Counts().Select(t => new { tag = t.Tag, count = t.Count }),
        folders = host.Options.Folders,
        model = host.Manifest?.Name,
        text = host.Manifest?.Text is not null,
    });

    private List<Hit> Run(Func<ImageSearch, ImageCatalog, List<SearchResult>> query, int k) => host.Use(catalog =>
    {
        if (host.ModelKey is not { } model) throw new SearchException("search needs an embedding model; the server runs with hashes only (--model none)");
        if (_index is null || catalog.EmbeddingGeneration(model) != _generation)
        {
            _index?.Dispose();
            _index = null;
            try
            {
                _index = CatalogVectorIndex.Open(catalog, model);
            }
            catch (InvalidOperationException e)
            {
                throw new SearchException($"{e.Message} Index the folders first.");
            }
            _generation = catalog.EmbeddingGeneration(model);
            // A PostgreSQL catalog with pgvector answers in the database, refreshed with the same generation check.
            _database = PgvectorSearch.For(catalog);
            _database?.Refresh(model);
        }
        return query(new ImageSearch(catalog, _index, _database), catalog)
            .Where(r => access.Readable(r.Image) is not null)
            .Take(k)
            .Select(r => new Hit(ImageView.Of(r.Image, host.Options.Folders), Math.Round(r.Score, 4), r.Tags))
            .ToList();
    });

    public void Dispose() => _index?.Dispose();
}

/// <summary>A search that cannot run, with the words to show.</summary>
public sealed class SearchException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}
