using Lookalike.Fingerprints.Hashes;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Fingerprints.Hashes;

public class PdqHashListTests
{
    private const string Hex = "d8f8f0cce0f4a84f0e370a22028f67f0b36e2ed596623e1d33e6b39c4e9c9b22";

    [Fact]
    public void ReadsEveryShapeOfLineAndNamesBadOnes()
    {
        using var folder = new TempFolder();
        var path = folder["list.pdq"];
        File.WriteAllText(path, $"{Hex}\n\n# comment\n{Hex.ToUpperInvariant()},87\n{Hex},100,a/b, c.jpg\n{Hex},some label\n{Hex[..63]},1,short\n");
        var bad = new List<(int, string)>();
        var entries = PdqHashList.Read(path, (line, reason) => bad.Add((line, reason)));
        Assert.Equal(
            [(null, $"{path}:1", 1), (87, $"{path}:4", 4), (100, "a/b, c.jpg", 5), ((int?)null, "some label", 6)],
            entries.Select(e => (e.Quality, e.Label, e.Line)));
        Assert.All(entries, e => Assert.Equal(Hex, e.Hash.ToString()));
        Assert.Equal(7, Assert.Single(bad).Item1);
    }

    [Fact]
    public void FormatLineIsWhatReadGivesBack()
    {
        Assert.True(PdqHash.TryParse(Hex, out var hash));
        var line = PdqHashList.FormatLine(hash, 100, "/photos/x.jpg");
        Assert.Equal($"{Hex},100,/photos/x.jpg", line);
        Assert.Equal(new PdqListEntry(hash, 100, "/photos/x.jpg", 1), PdqHashList.Parse(line, 1));
    }
}
