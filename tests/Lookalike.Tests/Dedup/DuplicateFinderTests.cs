using Lookalike.Catalog;
using Lookalike.Dedup;
using Lookalike.Dedup.Decisions;
using Lookalike.Fingerprints.Hashes;

namespace Lookalike.Tests.Dedup;

/// <summary>How <see cref="DuplicateFinder"/> combines the kinds of links, on hand-made fingerprints.</summary>
public class DuplicateFinderTests
{
    private const ulong Base = 0x0F0F_0F0F_0F0F_0F0FUL;      // 32 bits set, like a pHash
    private const ulong Unrelated = 0x3333_3333_3333_3333UL; // 32 bits from Base
    private const ulong NoTurn = 0x5555_5555_5555_5555UL;    // 32 bits from Base, ~Base and Unrelated

    private static ImageRecord Image(long id) => new(id, $"/p/{id}.jpg", 1, DateTime.UtcNow, new string((char)('a' + id), 64), 10, 10, "jpeg", null, null);

    private static ImageHashes Hashes(ulong phash, ulong turned = NoTurn) =>
        new(0, 0, phash, 0, 0, TurnedPHashes.FromArray([.. Enumerable.Repeat(turned, TurnedPHashes.Transforms.Length)]));

    private static float[] Unit(params float[] v) => v.Select(x => x / MathF.Sqrt(v.Sum(y => y * y))).ToArray();

    private static long[][] Ids(IEnumerable<DuplicateGroup> groups) => groups.Select(g => g.Files.Select(f => f.Id).Order().ToArray()).ToArray();

    private static readonly ImageRecord[] Images = [Image(1), Image(2), Image(3), Image(4)];

    [Fact]
    public void HashLinksAreDroppedWhenBothEmbeddingsDisagree()
    {
        // 1-2 and 3-4 are 4 bits apart; the embeddings confirm 1-2 and contradict 3-4.
        var hashes = new Dictionary<long, ImageHashes>
        {
            [1] = Hashes(Base), [2] = Hashes(Base ^ 0xF), [3] = Hashes(Unrelated), [4] = Hashes(Unrelated ^ 0xF0),
        };
        var embeddings = new Dictionary<long, float[]> { [1] = Unit(1, 0), [2] = Unit(1, 0.1f), [3] = Unit(1, 0), [4] = Unit(0, 1) };
        var criteria = new DuplicateCriteria { HashMaxDistance = 6, ConfirmMinSimilarity = 0.9f };
        Assert.Equal([[1L, 2]], Ids(DuplicateFinder.Find(Images, hashes, embeddings, criteria)));
        // Without embeddings for 4 the hash alone decides.
        embeddings.Remove(4);
        Assert.Equal([[1L, 2], [3L, 4]], Ids(DuplicateFinder.Find(Images, hashes, embeddings, criteria)));
    }

    [Fact]
    public void TurnedLinksFindRotatedCopiesAndReportTheirDistance()
    {
        // Image 2's turned pHash is 2 bits from image 1's plain pHash (it is 1, turned); 3 is unrelated.
        var hashes = new Dictionary<long, ImageHashes>
        {
            [1] = Hashes(Base), [2] = Hashes(~Base, turned: Base ^ 0x3), [3] = Hashes(Unrelated),
        };
        var groups = DuplicateFinder.Find(Images[..3], hashes, null, new DuplicateCriteria { HashMaxDistance = 10, TurnedMaxDistance = 4 });
        var group = Assert.Single(groups);
        Assert.Equal([1L, 2], group.Files.Select(f => f.Id).Order());
        Assert.Equal([new EvidenceRange(MatchEvidence.TurnedPHash, 1, 2, 2)], group.Evidence);
        Assert.Empty(DuplicateFinder.Find(Images[..3], hashes, null, new DuplicateCriteria { HashMaxDistance = 10 }));
    }

