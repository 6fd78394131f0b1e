using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary><c>lookalike clusters</c> through the real CLI on ../shared/labelled.</summary>
[Collection(LabelledCatalogCollection.Name)]
public sealed class ClustersCommandTests(LabelledCatalog labelled)
{
    [Fact]
    public void KMeansClustersEveryImageOnceAndDrawsAContactSheetPerCluster()
    {
        var sheets = labelled.Scratch("contact-sheets");
        var result = LookalikeCli.Run("clusters", "--db", labelled.Database, "--k", "14", "--contact-sheets", sheets, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        var clusters = json.GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal(14, clusters.Count);
        var sizes = clusters.Select(c => c.GetProperty("size").GetInt32()).ToList();
        Assert.Equal(sizes.OrderDescending(), sizes);
        var members = clusters.SelectMany(c => c.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("path").GetString()!)).ToList();
        Assert.Equal(306, members.Count);
        Assert.Equal(306, members.Distinct().Count());
        Assert.All(members, m => Assert.StartsWith(TestFiles.SharedLabelled, m));
        Assert.Equal(10, json.GetProperty("outliers").GetArrayLength());

        var written = json.GetProperty("contactSheets").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(14, written.Count);
        Assert.All(written, p => Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(p).Take(4)));
    }

    [Fact]
    public void ThresholdClusteringMergesMoreAsTheThresholdFalls()
    {
        int Count(string threshold)
        {
            var result = LookalikeCli.Run("clusters", TestFiles.SharedLabelled, "--db", labelled.Database, "--threshold", threshold, "--json");
            Assert.True(result.ExitCode == 0, result.Stderr);
            return JsonDocument.Parse(result.Stdout).RootElement.GetProperty("clusters").GetArrayLength();
        }
        var strict = Count("0.97");
        var loose = Count("0.9");
        Assert.True(strict > loose, $"{strict} clusters at 0.97, {loose} at 0.9");
        Assert.InRange(loose, 1, 306);
    }
}
