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
    public void UnreadableInputNamesTheFile()
    {
        var result = LookalikeCli.Run("compare", TestFiles.Path("china.jpg"), TestFiles.Path("truncated.jpg"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(TestFiles.Path("truncated.jpg") + ": ", result.Stderr);
    }
}
