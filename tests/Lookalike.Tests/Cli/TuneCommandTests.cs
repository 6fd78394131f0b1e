using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary><c>lookalike tune</c> through the real CLI: the hand-worked case from a score column, and
/// ../shared/labelled scored by the catalog's embeddings, with plots.</summary>
[Collection(LabelledCatalogCollection.Name)]
public sealed class TuneCommandTests(LabelledCatalog labelled)
{
    [Fact]
    public void ChoosesThresholdPointEightyEightForTheHandWorkedScores()
    {
        var folder = labelled.Scratch("tune-hand");
        double[] scores = [0.95, 0.92, 0.88, 0.83, 0.78, 0.65, 0.55, 0.40];
        int[] same = [1, 1, 1, 0, 1, 0, 0, 0];
        File.WriteAllLines(Path.Combine(folder, "pairs.csv"),
            ["path_a,path_b,same,score", .. scores.Select((s, i) => $"a{i}.jpg,b{i}.jpg,{same[i]},{s}")]);

        var result = LookalikeCli.Run("tune", "--pairs", Path.Combine(folder, "pairs.csv"), "--min-precision", "0.9", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var chosen = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("report").GetProperty("chosen");
        Assert.Equal(0.88, chosen.GetProperty("threshold").GetDouble());
        Assert.Equal(0.75, chosen.GetProperty("recall").GetDouble());

        var table = LookalikeCli.Run("tune", "--pairs", Path.Combine(folder, "pairs.csv"), "--max-fpr", "0.25");
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("threshold 0.7800", table.Stdout);
    }

    [Fact]
    public void TunesTheSharedLabelledClassesAndWritesPlots()
    {
        var plots = labelled.Scratch("tune-plots");
        var result = LookalikeCli.Run("tune", "--pairs", LabelledCatalog.Labels, "--db", labelled.Database, "--min-precision", "0.8", "--plots", plots, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        var report = json.GetProperty("report");
        Assert.Equal(306 * 305 / 2, report.GetProperty("pairs").GetInt32());
        var chosen = report.GetProperty("chosen");
        Assert.True(chosen.GetProperty("precision").GetDouble() >= 0.8);
        Assert.InRange(chosen.GetProperty("threshold").GetDouble(), 0, 1);
        Assert.InRange(report.GetProperty("rocAuc").GetDouble(), 0.55, 1); // better than chance

        string[] names = ["scores.png", "scores.svg", "precision-recall.png", "precision-recall.svg"];
        Assert.Equal(names.Select(n => Path.Combine(plots, n)), json.GetProperty("plots").EnumerateArray().Select(p => p.GetString()));
        foreach (var png in names.Where(n => n.EndsWith(".png")))
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(plots, png)).Take(4));
        foreach (var svg in names.Where(n => n.EndsWith(".svg")))
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(plots, svg)));
    }

    [Fact]
    public void PairsOfOnlyOneKindAreRefused()
    {
        var folder = labelled.Scratch("tune-one-kind");
        File.WriteAllLines(Path.Combine(folder, "pairs.csv"), ["a.jpg,b.jpg,1,0.9", "c.jpg,d.jpg,1,0.8"]);
        var result = LookalikeCli.Run("tune", "--pairs", Path.Combine(folder, "pairs.csv"));
        Assert.Equal(3, result.ExitCode); // bad input: docs/cli.md
        Assert.Contains("both same and different pairs", result.Stderr);
    }
}
