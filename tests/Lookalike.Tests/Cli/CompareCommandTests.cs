using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

public class CompareCommandTests
{
    [Fact]
    public void ResizedCopyIsANearDuplicateAndAnotherPhotoIsNot()
    {
        var same = JsonDocument.Parse(LookalikeCli.Run("compare", TestFiles.Path("china.jpg"), TestFiles.Path("china-resized.jpg"), "--json").Stdout).RootElement;
        Assert.Equal("near-duplicate", same.GetProperty("verdict").GetString());
        Assert.True(same.GetProperty("hashes").GetProperty("phash").GetProperty("distance").GetInt32() <= 10);
        var other = JsonDocument.Parse(LookalikeCli.Run("compare", TestFiles.Path("china.jpg"), TestFiles.Path("flower.jpg"), "--json").Stdout).RootElement;
        Assert.Equal("different", other.GetProperty("verdict").GetString());
    }

    [Fact]
    public void ReportsTheEmbeddingCosineAndTurnedHashes()
    {
        var mirror = JsonDocument.Parse(LookalikeCli.Run("compare", TestFiles.Path("china.jpg"), TestFiles.Path("china-mirror.jpg"), "--json").Stdout).RootElement;
        Assert.Equal("near-duplicate (rotated or mirrored)", mirror.GetProperty("verdict").GetString());
        Assert.True(mirror.GetProperty("turnedPHash").GetProperty("distance").GetInt32() <= 6);
        var embedding = mirror.GetProperty("embedding");
        Assert.StartsWith("mobilenet-v2-nsfwjs", embedding.GetProperty("model").GetString());
        Assert.Equal("match", embedding.GetProperty("verdict").GetString());
        Assert.InRange(embedding.GetProperty("cosine").GetDouble(), 0.983, 1.0);
        // The embedding says match, the plain hashes say no: the explanation says so first and why the verdict is neither.
        var first = mirror.GetProperty("explanation")[0].GetString()!;
        Assert.StartsWith("the fingerprints disagree: ", first);
        Assert.Contains("embedding", first[..first.IndexOf(" say match", StringComparison.Ordinal)]);
        Assert.Contains("phash", first[first.IndexOf(" say match", StringComparison.Ordinal)..first.IndexOf(" say no", StringComparison.Ordinal)]);
        Assert.Contains("near-duplicate (rotated or mirrored)", first);
        var agreeing = JsonDocument.Parse(LookalikeCli.Run("compare", TestFiles.Path("china.jpg"), TestFiles.Path("china.jpg"), "--json").Stdout).RootElement;
        Assert.DoesNotContain(agreeing.GetProperty("explanation").EnumerateArray(), e => e.GetString()!.Contains("disagree", StringComparison.Ordinal));

        // Thresholds can be set: with match at 0.9999 the mirrored copy is only 'similar' to the embedding.
        var strict = JsonDocument.Parse(LookalikeCli.Run("compare", TestFiles.Path("china.jpg"), TestFiles.Path("china-mirror.jpg"),
            "--match", "0.9999", "--different", "0.5", "--json").Stdout).RootElement.GetProperty("embedding");
        Assert.Equal(("similar", 0.9999), (strict.GetProperty("verdict").GetString(), Math.Round(strict.GetProperty("match").GetDouble(), 4)));

        var hashesOnly = JsonDocument.Parse(LookalikeCli.Run("compare", TestFiles.Path("china.jpg"), TestFiles.Path("flower.jpg"), "--model", "none", "--json").Stdout).RootElement;
        Assert.False(hashesOnly.TryGetProperty("embedding", out _));
    }

    [Fact]
    public void UnreadableInputNamesTheFile()
    {
        var result = LookalikeCli.Run("compare", TestFiles.Path("china.jpg"), TestFiles.Path("truncated.jpg"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(TestFiles.Path("truncated.jpg") + ": ", result.Stderr);
    }
}
