using Lookalike.Evaluation;

namespace Lookalike.Tests.Evaluation;

public class CrossValidationTests
{
    // Six photos with two copies each; p0 and p1 are video frames of one scene (similar), so they share a fold.
    private static readonly LabelledImage[] Images = Enumerable.Range(0, 6).SelectMany(p => new[]
    {
        new LabelledImage($"/set/p{p}.jpg", $"p{p}", "original"),
        new LabelledImage($"/set/p{p}__grey.jpg", $"p{p}", "grey"),
        new LabelledImage($"/set/p{p}__rot90.jpg", $"p{p}", "rot90"),
    }).ToArray();

    private static readonly DedupGroundTruth Truth = DedupGroundTruth.Create(Images,
        [new NearDuplicateGroupEntry("frames", "near-duplicate", "video frames", ["p0.jpg", "p1.jpg"])], new HashSet<string>());

    private static readonly List<string> Paths = Images.Select(i => i.Path).ToList();

    [Fact]
    public void FoldsKeepAPhotoItsCopiesAndItsSimilarPhotosTogetherAndAreBalanced()
    {
        var foldOf = SourceFolds.Assign(Truth, Paths, 3);
        foreach (var family in Images.GroupBy(i => i.Family))
            Assert.Single(family.Select(i => foldOf[Paths.IndexOf(i.Path)]).Distinct());
        Assert.Equal(foldOf[Paths.IndexOf("/set/p0.jpg")], foldOf[Paths.IndexOf("/set/p1.jpg")]);
        // Five units (p0+p1, p2, p3, p4, p5) dealt over three folds: p0+p1 and p4, p2 and p5, p3.
        Assert.Equal([9, 6, 3], foldOf.GroupBy(f => f).OrderBy(g => g.Key).Select(g => g.Count()).ToArray());
        Assert.Equal(foldOf, SourceFolds.Assign(Truth, Paths, 3));
    }

    /// <summary>A toy method: a setting is how many copies of each photo it groups with the original (0, 1 or 2);
    /// "greedy" also merges p2 and p3 whole (a false group).</summary>
    private static IReadOnlyList<PredictedGroup> Group(string setting, IReadOnlyList<int> positions)
    {
        var files = positions.Select(i => Paths[i]).ToHashSet();
        var copies = setting switch { "none" => 0, "grey" => 1, _ => 2 };
        var groups = Enumerable.Range(0, 6)
            .Select(p => new[] { $"/set/p{p}.jpg", $"/set/p{p}__grey.jpg", $"/set/p{p}__rot90.jpg" }.Take(1 + copies).Where(files.Contains).ToList())
            .Where(g => g.Count > 1).ToList();
        if (setting == "greedy" && files.Contains("/set/p2.jpg") && files.Contains("/set/p3.jpg"))
        {
            groups.RemoveAll(g => g[0] is "/set/p2.jpg" or "/set/p3.jpg");
            groups.Add(files.Where(f => f.StartsWith("/set/p2", StringComparison.Ordinal) || f.StartsWith("/set/p3", StringComparison.Ordinal)).ToList());
        }
        return groups.Select(g => new PredictedGroup(g)).ToList();
    }

    [Fact]
    public void ChoosesTheHighestRecallThatMeetsThePrecisionTargetWithTiesToTheEarlierSetting()
    {
        var grid = new[] { "none", "grey", "greedy", "all", "all again" };
        var (chosen, score) = CrossValidation.Choose(Truth, grid, s => Group(s, Enumerable.Range(0, Paths.Count).ToList()), s => s.Precision, 0.99);
        Assert.Equal("all", chosen);
        Assert.Equal(1.0, score!.Recall);
        // None reaches the target: the most precise, then the higher recall.
        var (fallback, fallbackScore) = CrossValidation.Choose(Truth, ["greedy", "none", "grey"], s => Group(s, Enumerable.Range(0, Paths.Count).ToList()), s => s.Precision, 1.01);
        Assert.Equal("grey", fallback);
        Assert.Equal(1.0, fallbackScore!.Precision);
    }

    [Fact]
    public void EveryFoldIsGroupedWithTheSettingChosenOnTheOthersAndOnlyHeldOutGroupingsAreScored()
    {
        var foldOf = SourceFolds.Assign(Truth, Paths, 3);
        var seen = new List<(string Setting, int[] Positions)>();
        var result = CrossValidation.Run(Truth, Paths, foldOf, ["grey", "greedy"], (s, p) =>
        {
            seen.Add((s, p.ToArray()));
            return Group(s, p);
        }, s => s.Precision, 0.99);
        Assert.Equal(3, result.Folds.Count);
        foreach (var fold in result.Folds)
        {
            // "greedy" wins wherever p2 and p3 are not both in training; else "grey".
            var trainHasBoth = foldOf[Paths.IndexOf("/set/p2.jpg")] != fold.Fold && foldOf[Paths.IndexOf("/set/p3.jpg")] != fold.Fold;
            Assert.Equal(trainHasBoth ? "grey" : "greedy", fold.Chosen);
            Assert.True(fold.MetTarget);
            Assert.All(fold.Groups.SelectMany(g => g.Files), f => Assert.Equal(fold.Fold, foldOf[Paths.IndexOf(f)]));
        }
        Assert.Equal(result.Folds.Sum(f => f.HeldOut!.TruePairs), result.HeldOut.TruePairs);
        Assert.Equal(0, result.HeldOut.FalsePairs);
        // Every grid point was tried on training positions only, and each fold's chosen one once on its held-out fold.
        Assert.Equal(3 * 2 + 3, seen.Count);
    }

    [Fact]
    public void EachLevelIsScoredOnItsOwnGroups()
    {
        var groups = new[]
        {
            new PredictedGroup(["/set/p0.jpg", "/set/p0__grey.jpg"], Level: "copy"),
            new PredictedGroup(["/set/p1.jpg", "/set/p1__grey.jpg", "/set/p2.jpg"], Level: "copy"),
            new PredictedGroup(["/set/p3.jpg", "/set/p3__grey.jpg"], Level: "exact"),
        };
        var byLevel = DedupScorer.ScoreByLevel(Truth, groups);
        Assert.Equal(1.0, byLevel["exact"].Precision);
        Assert.Equal(2.0 / 4, byLevel["copy"].Precision);
        Assert.Equal(2, byLevel["copy"].PredictedGroups);
    }
}
