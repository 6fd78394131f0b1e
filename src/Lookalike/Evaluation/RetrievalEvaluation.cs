using System.Diagnostics;
using Lookalike.Catalog;
using Lookalike.Fingerprints;
using Lookalike.Loading;
using Lookalike.Search;
using Lookalike.Vectors;

namespace Lookalike.Evaluation;

/// <summary>
/// Class-level (or pair-level) retrieval quality of one index kind over a catalog's embeddings: every
/// labelled image queries an index of the labelled images (itself left out): precision and recall at k come
/// from a search for k results, mAP from the full ranking, each scored against <see cref="RelevanceLabels"/>. The index is built in memory from the catalog's vectors (timed:
/// indexing throughput), so evaluating never changes the catalog's saved index. An approximate kind is
/// also compared with the exact scan over the same vectors.
/// </summary>
public static class RetrievalEvaluation
{
    public static readonly IReadOnlyList<int> Ks = [1, 5, 10, 50, 100];

    /// <param name="fingerprinter">Embeds query files for the latency figures; null leaves latency out.</param>
    /// <param name="latencyQueries">How many queries (spread over the labelled images) to time end to end.</param>
    /// <exception cref="ArgumentException">A bad index description, or one the collection is too small for.</exception>
    /// <exception cref="InvalidOperationException">Fewer than two labelled images have embeddings of <paramref name="model"/>.</exception>
    public static RetrievalReport Run(ImageCatalog catalog, string model, RelevanceLabels labels, string indexDescription,
        Fingerprinter? fingerprinter = null, int latencyQueries = 50)
    {
        var skipped = new List<string>();
        var ids = new Dictionary<string, long>();
        var vectors = new Dictionary<long, float[]>();
        foreach (var path in labels.Images)
        {
            if (catalog.FindByPath(path) is not { } record) { skipped.Add($"{path}: not in the catalog"); continue; }
            if (catalog.GetEmbedding(record.Id, model) is not { } vector) { skipped.Add($"{path}: no embedding of {model}"); continue; }
            ids[path] = record.Id;
            vectors[record.Id] = vector;
        }
        if (vectors.Count < 2) throw new InvalidOperationException($"Only {vectors.Count} labelled image(s) have embeddings of {model} in {catalog.DatabasePath}: index the labelled folder first.");
        var dimension = vectors.First().Value.Length;
        var pathOf = ids.ToDictionary(p => p.Value, p => p.Key);

        var build = Stopwatch.StartNew();
        using var index = Build(indexDescription, dimension, vectors);
        build.Stop();
        var rerank = ExactRerank.Needed(indexDescription);
        var exact = IndexFactory.Parse(indexDescription) is { Kind: IndexKind.Flat, Storage: "Flat" } ? null : Build("Flat", dimension, vectors);

        var queries = labels.Images.Where(p => ids.ContainsKey(p) && labels.RelevantTo(p).Any(ids.ContainsKey)).ToList();
        var depth = vectors.Count - 1;
        var sums = new double[Ks.Count * 2];
        var agreement = new double[Ks.Count];
        var averagePrecision = new Dictionary<string, (double Ap, bool First)>();
        foreach (var query in queries)
        {
            var self = ids[query];
            var relevant = labels.RelevantTo(query).Where(ids.ContainsKey).Select(p => ids[p]).ToHashSet();
            SearchHit[] Search(int k) => ExactRerank.Search(index, vectors[self], k, id => id != self, rerank, id => vectors.GetValueOrDefault(id));
            var ranking = Search(depth).Select(h => relevant.Contains(h.Id)).ToArray();
            averagePrecision[query] = (RetrievalMetrics.AveragePrecision(ranking, relevant.Count), ranking.Length > 0 && ranking[0]);
            var truth = exact?.Search(vectors[self], Math.Min(Ks[^1], depth), id => id != self).Select(h => h.Id).ToArray();
            for (var i = 0; i < Ks.Count; i++)
            {
                // Searched at each k as a caller would: a search for many results explores more of an approximate
                // index, so the full-depth ranking (which mAP needs) would overstate its top-k quality.
                var found = Search(Math.Min(Ks[i], depth));
                var top = found.Select(h => relevant.Contains(h.Id)).ToArray();
                sums[2 * i] += RetrievalMetrics.PrecisionAtK(top, Ks[i]);
                sums[2 * i + 1] += RetrievalMetrics.RecallAtK(top, Ks[i], relevant.Count);
                if (truth != null && Ks[i] <= depth) agreement[i] += RetrievalMetrics.OverlapAtK(found.Select(h => h.Id).ToArray(), truth, Ks[i]);
            }
        }
        exact?.Dispose();
        if (queries.Count == 0) throw new InvalidOperationException("No labelled image has a labelled match in the catalog: nothing to evaluate.");

        var atK = Ks.Select((k, i) => new RetrievalAtK(k, sums[2 * i] / queries.Count, sums[2 * i + 1] / queries.Count)).ToList();
        var classes = labels.ClassOf is { } classOf
            ? averagePrecision.GroupBy(p => classOf[p.Key]).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ClassQuality(g.Key, g.Count(), g.Average(p => p.Value.Ap), g.Average(p => p.Value.First ? 1.0 : 0.0))).ToList()
            : null;
        var recallVsExact = exact is null ? null
            : Ks.Where(k => k <= depth).Select(k => new ExactAgreement(k, agreement[Ks.ToList().IndexOf(k)] / queries.Count)).ToList();
        var latency = fingerprinter is null || latencyQueries <= 0 ? null
            : TimeQueries(fingerprinter, index, rerank, vectors, queries.Where((_, i) => i % Math.Max(1, queries.Count / latencyQueries) == 0).Take(latencyQueries).ToList(), ids, skipped);
        return new RetrievalReport(model, index.Description, vectors.Count, queries.Count, atK, averagePrecision.Values.Average(p => p.Ap), classes,
            recallVsExact, build.Elapsed.TotalSeconds, vectors.Count / Math.Max(build.Elapsed.TotalSeconds, 1e-9), latency, skipped);
    }

    private static IVectorIndex Build(string description, int dimension, Dictionary<long, float[]> vectors)
    {
        var index = IndexFactory.Create(description, dimension);
        try
        {
            var keys = vectors.Keys.Order().ToArray();
            var rows = new float[keys.Length * dimension];
            for (var i = 0; i < keys.Length; i++) vectors[keys[i]].CopyTo(rows, i * dimension);
            index.Add(keys, rows);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>Each query file decoded, embedded and searched as <c>lookalike search</c> would (top 100), after one
    /// untimed warm-up query (the first inference also sets the model up).</summary>
    private static QueryLatency? TimeQueries(Fingerprinter fingerprinter, IVectorIndex index, bool rerank, Dictionary<long, float[]> vectors,
        List<string> queries, Dictionary<string, long> ids, List<string> skipped)
    {
        var times = new List<double>();
        for (var i = -1; i < queries.Count; i++)
        {
            var path = queries[Math.Max(i, 0)];
            var self = ids[path];
            var clock = Stopwatch.StartNew();
            try
            {
                var vector = fingerprinter.Embed([fingerprinter.PrepareEmbedding(path)])[0];
                ExactRerank.Search(index, vector, Ks[^1], id => id != self, rerank, id => vectors.GetValueOrDefault(id));
            }
            catch (ImageDecodeException e)
            {
                if (i >= 0) skipped.Add($"{e.Path}: {e.Reason} (left out of the latency figures)");
                continue;
            }
            if (i >= 0) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times.Count == 0 ? null
            : new QueryLatency(times.Count, RetrievalMetrics.Percentile(times, 0.5), RetrievalMetrics.Percentile(times, 0.95));
    }
}
