using Lookalike.Catalog;
using Lookalike.Files;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Loading;
using Lookalike.Vectors;

namespace Lookalike.Search;

/// <summary>What to search for: the query as the user gave it (an absolute path or the text), its vector, and
/// the cataloged image that is the query itself (never returned), if any.</summary>
public sealed record SearchQuery(string Query, float[] Vector, long? Self);

/// <summary>One result: the cataloged image, its cosine to the query, and its tags.</summary>
public sealed record SearchResult(ImageRecord Image, float Score, IReadOnlyList<string> Tags);

/// <summary>
/// Finds the cataloged images most like an image or a text, through a <see cref="CatalogVectorIndex"/>:
/// filters run inside the index search (so k results still come back when k pass), and the query image
/// itself is left out when it is in the catalog.
/// </summary>
/// <param name="database">pgvector inside the catalog's PostgreSQL server (see <see cref="PgvectorSearch"/>), refreshed
/// by the caller: when given, searches whose filter it can push into its query (folder and tags) run in the
/// database; the others (key=value conditions) use <paramref name="index"/>.</param>
public sealed class ImageSearch(ImageCatalog catalog, CatalogVectorIndex index, PgvectorSearch? database = null)
{
    /// <summary>
    /// The query for an image file. A cataloged, unchanged file with an embedding of the index's model uses
    /// that embedding; any other file is decoded and embedded by <paramref name="fingerprinter"/> (whose model
    /// must be the index's).
    /// </summary>
    /// <exception cref="ImageDecodeException">The file cannot be read as an image.</exception>
    public SearchQuery ForImage(string path, Fingerprinter fingerprinter)
    {
        var full = Path.GetFullPath(path);
        var record = catalog.FindFile(full);
        if (record != null && IsUnchanged(record) && catalog.GetEmbedding(record.Id, index.Model) is { } stored)
            return new SearchQuery(full, stored, record.Id);
        if (fingerprinter.ModelKey != index.Model)
            throw new ArgumentException($"The fingerprinter embeds with {fingerprinter.ModelKey ?? "no model"}, the index holds {index.Model}.", nameof(fingerprinter));
        if (!File.Exists(full)) throw new ImageDecodeException(full, "no such file");
        var vector = fingerprinter.Embed([fingerprinter.PrepareEmbedding(full)])[0];
        return new SearchQuery(full, vector, record?.Id);
    }

    /// <summary>The query for a text, embedded by the model's text tower.</summary>
    public SearchQuery ForText(string text, TextEmbedder embedder)
    {
        if (Fingerprinter.KeyOf(embedder.Model) != index.Model)
            throw new ArgumentException($"The text embedder is {Fingerprinter.KeyOf(embedder.Model)}, the index holds {index.Model}.", nameof(embedder));
        return new SearchQuery(text, embedder.EmbedText([text])[0], null);
    }

    /// <summary>The <paramref name="k"/> best matches passing <paramref name="filter"/> with a score of at least <paramref name="minScore"/>.</summary>
    public List<SearchResult> Search(SearchQuery query, int k, ImageFilter? filter = null, float minScore = float.NegativeInfinity)
    {
        var allowed = (filter ?? ImageFilter.All).Select(catalog);
        Func<long, bool>? accept = (allowed, query.Self) switch
        {
            (null, null) => null,
            (null, { } self) => id => id != self,
            ({ } set, var self) => id => id != self && set.Contains(id),
        };
        var tags = new ImageTags(catalog);
        var results = new List<SearchResult>();
        foreach (var hit in Nearest(query, k, filter ?? ImageFilter.All, accept, minScore))
            // An image removed from the catalog since the index was opened is skipped.
            if (catalog.GetImage(hit.Id) is { } image) results.Add(new SearchResult(image, hit.Score, tags.Of(hit.Id)));
        return results;
    }

    private IEnumerable<SearchHit> Nearest(SearchQuery query, int k, ImageFilter filter, Func<long, bool>? accept, float minScore)
    {
        if (database is null || filter.Values.Count > 0) return index.Search(query.Vector, k, accept, minScore);
        // One more than asked when the query is itself cataloged: it is among the nearest and is left out here.
        var hits = database.Nearest(index.Model, query.Vector, query.Self is null ? k : k + 1,
            roots: filter.Folder is { } folder ? [folder] : null, tags: filter.Tags.Count > 0 ? filter.Tags : null);
        return hits.Where(h => h.Id != query.Self && h.Score >= minScore).Take(k);
    }

    private static bool IsUnchanged(ImageRecord record)
    {
        try
        {
            return FileStamp.Of(record.Path).IsSameAs(record.Stamp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
