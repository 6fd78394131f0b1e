using Lookalike.Fingerprints.Embeddings;

namespace Lookalike.Bench.Embedding;

/// <summary>How well one embedding separates edited copies from unrelated photos (see LayerChoiceBench).</summary>
internal sealed record CopyDetectionScore(
    double RecallAtZeroFalse, double RecallAtOnePerMille, double TopOneCopy, double TopOneGroup, double GroupPairsAtOnePerMille,
    double MeanCopySimilarity, double CopyP5, double UnrelatedMedian, double UnrelatedP999, double ZeroFalseThreshold, string PerEdit)
{
    public static CopyDetectionScore Compute((int Photo, string Edit)[] items, float[][] vectors, int[] groupOf, bool[] nearDuplicateGroup)
    {
        var originals = Enumerable.Range(0, items.Length).Where(i => items[i].Edit == "original").ToDictionary(i => items[i].Photo);
        bool Related(int a, int b) => a == b || (groupOf[a] >= 0 && groupOf[a] == groupOf[b]);

        var positives = new List<(string Edit, float Similarity)>();
        var negatives = new List<float>();
        int copies = 0, copyHits = 0;
        for (int i = 0; i < items.Length; i++)
        {
            var (photo, edit) = items[i];
            int best = -1; float bestSimilarity = float.NegativeInfinity;
            foreach (var (other, j) in originals)
            {
                float s = Similarity.Cosine(vectors[i], vectors[j]);
                if (other == photo) { if (edit != "original") positives.Add((edit, s)); }
                else if (!Related(photo, other)) negatives.Add(s);
                if (edit != "original" && s > bestSimilarity) { bestSimilarity = s; best = other; }
            }
            if (edit != "original") { copies++; if (best == photo) copyHits++; }
        }

        // Top-1 among the other originals for photos in true near-duplicate groups.
        int groupQueries = 0, groupHits = 0;
        var groupPairs = new List<float>();
        foreach (var (photo, i) in originals)
        foreach (var (other, j) in originals)
            if (photo < other && groupOf[photo] >= 0 && groupOf[photo] == groupOf[other] && nearDuplicateGroup[groupOf[photo]])
                groupPairs.Add(Similarity.Cosine(vectors[i], vectors[j]));
        foreach (var (photo, i) in originals)
        {
            if (groupOf[photo] < 0 || !nearDuplicateGroup[groupOf[photo]]) continue;
            var best = originals.Where(o => o.Key != photo).MaxBy(o => Similarity.Cosine(vectors[i], vectors[o.Value]));
            groupQueries++;
            if (groupOf[best.Key] == groupOf[photo]) groupHits++;
        }

        negatives.Sort();
        float zeroFalse = negatives[^1];
        float perMille = negatives[(int)(negatives.Count * 0.999)];
        var perEdit = string.Join(" ", positives.GroupBy(p => p.Edit).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}={100.0 * g.Count(p => p.Similarity > zeroFalse) / g.Count():F0}"));
        return new CopyDetectionScore(
            (double)positives.Count(p => p.Similarity > zeroFalse) / positives.Count,
            (double)positives.Count(p => p.Similarity > perMille) / positives.Count,
            (double)copyHits / copies,
            groupQueries == 0 ? 0 : (double)groupHits / groupQueries,
            groupPairs.Count == 0 ? 0 : (double)groupPairs.Count(s => s > perMille) / groupPairs.Count,
            positives.Average(p => p.Similarity),
            positives.Select(p => p.Similarity).Order().ElementAt(positives.Count / 20),
            negatives[negatives.Count / 2],
            perMille,
            zeroFalse,
            perEdit);
    }
}
