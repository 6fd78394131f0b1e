using System.Text.Json;
using Lookalike.Catalog;
using Lookalike.Vectors;

namespace Lookalike.Search;

/// <summary>What opening a <see cref="CatalogVectorIndex"/> had to do.</summary>
public enum CatalogIndexState
{
    /// <summary>The saved index matched the catalog and was mapped as it is.</summary>
    Reused,
    /// <summary>The saved index was brought up to date (new and changed vectors added, gone ones removed) and saved.</summary>
    Updated,
    /// <summary>No usable saved index (none, another description, another dimension): built from every embedding and saved.</summary>
    Built,
}

/// <summary>
/// The vector index of one model's embeddings in a catalog, kept on disk beside it
/// (<c>&lt;catalog dir&gt;/indexes/&lt;model&gt;.&lt;description&gt;.idx</c>) with a small JSON record of what it
/// was built from (<c>&lt;model&gt;.json</c>): the description, whether it was chosen automatically, and the
/// catalog's embedding generation it reflects. Opening compares that generation with the catalog's: equal
/// means the file is mapped and used as it is; different means only the embeddings written since are
/// read and added, gone ones removed, and the file saved again.
/// </summary>
public sealed class CatalogVectorIndex : IDisposable
{
    public const string FolderName = "indexes";

    /// <summary>Pass as the description to let <see cref="IndexFactory.Choose"/> pick by collection size.</summary>
    public const string Automatic = "auto";

    /// <summary>An HNSW index collects tombstones on removal; past this share of removed nodes it is rebuilt.</summary>
    private const double CompactAboveRemovedShare = 0.25;

    private readonly ImageCatalog _catalog;
    private readonly bool _rerank;

    private CatalogVectorIndex(ImageCatalog catalog, string model, IVectorIndex index, string path, CatalogIndexState state, int added, int removed)
    {
        _catalog = catalog;
        Model = model;
        Index = index;
        Path = path;
        State = state;
        Added = added;
        Removed = removed;
        _rerank = ExactRerank.Needed(index.Description);
    }

    public string Model { get; }
    public IVectorIndex Index { get; }
    /// <summary>The index file.</summary>
    public string Path { get; }
    public CatalogIndexState State { get; }
    /// <summary>Vectors added (or replaced) when opening; all of them when <see cref="State"/> is Built.</summary>
    public int Added { get; }
    public int Removed { get; }

    /// <summary>
    /// Opens the index of <paramref name="model"/>'s embeddings in <paramref name="catalog"/>, updating or building
    /// it as needed. <paramref name="description"/> is a factory string ("Flat", "HNSW32", "IVF1024,PQ64"),
    /// <see cref="Automatic"/>, or null: keep the saved index's description (re-choosing it by size only if
    /// it was chosen automatically).
    /// </summary>
    /// <exception cref="InvalidOperationException">The catalog has no embeddings of <paramref name="model"/>.</exception>
    /// <exception cref="ArgumentException">A bad description, or one the collection cannot build (too few vectors to train IVF).</exception>
    public static CatalogVectorIndex Open(ImageCatalog catalog, string model, string? description = null)
    {
        if (description is not null && description != Automatic) IndexFactory.Parse(description);
        var folder = System.IO.Path.Combine(catalog.StateFolder, FolderName);
        var recordPath = System.IO.Path.Combine(folder, FileSafe(model) + ".json");
        var saved = IndexRecord.Read(recordPath);
        var generation = catalog.EmbeddingGeneration(model);
        var automatic = description == Automatic || (description is null && (saved?.Automatic ?? true));
        var chosen = automatic ? null : description ?? saved!.Description;
        if (saved != null && saved.Model == model && saved.Automatic == automatic && (automatic || saved.Description == chosen)
            && File.Exists(saved.IndexPath(folder)))
        {
            var updated = TryUpdate(catalog, model, saved, folder, recordPath, generation);
            if (updated != null) return updated;
        }
        return Build(catalog, model, chosen, folder, recordPath, generation, saved);
    }

