using Lookalike.Evaluation;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Evaluation;

/// <summary>Reading class and pair label files in the layouts eval and tune accept.</summary>
public sealed class LabelFileTests
{
    [Fact]
    public void ReadsTheSharedLabelledTsvAsClasses()
    {
        var file = LabelFile.Read(Path.Combine(TestFiles.SharedLabelled, "LABELS.tsv"));
        Assert.Null(file.Pairs);
        Assert.Equal(306, file.Classes!.Count);
        Assert.Equal(14, file.Classes.Select(c => c.Class).Distinct().Count());
        Assert.Empty(file.Problems);
        Assert.All(file.Classes, c => Assert.True(File.Exists(c.Path), c.Path));
    }

    [Fact]
    public void ReadsHeaderlessCsvClassesAndPairsWithScoresAndReportsBadLines()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["classes.csv"], "a.jpg,cat\nsub/b.jpg,dog\n");
        var classes = LabelFile.Read(folder["classes.csv"]);
        Assert.Equal([new ClassLabel(folder["a.jpg"], "cat"), new ClassLabel(folder["sub/b.jpg"], "dog")], classes.Classes);

        File.WriteAllText(folder["pairs.csv"], "path_a,path_b,same,score\na.jpg,b.jpg,1,0.93\na.jpg,c.jpg,no,0.2\n\"d,e.jpg\",c.jpg,maybe,0.5\nc.jpg,b.jpg,0\n");
        var pairs = LabelFile.Read(folder["pairs.csv"]);
        Assert.Null(pairs.Classes);
        Assert.Equal(
            [
                new LabelledPair(folder["a.jpg"], folder["b.jpg"], true, 0.93),
                new LabelledPair(folder["a.jpg"], folder["c.jpg"], false, 0.2),
                new LabelledPair(folder["c.jpg"], folder["b.jpg"], false, null),
            ],
            pairs.Pairs);
        var problem = Assert.Single(pairs.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("'maybe'", problem.Reason);

        File.WriteAllText(folder["pairs.tsv"], "x.jpg\ty.jpg\ttrue\n");
        Assert.Equal([new LabelledPair(folder["x.jpg"], folder["y.jpg"], true, null)], LabelFile.Read(folder["pairs.tsv"]).Pairs);
    }

    [Fact]
    public void RelevanceFromClassesIsTheRestOfTheClassAndFromPairsTheSameOnes()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder["classes.csv"], "a,cat\nb,cat\nc,dog\nd,cat\n");
        var classes = RelevanceLabels.From(LabelFile.Read(folder["classes.csv"]));
        Assert.Equal([folder["b"], folder["d"]], classes.RelevantTo(folder["a"]).Order());
        Assert.Empty(classes.RelevantTo(folder["c"]));

        File.WriteAllText(folder["pairs.csv"], "a,b,1\nb,c,0\nc,d,1\n");
        var pairs = RelevanceLabels.From(LabelFile.Read(folder["pairs.csv"]));
        Assert.Equal([folder["a"], folder["b"], folder["c"], folder["d"]], pairs.Images);
        Assert.Equal([folder["a"]], pairs.RelevantTo(folder["b"]));
        Assert.Equal([folder["c"]], pairs.RelevantTo(folder["d"]));
    }
}