    [Fact]
    public void EmbeddingLinksJoinWhatHashesMissAndDecisionsSplitThem()
    {
        var hashes = Images.ToDictionary(i => i.Id, i => Hashes(i.Id % 2 == 0 ? Base : Unrelated));
        var embeddings = new Dictionary<long, float[]> { [1] = Unit(1, 0, 0), [2] = Unit(0.99f, 0.1f, 0), [3] = Unit(0, 1, 0), [4] = Unit(0, 0, 1) };
        var criteria = DuplicateCriteria.EmbeddingOnly(0.98f);
        var group = Assert.Single(DuplicateFinder.Find(Images, hashes, embeddings, criteria));
        Assert.Equal([1L, 2], group.Files.Select(f => f.Id).Order());
        Assert.Equal(MatchEvidence.Embedding, Assert.Single(group.Evidence).Evidence);

        var notDuplicates = new DecisionSet([new PairDecision(Images[0].ContentHash, Images[1].ContentHash, DuplicateDecision.NotDuplicates, DateTime.UtcNow)]);
        Assert.Empty(DuplicateFinder.Find(Images, hashes, embeddings, criteria, notDuplicates));
    }

    private static ImageRecord Shot(long id, string content, int width = 10, string? camera = null, DateTime? taken = null) =>
        new(id, $"/p/{id}.jpg", 1, DateTime.UtcNow, content, width, 10, "jpeg", taken, camera);

    [Fact]
    public void LevelsTellExactSamePixelsAndCopies()
    {
        // 1 and 2: same bytes; 3: same fingerprints and size, other bytes; 4: 3 bits off (an edited copy).
        var images = new[] { Shot(1, "x"), Shot(2, "x"), Shot(3, "y"), Shot(4, "z") };
        var hashes = new Dictionary<long, ImageHashes> { [1] = Hashes(Base), [2] = Hashes(Base), [3] = Hashes(Base), [4] = Hashes(Base ^ 0x7) };
        var criteria = new DuplicateCriteria { HashMaxDistance = 6 };
        Assert.Equal(DuplicateLevel.Exact, Assert.Single(DuplicateFinder.Find(images[..2], hashes, null, criteria)).Level);
        Assert.Equal(DuplicateLevel.SamePixels, Assert.Single(DuplicateFinder.Find(images[..3], hashes, null, criteria)).Level);
        var group = Assert.Single(DuplicateFinder.Find(images, hashes, null, criteria));
        Assert.Equal(DuplicateLevel.Copy, group.Level);
        Assert.Equal([new LevelCount(DuplicateLevel.Exact, 1), new LevelCount(DuplicateLevel.SamePixels, 2), new LevelCount(DuplicateLevel.Copy, 3)], group.Levels);
    }

    [Fact]
    public void BurstsByExifAndWiderMatchesAreSimilarAndGroupedOnlyWhenAsked()
    {
        // 1-2: one camera, capture times a second apart (a burst), 2 bits; 3-4: 9 bits, beyond the copy limit of 6.
        var taken = new DateTime(2024, 5, 1, 10, 0, 0);
        var images = new[] { Shot(1, "a", camera: "Cam X", taken: taken), Shot(2, "b", camera: "Cam X", taken: taken.AddSeconds(1)), Shot(3, "c"), Shot(4, "d") };
        var hashes = new Dictionary<long, ImageHashes>
        {
            [1] = Hashes(Base), [2] = Hashes(Base ^ 0x3), [3] = Hashes(Unrelated), [4] = Hashes(Unrelated ^ 0x1FF),
        };
        var copies = new DuplicateCriteria { HashMaxDistance = 6 };
        Assert.Empty(DuplicateFinder.Find(images, hashes, null, copies));
        var similar = DuplicateFinder.Find(images, hashes, null, copies with { Similar = copies with { HashMaxDistance = 10 } });
        Assert.Equal([[1L, 2], [3L, 4]], Ids(similar));
        Assert.All(similar, g => Assert.Equal(DuplicateLevel.Similar, g.Level));
    }

