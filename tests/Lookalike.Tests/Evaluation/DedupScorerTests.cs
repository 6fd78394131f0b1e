using Lookalike.Evaluation;

namespace Lookalike.Tests.Evaluation;

public class DedupScorerTests
{
    // Families: a (original, grey, rot90), b (original, grey), c (original, rot90), d (original).
    // a and b are tone edits of one photo (a duplicate group), c and d are video frames (similar),
    // a and d look alike but are different photos (NOT duplicate).
    private static readonly LabelledImage[] Images =
    [
        new("/set/a.jpg", "a", "original"), new("/set/a__grey.jpg", "a", "grey"), new("/set/a__rot90.jpg", "a", "rot90"),
        new("/set/b.png", "b", "original"), new("/set/b__grey.jpg", "b", "grey"),
        new("/set/c.jpg", "c", "original"), new("/set/c__rot90.jpg", "c", "rot90"),
        new("/set/d.jpg", "d", "original"),
    ];

    private static readonly NearDuplicateGroupEntry[] Relations =
    [
        new("tones", "near-duplicate", "tone edits", ["a.jpg", "b.png"]),
        new("frames", "near-duplicate", "video frames", ["c.jpg", "d.jpg"]),
        new("lookalike", "same-scene, NOT duplicate", "re-shoot", ["a.jpg", "d.jpg"]),
    ];

    private static readonly DedupGroundTruth Truth = DedupGroundTruth.Create(Images, Relations, new HashSet<string> { "tones" });

    private static PredictedGroup Group(params string[] names) => new(names.Select(n => $"/set/{n}").ToList());

    [Fact]
    public void RelationsFollowTheNamedDuplicateGroupsTheOtherGroupsAndNotDuplicateMarks()
    {
        LabelledImage Image(string name) => Truth.ByPath[$"/set/{name}"];
        Assert.Equal(PairRelation.Duplicate, Truth.RelationOf(Image("a__grey.jpg"), Image("a__rot90.jpg")));
        Assert.Equal(PairRelation.Duplicate, Truth.RelationOf(Image("a__rot90.jpg"), Image("b__grey.jpg")));
        Assert.Equal(PairRelation.Similar, Truth.RelationOf(Image("c__rot90.jpg"), Image("d.jpg")));
        Assert.Equal(PairRelation.Different, Truth.RelationOf(Image("a.jpg"), Image("d.jpg")));
        Assert.Equal(PairRelation.Different, Truth.RelationOf(Image("b.png"), Image("c.jpg")));
    }

    [Fact]
    public void PerfectGroupingFindsEveryDuplicatePairAndNothingElse()
    {
        var score = DedupScorer.Score(Truth, [Group("a.jpg", "a__grey.jpg", "a__rot90.jpg", "b.png", "b__grey.jpg"), Group("c__rot90.jpg", "c.jpg")]);
        // Cluster {a, b}: 5 images, 10 pairs; family c: 1 pair.
        Assert.Equal((11L, 0L, 11L), (score.TruePairs, score.FalsePairs, score.DuplicatePairs));
        Assert.Equal((1.0, 1.0, 0.0), (score.Precision, score.Recall, score.FalseGroupRate));
        Assert.Equal(new PairRecall(2, 2), score.RecallByTransform["grey"]);
        Assert.Equal(new PairRecall(2, 2), score.RecallByTransform["rot90"]);
        Assert.Equal(new PairRecall(1, 1), score.CopyPairs);
        Assert.Equal(new PairRecall(6, 6), score.CrossFamilyPairs);
        Assert.Equal(new PairRecall(0, 2), score.SimilarPairs);
        Assert.Empty(score.FalseGroups);
    }