    /// <summary>
    /// The <paramref name="k"/> most similar cataloged images that <paramref name="filter"/> accepts, best first,
    /// scoring at least <paramref name="minScore"/>. Scores are exact cosines of the catalog's vectors.
    /// </summary>
    public SearchHit[] Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null, float minScore = float.NegativeInfinity)
    {
        if (query.Length != Index.Dimension)
            throw new ArgumentException($"The query has {query.Length} dimensions but {Model}'s embeddings have {Index.Dimension}.", nameof(query));
        var hits = ExactRerank.Search(Index, query, k, filter, _rerank, id => _catalog.GetEmbedding(id, Model));
        return hits.Where(h => h.Score >= minScore).ToArray();
    }

    public void Dispose() => Index.Dispose();

    private static CatalogVectorIndex? TryUpdate(ImageCatalog catalog, string model, IndexRecord saved, string folder, string recordPath,
        long generation)
    {
        var path = saved.IndexPath(folder);
        IVectorIndex index;
        try
        {
            index = VectorIndex.Load(path);
        }
        catch (InvalidDataException)
        {
            return null; // damaged or from another format version: build anew
        }
        if (index.Description != saved.Description)
        {
            index.Dispose();
            return null;
        }
        if (generation == saved.Generation) return new CatalogVectorIndex(catalog, model, index, path, CatalogIndexState.Reused, 0, 0);

        var live = catalog.GetEmbeddedIds(model);
        if (live.Count == 0 || (saved.Automatic && Choose(live.Count, index.Dimension) != saved.Description))
        {
            index.Dispose();
            return null;
        }
        var changed = catalog.GetEmbeddingsWrittenAfter(model, saved.Generation);
        if (changed.Values.Any(v => v.Length != index.Dimension))
        {
            index.Dispose();
            return null;
        }
        var gone = index.Ids.Where(id => !live.Contains(id)).ToList();
        foreach (var id in gone) index.Remove(id);
        AddAll(index, changed);
        if (index is HnswIndex hnsw && hnsw.RemovedCount > CompactAboveRemovedShare * (hnsw.Count + hnsw.RemovedCount)) hnsw.Compact();
        SaveReplacing(index, path);
        (saved with { Generation = generation }).Write(recordPath);
        return new CatalogVectorIndex(catalog, model, index, path, CatalogIndexState.Updated, changed.Count, gone.Count);
    }

    /// <summary>Builds from every embedding; a null <paramref name="description"/> is chosen by size.</summary>
    private static CatalogVectorIndex Build(ImageCatalog catalog, string model, string? description, string folder, string recordPath,
        long generation, IndexRecord? previous)
    {
        var vectors = catalog.GetEmbeddings(model);
        if (vectors.Count == 0)
            throw new InvalidOperationException($"The catalog {catalog.DatabasePath} has no embeddings of {model}.");
        var dimension = vectors.First().Value.Length;
        var automatic = description is null;
        var index = IndexFactory.Create(description ?? Choose(vectors.Count, dimension), dimension);
        try
        {
            AddAll(index, vectors);
            Directory.CreateDirectory(folder);
            var record = new IndexRecord(model, index.Description, automatic, generation);
            var path = record.IndexPath(folder);
            SaveReplacing(index, path);
            record.Write(recordPath);
            if (previous != null && previous.IndexPath(folder) != path) File.Delete(previous.IndexPath(folder));
            return new CatalogVectorIndex(catalog, model, index, path, CatalogIndexState.Built, vectors.Count, 0);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>The automatic kind: by size, and IVF-PQ once an HNSW graph would take more than half this machine's memory.</summary>
    private static string Choose(int count, int dimension) =>
        IndexFactory.Choose(count, dimension, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);

    private static void AddAll(IVectorIndex index, Dictionary<long, float[]> vectors)
    {
        if (vectors.Count == 0) return;
        var ids = vectors.Keys.Order().ToArray();
        var rows = new float[ids.Length * index.Dimension];
        for (var i = 0; i < ids.Length; i++) vectors[ids[i]].CopyTo(rows, i * index.Dimension);
        index.Add(ids, rows);
    }

    /// <summary>Saves beside the target and renames over it, so a reader never maps a half-written file
    /// (and the mapping this index may still read from stays valid).</summary>
    private static void SaveReplacing(IVectorIndex index, string path)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        index.Save(temporary);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Model keys and descriptions hold '@', ',' and the like: keep file names plain.</summary>
    private static string FileSafe(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_'));

    /// <summary>What a saved index was built from (the JSON beside it).</summary>
    private sealed record IndexRecord(string Model, string Description, bool Automatic, long Generation)
    {
        public string IndexPath(string folder) => System.IO.Path.Combine(folder, $"{FileSafe(Model)}.{FileSafe(Description)}.idx");

        public static IndexRecord? Read(string path)
        {
            try
            {
                return File.Exists(path) ? JsonSerializer.Deserialize<IndexRecord>(File.ReadAllText(path)) : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public void Write(string path)
        {
            var temporary = $"{path}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(this));
            File.Move(temporary, path, overwrite: true);
        }
    }
}