    [Fact]
    public void ExplainNamesTheNumbersAndLimitsOfEveryKindOfLink()
    {
        var criteria = new DuplicateCriteria
        {
            HashMaxDistance = 10, ConfirmMinSimilarity = 0.95f, TurnedMaxDistance = 6, EmbeddingRules = [new EmbeddingRule(0.992f, 18)],
        };
        // 4 bits apart but the embeddings disagree: the veto is named; the embedding rule is not met either.
        var vetoed = criteria.Explain(Hashes(Base), Hashes(Base ^ 0xF), 0.9f);
        Assert.Equal("phash 4 bits <= 10, but cosine 0.9000 < 0.95 vetoes it: the layout matches, the content does not", vetoed[0]);
        Assert.Equal("turned pHash: not needed (plain pHash 4 bits)", vetoed[1]);
        Assert.Equal("cosine 0.9000 < 0.992: the embedding does not link them", vetoed[2]);
        // A high cosine with pHashes far apart: the embedding alone does not decide.
        var far = criteria.Explain(Hashes(Base), Hashes(Unrelated), 0.995f);
        Assert.StartsWith("phash 32 bits > 10", far[0]);
        Assert.Contains("beyond every embedding rule's limit", far[2]);
        Assert.Empty(criteria.Judge(Hashes(Base), Hashes(Unrelated), 0.995f));
    }

    [Fact]
    public void JudgeOfEveryPairGivesTheSameGroupsAsTheIndexedFinder()
    {
        // Clusters of near codes and vectors, some turned copies, some images without embeddings.
        var random = new Random(11);
        var images = Enumerable.Range(1, 300).Select(i => Image(i)).ToList();
        var hashes = new Dictionary<long, ImageHashes>();
        var embeddings = new Dictionary<long, float[]>();
        ulong Flip(ulong code, int bits)
        {
            for (int b = 0; b < bits; b++) code ^= 1UL << random.Next(64);
            return code;
        }
        for (int i = 0; i < images.Count; i += 3)
        {
            var code = (ulong)random.NextInt64();
            var direction = Enumerable.Range(0, 8).Select(_ => random.NextSingle() - 0.5f).ToArray();
            for (int j = i; j < Math.Min(i + 3, images.Count); j++)
            {
                var turnedCopy = random.Next(4) == 0;
                hashes[images[j].Id] = turnedCopy
                    ? new ImageHashes(0, 0, (ulong)random.NextInt64(), 0, 0, TurnedPHashes.FromArray([.. Enumerable.Range(0, 7).Select(_ => Flip(code, random.Next(8)))]))
                    : Hashes(Flip(code, random.Next(16)), (ulong)random.NextInt64());
                if (random.Next(5) > 0) embeddings[images[j].Id] = Unit(direction.Select(x => x + 0.2f * (random.NextSingle() - 0.5f)).ToArray());
            }
        }
        var criteria = new DuplicateCriteria
        {
            HashMaxDistance = 8, ConfirmMinSimilarity = 0.9f, TurnedMaxDistance = 5,
            EmbeddingRules = [new EmbeddingRule(0.97f, 12), new EmbeddingRule(0.99f, 20)],
        };
        var pairs = new List<(int, int)>();
        for (int a = 0; a < images.Count; a++)
            for (int b = a + 1; b < images.Count; b++)
            {
                float? cosine = embeddings.TryGetValue(images[a].Id, out var va) && embeddings.TryGetValue(images[b].Id, out var vb)
                    ? Lookalike.Fingerprints.Embeddings.Similarity.Cosine(va, vb) : null;
                if (criteria.Judge(hashes[images[a].Id], hashes[images[b].Id], cosine).Count > 0) pairs.Add((a, b));
            }
        var expected = DuplicateGrouper.GroupConfirmed(images.Count, pairs).Select(g => g.Select(p => images[p].Id).ToArray()).ToArray();
        Assert.True(expected.Length > 20, $"only {expected.Length} groups: the data should exercise every kind of link");
        Assert.Equal(expected, Ids(DuplicateFinder.Find(images, hashes, embeddings, criteria)));
    }
}
