using Lookalike.Catalog;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Ingest;
using Lookalike.Loading;

namespace Lookalike.Search;

/// <summary>The results for one query; for a query image of a batch that could not be read, no results and the reason.</summary>
public sealed record QueryAnswer(string Query, IReadOnlyList<SearchResult> Results, string? Problem = null);

/// <summary>
/// <c>lookalike search</c> as one call: opens the model's saved vector index in the catalog (built, updated or reused as
/// the catalog requires), turns each query into a vector (a cataloged, unchanged image reuses its embedding; the model's
/// towers are loaded only when needed) and searches with the request's filter.
/// </summary>
public static class SimilarImages
{
    /// <summary>
    /// The answers, one per query, as each query is searched (a batch can be long). A single query image that cannot be
    /// read is an error; a query image of a batch that cannot be read is an answer with a <see cref="QueryAnswer.Problem"/>
    /// and the batch goes on. Problems while listing a query folder go to <paramref name="onListingProblem"/>.
    /// </summary>
    /// <exception cref="BadInputException">The request makes no sense, names a missing query, a bad filter or index kind,
    /// or the catalog holds no embeddings of the model.</exception>
    /// <exception cref="ModelException">The model cannot search by text (no text tower).</exception>
    public static IEnumerable<QueryAnswer> Run(ImageCatalog catalog, SearchRequest request, Action<string, string> onListingProblem)
    {
        request.Check();
        var filter = request.Filter();
        var (modelDirectory, manifest) = OpenModel(request.Model);
        var modelKey = Fingerprinter.KeyOf(new ModelInfo(manifest.Name, manifest.Version, manifest.Image.EmbeddingSize));
        using var vectors = OpenIndex(catalog, modelKey, request.IndexKind);
        // In a PostgreSQL catalog with pgvector the database answers (after copying what changed since the last search).
        var database = PgvectorSearch.For(catalog);
        database?.Refresh(modelKey);
        var search = new ImageSearch(catalog, vectors, database);
        var minScore = request.MinScore ?? float.NegativeInfinity;
        QueryAnswer Answer(SearchQuery query) => new(query.Query, search.Search(query, request.K, filter, minScore));

        if (request.Text is { } text)
        {
            using var embedder = OpenText(manifest, modelDirectory);
            yield return Answer(search.ForText(text, embedder));
            yield break;
        }
        using var images = new LazyFingerprinter(manifest, modelDirectory);
        if (request.Image is { } image)
        {
            yield return Answer(ForImage(search, image, images));
            yield break;
        }
        foreach (var path in QueryFiles(request.Queries!, onListingProblem))
        {
            // C# cannot yield inside a catch, so the failure is carried out of it.
            SearchQuery? query = null;
            ImageDecodeException? failure = null;
            try
            {
                query = search.ForImage(path, images.Value);
            }
            catch (ImageDecodeException e)
            {
                failure = e;
            }
            yield return failure is null ? Answer(query!) : new QueryAnswer(failure.Path, [], failure.Reason);
        }
    }

    private static SearchQuery ForImage(ImageSearch search, string path, LazyFingerprinter images)
    {
        try
        {
            return search.ForImage(path, images.Value);
        }
        catch (ImageDecodeException e)
        {
            throw new BadInputException($"{e.Path}: {e.Reason}", e);
        }
    }

    /// <summary>The model's folder and manifest (its key names the catalog's vectors); no session is opened yet.</summary>
    private static (string Directory, ModelManifest Manifest) OpenModel(string? name)
    {
        try
        {
            var directory = new ModelStore().Resolve(name);
            return (directory, ModelManifest.Load(directory));
        }
        catch (ModelException e)
        {
            throw new BadInputException(e.Message, e);
        }
    }

    private static CatalogVectorIndex OpenIndex(ImageCatalog catalog, string modelKey, string? description)
    {
        try
        {
            return CatalogVectorIndex.Open(catalog, modelKey, description);
        }
        catch (InvalidOperationException e)
        {
            throw new BadInputException($"{e.Message} Run 'lookalike index FOLDER --model ...' with this model first.", e);
        }
        catch (ArgumentException e)
        {
            throw new BadInputException(e.Message, e);
        }
    }

    private static TextEmbedder OpenText(ModelManifest manifest, string modelDirectory)
    {
        if (manifest.Text is null)
            throw new ModelException($"model {manifest.Name} has no text tower, so it cannot search by text: use a CLIP-style model (--model, see 'lookalike models list').");
        try
        {
            return new TextEmbedder(manifest, modelDirectory);
        }
        catch (ModelException e)
        {
            throw new BadInputException(e.Message, e);
        }
    }

    /// <summary>The images of a folder (recursively), or the paths listed in a file (relative ones from the list's folder).</summary>
    private static IEnumerable<string> QueryFiles(string folderOrList, Action<string, string> onListingProblem)
    {
        var full = Path.GetFullPath(folderOrList);
        if (Directory.Exists(full)) return FileScanner.Scan([full], onListingProblem);
        if (!File.Exists(full)) throw new BadInputException($"{full}: no such folder or list file.");
        var baseFolder = Path.GetDirectoryName(full)!;
        return File.ReadLines(full).Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => Path.GetFullPath(l, baseFolder));
    }

    /// <summary>The model's image tower, loaded only when a query is not already in the catalog.</summary>
    private sealed class LazyFingerprinter(ModelManifest manifest, string directory) : IDisposable
    {
        private OnnxImageEmbedder? _embedder;
        private Fingerprinter? _fingerprinter;

        public Fingerprinter Value
        {
            get
            {
                if (_fingerprinter != null) return _fingerprinter;
                try
                {
                    _embedder = new OnnxImageEmbedder(manifest, directory);
                }
                catch (ModelException e)
                {
                    throw new BadInputException(e.Message, e);
                }
                return _fingerprinter = new Fingerprinter(_embedder);
            }
        }

        public void Dispose() => _embedder?.Dispose();
    }
}
