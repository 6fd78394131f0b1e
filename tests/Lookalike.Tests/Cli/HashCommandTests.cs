using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lookalike.Fingerprints;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary><c>lookalike hash</c> through the real CLI: the PDQ reference tool's line format and the other hashes.</summary>
public partial class HashCommandTests
{
    private static string Dih => Path.Combine(TestFiles.SharedPdq, "reg-test-input", "dih");

    [GeneratedRegex("^([0-9a-f]{64}),([0-9]+),(.+)$")]
    private static partial Regex ReferenceLine();

    [Fact]
    public void PdqLinesAreHashQualityPathAsTheReferenceToolWrites()
    {
        var run = LookalikeCli.Run("hash", Dih);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var files = Directory.GetFiles(Dih).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files.Length, lines.Length);
        var fingerprinter = new Fingerprinter();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ReferenceLine().Match(lines[i]);
            Assert.True(match.Success, lines[i]);
            Assert.Equal(files[i], match.Groups[3].Value);
            var expected = fingerprinter.ComputePdq(files[i]);
            Assert.Equal(expected.Hash.ToString(), match.Groups[1].Value);
            Assert.Equal(expected.Quality, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void AllMethodsAsJsonLinesAndUnreadableFilesNamedOnStderr()
    {
        var good = TestFiles.Path("china.jpg");
        var missing = TestFiles.Path("no-such.jpg");
        var bad = TestFiles.Path("not-an-image.jpg");
        var run = LookalikeCli.Run("hash", good, missing, bad, "--method", "all", "--json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{missing}: no such file or folder", run.Stderr);
        Assert.Contains($"{bad}: ", run.Stderr);
        var line = JsonDocument.Parse(run.Stdout.Trim()).RootElement; // exactly one line: the readable file
        var expected = new Fingerprinter().Compute(good).Hashes;
        Assert.Equal(good, line.GetProperty("file").GetString());
        Assert.Equal(64, line.GetProperty("pdq").GetProperty("hash").GetString()!.Length);
        Assert.Equal(expected.PHash.ToString("x16", CultureInfo.InvariantCulture), line.GetProperty("phash").GetString());
        Assert.Equal(expected.ColorHash.ToString("x11", CultureInfo.InvariantCulture), line.GetProperty("colorhash").GetString());

        var phash = LookalikeCli.Run("hash", good, "--method", "phash");
        Assert.Equal($"{expected.PHash:x16},{good}", phash.Stdout.Trim());
        Assert.NotEqual(0, LookalikeCli.Run("hash", good, "--method", "sha1").ExitCode);
    }
}