    [Fact]
    public void MergedUnrelatedFamilyCostsPrecisionAndMissingFilesAreSingletons()
    {
        // a__rot90 is in no group; d joins the a/b group although it is a different photo.
        var score = DedupScorer.Score(Truth, [Group("a.jpg", "a__grey.jpg", "b.png", "b__grey.jpg", "d.jpg"), Group("c.jpg", "c__rot90.jpg")]);
        Assert.Equal((7L, 4L), (score.TruePairs, score.FalsePairs));
        Assert.Equal(7.0 / 11, score.Precision, 9);
        Assert.Equal(7.0 / 11, score.Recall, 9);
        Assert.Equal(new PairRecall(2, 2), score.RecallByTransform["grey"]);
        Assert.Equal(new PairRecall(1, 2), score.RecallByTransform["rot90"]);
        Assert.Equal(new PairRecall(0, 1), score.CopyPairs);
        Assert.Equal(new PairRecall(4, 6), score.CrossFamilyPairs);
        Assert.Equal(0.5, score.FalseGroupRate);
        var falseGroup = Assert.Single(score.FalseGroups);
        Assert.Equal([("a", 2), ("b", 2), ("d", 1)], falseGroup.Families);
        Assert.Equal(4, falseGroup.DifferentPairs);
        Assert.Equal(4, score.FalsePairsByTransform["original"]);
        Assert.Equal(2, score.FalsePairsByTransform["grey"]);
    }

    [Fact]
    public void SimilarPairsAreCountedButLeftOutOfPrecisionAndRecall()
    {
        var score = DedupScorer.Score(Truth, [Group("c.jpg", "c__rot90.jpg", "d.jpg")]);
        Assert.Equal(new PairRecall(2, 2), score.SimilarPairs);
        Assert.Equal((1L, 0L), (score.TruePairs, score.FalsePairs));
        Assert.Equal(1.0, score.Precision);
        Assert.Equal(1.0 / 11, score.Recall, 9);
        Assert.Empty(score.FalseGroups);
    }

    [Fact]
    public void FilesTheTruthDoesNotKnowAreCountedAndIgnored()
    {
        var score = DedupScorer.Score(Truth, [Group("c.jpg", "elsewhere.jpg", "c__rot90.jpg")]);
        Assert.Equal(1, score.UnlabelledFiles);
        Assert.Equal((1L, 0L), (score.TruePairs, score.FalsePairs));
    }

    [Fact]
    public void FileInTwoGroupsIsAnError()
    {
        var error = Assert.Throws<InvalidDataException>(() => DedupScorer.Score(Truth, [Group("a.jpg", "a__grey.jpg"), Group("a.jpg", "b.png")]));
        Assert.Contains("/set/a.jpg", error.Message);
    }

    [Fact]
    public void NoGroupsMeansFullPrecisionAndNoRecall()
    {
        var score = DedupScorer.Score(Truth, []);
        Assert.Equal((1.0, 0.0, 0.0), (score.Precision, score.Recall, score.FalseGroupRate));
        Assert.Equal(new PairRecall(0, 2), score.RecallByTransform["grey"]);
    }

    [Fact]
    public void HardNegativesAreSimilarFamiliesAndOtherPicturesOfOneClassAndKeepersAreChecked()
    {
        // x and y: two pictures of one class; z another class; c and d similar (frames) as above.
        LabelledImage[] images =
        [
            new("/set/x.jpg", "x", "original", "birds"), new("/set/x__mirror.jpg", "x", "mirror", "birds"),
            new("/set/y.jpg", "y", "original", "birds"), new("/set/z.jpg", "z", "original", "fish"),
            new("/set/c.jpg", "c", "original"), new("/set/d.jpg", "d", "original"),
        ];
        var truth = DedupGroundTruth.Create(images, Relations, new HashSet<string>());
        var score = DedupScorer.Score(truth,
        [
            new PredictedGroup(["/set/x.jpg", "/set/x__mirror.jpg", "/set/y.jpg"], Keep: "/set/x__mirror.jpg"),
            new PredictedGroup(["/set/c.jpg", "/set/d.jpg"], Keep: "/set/c.jpg"),
        ]);
        // Same class: x-y twice (x, x__mirror with y) of 2 such pairs; z is alone in its class. Similar: c-d.
        Assert.Equal(new PairRecall(2, 2), score.SameClassPairs);
        Assert.Equal(new PairRecall(1, 1), score.SimilarPairs);
        Assert.Equal(3, score.HardNegativesGrouped);
        // Both groups hold an original; only the second keeps one.
        Assert.Equal(new PairRecall(1, 2), score.KeeperIsOriginal);
        Assert.Equal(1.0 / 4, score.CopyPrecision);
    }
}
