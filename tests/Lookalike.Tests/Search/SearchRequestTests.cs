using Lookalike.Search;

namespace Lookalike.Tests.Search;

/// <summary>A search request refuses nonsense before any catalog, model or index is touched.</summary>
public class SearchRequestTests
{
    [Fact]
    public void ExactlyOneQueryIsAsked()
    {
        Assert.Throws<BadInputException>(() => new SearchRequest().Check());
        Assert.Throws<BadInputException>(() => new SearchRequest { Image = "a.jpg", Text = "a cat" }.Check());
        new SearchRequest { Text = "a cat" }.Check();
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(10, 1.5f)]
    [InlineData(10, float.NaN)]
    public void OutOfRangeValuesAreRefused(int k, float? minScore) =>
        Assert.Throws<BadInputException>(() => new SearchRequest { Text = "x", K = k, MinScore = minScore }.Check());

    [Fact]
    public void TheFilterIsCleanedOrRefused()
    {
        var filter = new SearchRequest { Text = "x", Tags = [" red "], Where = ["kind=plant"], Folder = "photos" }.Filter();
        Assert.Equal(["red"], filter.Tags);
        Assert.Equal(Path.GetFullPath("photos"), filter.Folder);
        Assert.Equal([new KeyValuePair<string, string>("kind", "plant")], filter.Values);
        Assert.Throws<BadInputException>(() => new SearchRequest { Text = "x", Tags = ["  "] }.Filter());
        Assert.Throws<BadInputException>(() => new SearchRequest { Text = "x", Where = ["no-equals-sign"] }.Filter());
    }
}
