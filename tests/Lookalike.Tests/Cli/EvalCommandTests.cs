using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary><c>lookalike eval</c> through the real CLI on ../shared/labelled with the default model.</summary>
[Collection(LabelledCatalogCollection.Name)]
public sealed class EvalCommandTests(LabelledCatalog labelled)
{
    [Fact]
    public void MeasuresClassRetrievalOnTheSharedLabelledImages()
    {
        var result = LookalikeCli.Run("eval", "--labels", LabelledCatalog.Labels, "--db", labelled.Database, "--latency-queries", "5", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var report = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("report");

        Assert.Equal(306, report.GetProperty("images").GetInt32());
        Assert.Equal(306, report.GetProperty("queries").GetInt32());
        var atK = report.GetProperty("atK").EnumerateArray().ToList();
        Assert.Equal([1, 5, 10, 50, 100], atK.Select(r => r.GetProperty("k").GetInt32()));
        var precision = atK.Select(r => r.GetProperty("precision").GetDouble()).ToList();
        var recall = atK.Select(r => r.GetProperty("recall").GetDouble()).ToList();
        // Recall only grows with k; far better than chance (the largest class is 67 of 306, so a random
        // neighbour shares the query's class about 1 time in 7).
        Assert.Equal(recall.Order(), recall);
        Assert.True(precision[0] > 0.4, $"P@1 {precision[0]}");
        var map = report.GetProperty("meanAveragePrecision").GetDouble();
        Assert.InRange(map, 0.2, 1);
        Assert.Equal(14, report.GetProperty("classes").GetArrayLength());
        Assert.Equal(5, report.GetProperty("latency").GetProperty("queries").GetInt32());
        Assert.True(report.GetProperty("indexVectorsPerSecond").GetDouble() > 0);
        Assert.False(report.TryGetProperty("recallVsExact", out _)); // Flat is the exact scan

        var table = LookalikeCli.Run("eval", "--labels", LabelledCatalog.Labels, "--db", labelled.Database, "--latency-queries", "0");
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("precision@k", table.Stdout);
        Assert.Contains($"mAP {map:0.000}", table.Stdout);
        Assert.Contains("animals-mammals", table.Stdout);
    }

    [Fact]
    public void AnApproximateIndexIsComparedWithTheExactOneAndPairFilesWork()
    {
        var pairs = Path.Combine(labelled.Scratch("eval-pairs"), "pairs.csv");
        var birds = Directory.GetFiles(Path.Combine(TestFiles.SharedLabelled, "animals-birds")).Order().Take(4).ToArray();
        var fruit = Directory.GetFiles(Path.Combine(TestFiles.SharedLabelled, "food-fruit")).Order().Take(2).ToArray();
        File.WriteAllLines(pairs, ["path_a,path_b,same", $"{birds[0]},{birds[1]},1", $"{birds[2]},{birds[3]},1", $"{birds[0]},{fruit[0]},0", $"{fruit[0]},{fruit[1]},1"]);

        var result = LookalikeCli.Run("eval", "--labels", pairs, "--db", labelled.Database, "--index", "HNSW8", "--latency-queries", "0", "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("pairs", json.GetProperty("kind").GetString());
        var report = json.GetProperty("report");
        Assert.Equal("HNSW8", report.GetProperty("index").GetString());
        Assert.Equal(6, report.GetProperty("images").GetInt32());
        Assert.Equal(6, report.GetProperty("queries").GetInt32());
        // Each query has one right answer among 5 candidates: recall@5 is 1 whatever the ranking.
        Assert.Equal(1.0, report.GetProperty("atK")[1].GetProperty("recall").GetDouble());
        var vsExact = report.GetProperty("recallVsExact").EnumerateArray().ToList();
        Assert.Equal([1, 5], vsExact.Select(a => a.GetProperty("k").GetInt32()));
        Assert.All(vsExact, a => Assert.InRange(a.GetProperty("recall").GetDouble(), 0.99, 1));
    }

    [Fact]
    public void AMissingLabelFileIsOneLineNamingIt()
    {
        var result = LookalikeCli.Run("eval", "--labels", "/nonexistent/labels.csv", "--db", labelled.Database);
        Assert.Equal(3, result.ExitCode); // bad input: docs/cli.md
        Assert.Contains("/nonexistent/labels.csv", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
