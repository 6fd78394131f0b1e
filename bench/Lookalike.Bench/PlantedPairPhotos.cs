using Lookalike.Catalog;
using Lookalike.Dedup.Verify;
using Lookalike.Evaluation;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;

namespace Lookalike.Bench;

/// <summary>
/// Real verifier work for the generated images of <c>bench dedup-scale</c>, which have fingerprints but no pixels:
/// the content verifier (<see cref="PairVerifier"/>, unchanged) is given real files from an evaluation set of real
/// photos and their edited copies (scripts/eval/make-dedup-set.sh). A candidate pair that is a planted near copy (its
/// generated pHashes 2-6 bits apart or a turned pHash within 4 bits, or embeddings at cosine 0.95 and above, as the
/// generators plant them) is verified as a photo against one of its edits; of the other candidate pairs a
/// deterministic <c>sample</c> share is verified as two unrelated photos, and the rest return null (the verifier could
/// not read them: the fingerprints decide, as <see cref="Dedup.DuplicateFinder"/> documents), so the pairs not sampled
/// cost nothing and the printed cost per pair is what the full run would pay per pair. The photo of each image is
/// drawn from its id; a planted copy takes an edit of its partner's photo, so within a pair the two files are
/// always what the fingerprints say they are.
/// </summary>
internal sealed class PlantedPairPhotos(DedupGroundTruth set, ulong[] pHashes, ulong[] turned, float[]? vectors, int dimension, double sample)
{
    private const int PlantedMaxDistance = 6, PlantedTurnedMaxDistance = 4;
    private const float PlantedMinCosine = 0.95f;

    private readonly LabelledImage[] _originals = set.Images.Where(i => i.IsOriginal).OrderBy(i => i.Path, StringComparer.Ordinal).ToArray();
    private readonly Dictionary<string, LabelledImage[]> _editsOf = set.Images.Where(i => !i.IsOriginal).GroupBy(i => i.Family)
        .ToDictionary(g => g.Key, g => g.OrderBy(i => i.Path, StringComparer.Ordinal).ToArray());
    private long _planted, _sampled, _skipped;
    private readonly long[] _plantedVerdicts = new long[4], _sampledVerdicts = new long[4];

    public PairVerifier Verifier { get; } = new();

    /// <summary>Candidate pairs seen: planted (verified), sampled others (verified), others not verified.</summary>
    public (long Planted, long Sampled, long Skipped) Pairs => (Interlocked.Read(ref _planted), Interlocked.Read(ref _sampled), Interlocked.Read(ref _skipped));

    /// <summary>Verdicts (copy, similar, different, unreadable) of the planted and of the sampled pairs.</summary>
    public (long[] Planted, long[] Sampled) Verdicts => (_plantedVerdicts, _sampledVerdicts);

    /// <summary>The <see cref="Dedup.DuplicateFinder"/> verify callback (ids are 1 + the generated index).</summary>
    public PairEvidence? Verify(ImageRecord a, ImageRecord b)
    {
        int ia = (int)a.Id - 1, ib = (int)b.Id - 1;
        var planted = IsPlanted(ia, ib);
        if (!planted && Mix(ia, ib) % 1_000_000 >= sample * 1_000_000)
        {
            Interlocked.Increment(ref _skipped);
            return null;
        }
        Interlocked.Increment(ref planted ? ref _planted : ref _sampled);
        var photo = _originals[Mix(ia, 0) % (ulong)_originals.Length];
        LabelledImage other;
        if (planted && _editsOf.TryGetValue(photo.Family, out var edits)) other = edits[Mix(ib, 1) % (ulong)edits.Length];
        else
        {
            other = _originals[Mix(ib, 0) % (ulong)_originals.Length];
            if (other.Family == photo.Family) other = _originals[(Array.IndexOf(_originals, other) + 1) % _originals.Length];
        }
        var evidence = Verifier.Verify(photo.Path, other.Path);
        Interlocked.Increment(ref (planted ? _plantedVerdicts : _sampledVerdicts)[evidence is null ? 3 : (int)evidence.Verdict]);
        return evidence;
    }

    private bool IsPlanted(int a, int b)
    {
        var hashes = new ImageHashes(0, 0, pHashes[a], 0, 0, TurnedPHashes.FromArray(turned.AsSpan(a * TurnedPHashes.Transforms.Length, TurnedPHashes.Transforms.Length)));
        var other = new ImageHashes(0, 0, pHashes[b], 0, 0, TurnedPHashes.FromArray(turned.AsSpan(b * TurnedPHashes.Transforms.Length, TurnedPHashes.Transforms.Length)));
        if (ImageHashes.Distance(pHashes[a], pHashes[b]) <= PlantedMaxDistance || ImageHashes.TurnedDistance(hashes, other) <= PlantedTurnedMaxDistance) return true;
        return vectors is not null
               && Similarity.Cosine(vectors.AsSpan(a * dimension, dimension), vectors.AsSpan(b * dimension, dimension)) >= PlantedMinCosine;
    }

    /// <summary>A fixed hash of two numbers (splitmix64), so photo choice and sampling do not depend on thread timing.</summary>
    private static ulong Mix(int a, int b)
    {
        var h = (ulong)(uint)a * 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)b + 0x632BE59BD9B4E019UL) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }
}
