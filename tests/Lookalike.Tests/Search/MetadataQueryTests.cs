using Lookalike.Search;

namespace Lookalike.Tests.Search;

public class MetadataQueryTests
{
    [Theory]
    [InlineData("2019", "2019-01-01T00:00:00", "2020-01-01T00:00:00")]
    [InlineData("2019-04", "2019-04-01T00:00:00", "2019-05-01T00:00:00")]
    [InlineData("2019-04-14", "2019-04-14T00:00:00", "2019-04-15T00:00:00")]
    [InlineData("2019-04-14T13:45", "2019-04-14T13:45:00", "2019-04-14T13:46:00")]
    [InlineData("2019-04-14 13:45:56", "2019-04-14T13:45:56", "2019-04-14T13:45:57")]
    [InlineData("2019-04..2019-05", "2019-04-01T00:00:00", "2019-06-01T00:00:00")]
    [InlineData("2019-04-14..", "2019-04-14T00:00:00", null)]
    [InlineData("..2019", null, "2020-01-01T00:00:00")]
    public void EachSideStandsForAllOfItsPeriod(string text, string? from, string? before)
    {
        var (start, end) = MetadataQuery.ParseTaken(text);
        Assert.Equal(from is null ? null : DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(before is null ? null : DateTime.Parse(before, System.Globalization.CultureInfo.InvariantCulture), end);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("yesterday")]
    [InlineData("2019-13")]
    [InlineData("2020..2019")]
    public void NonsenseIsRefused(string text) => Assert.Throws<FormatException>(() => MetadataQuery.ParseTaken(text));
}
