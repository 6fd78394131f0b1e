using Lookalike.Catalog;
using Lookalike.Fingerprints.Embeddings;

namespace Lookalike.Evaluation;

/// <summary>A labelled pair and its similarity score.</summary>
public sealed record ScoredPair(string PathA, string PathB, bool Same, double Score);

/// <summary>
/// The scored pairs of a label file: a pair file's own score column when every pair has one, else the
/// cosine of the two images' embeddings in the catalog. A class file stands for all its pairs (same class
/// = same), which is how ../shared/labelled is tuned.
/// </summary>
public static class LabelledPairScores
{
    /// <summary>Whether scoring <paramref name="file"/> needs a catalog (some pair has no score of its own).</summary>
    public static bool NeedsCatalog(LabelFile file) => file.Pairs is null || file.Pairs.Any(p => p.Score is null);

    /// <param name="skipped">Receives one line per image (or pair) left out, naming it and why.</param>
    public static List<ScoredPair> Score(LabelFile file, ImageCatalog? catalog, string? model, Action<string> skipped)
    {
        if (!NeedsCatalog(file)) return file.Pairs!.Select(p => new ScoredPair(p.PathA, p.PathB, p.Same, p.Score!.Value)).ToList();
        if (catalog is null || model is null) throw new ArgumentException("Scoring pairs without a score column needs a catalog and a model.", nameof(catalog));
        var cache = new Dictionary<string, float[]?>();
        float[]? VectorOf(string path)
        {
            if (cache.TryGetValue(path, out var known)) return known;
            float[]? vector = null;
            if (catalog.FindByPath(path) is not { } record) skipped($"{path}: not in the catalog");
            else if ((vector = catalog.GetEmbedding(record.Id, model)) is null) skipped($"{path}: no embedding of {model}");
            return cache[path] = vector;
        }
        var scored = new List<ScoredPair>();
        if (file.Classes is { } classes)
        {
            var images = classes.DistinctBy(c => c.Path).Where(c => VectorOf(c.Path) != null).ToList();
            for (var i = 0; i < images.Count; i++)
                for (var j = i + 1; j < images.Count; j++)
                    scored.Add(new ScoredPair(images[i].Path, images[j].Path, images[i].Class == images[j].Class,
                        Similarity.Cosine(VectorOf(images[i].Path)!, VectorOf(images[j].Path)!)));
            return scored;
        }
        foreach (var pair in file.Pairs!)
        {
            if (pair.Score is { } given) { scored.Add(new ScoredPair(pair.PathA, pair.PathB, pair.Same, given)); continue; }
            var (a, b) = (VectorOf(pair.PathA), VectorOf(pair.PathB));
            if (a != null && b != null) scored.Add(new ScoredPair(pair.PathA, pair.PathB, pair.Same, Similarity.Cosine(a, b)));
        }
        return scored;
    }
}
