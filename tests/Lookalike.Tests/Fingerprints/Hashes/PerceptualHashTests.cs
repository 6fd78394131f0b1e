using Lookalike.Fingerprints.Hashes;
using Lookalike.Loading;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Fingerprints.Hashes;

public class PerceptualHashTests
{
    /// <summary>A synthetic image whose grey value at (x, y) is f(x, y).</summary>
    private static RgbImage Synthetic(int width, int height, Func<int, int, byte> f)
    {
        var pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            pixels[(y * width + x) * 3] = pixels[(y * width + x) * 3 + 1] = pixels[(y * width + x) * 3 + 2] = f(x, y);
        return new RgbImage(width, height, pixels);
    }

    [Fact]
    public void AverageHashOfLeftDarkRightBrightIsFourOnesPerRow()
    {
        // 64x64, left half black, right half white: each 8-cell row reads 00001111.
        var hash = ImageHashes.Compute(Synthetic(64, 64, (x, _) => x < 32 ? (byte)0 : (byte)255)).AHash;
        Assert.Equal(0x0F0F0F0F0F0F0F0FUL, hash);
    }

    [Fact]
    public void DifferenceHashOfHorizontalRampIsAllOnes()
    {
        // Brightness grows left to right, so every pixel is brighter than its left neighbour.
        var hash = ImageHashes.Compute(Synthetic(90, 80, (x, _) => (byte)(x * 2))).DHash;
        Assert.Equal(ulong.MaxValue, hash);
        var reversed = ImageHashes.Compute(Synthetic(90, 80, (x, _) => (byte)(255 - x * 2))).DHash;
        Assert.Equal(0UL, reversed);
    }

    [Fact]
    public void PerceptualHashOfVerticalCosineSetsItsFrequency()
    {
        // Luma = 128 + 100 cos(pi (2y+1) / 64): a pure vertical frequency 1 on the 32x32 grid.
        // Its DCT has the DC term (row 0, col 0) and (row 1, col 0) well above every other coefficient,
        // so exactly those bits are set... but pHash thresholds at the median of 64 values, and 62 of
        // them are ~0: the median is ~0 and bits are set where coefficients are clearly positive.
        var image = Synthetic(32, 32, (_, y) => (byte)Math.Round(128 + 100 * Math.Cos(Math.PI * (2 * y + 1) / 64.0)));
        var hash = ImageHashes.Compute(image).PHash;
        Assert.NotEqual(0UL, hash & (1UL << 63)); // (0,0): DC
        Assert.NotEqual(0UL, hash & (1UL << (63 - 8))); // (1,0): the vertical cosine
    }

    [Fact]
    public void WaveletHashIgnoresOverallBrightness()
    {
        // (x + 1)(y + 1): no flat edge row or column for the margin trimmer to take away.
        var image = Synthetic(64, 64, (x, y) => (byte)(60 + (x + 1) * (y + 1) % 97));
        var brighter = Synthetic(64, 64, (x, y) => (byte)(120 + (x + 1) * (y + 1) % 97));
        Assert.Equal(ImageHashes.Compute(image).WHash, ImageHashes.Compute(brighter).WHash);
    }

    [Fact]
    public void ColorHashOfPureColours()
    {
        // All black: black share 1 -> 7 in the top 3 of the 42 bits, nothing else.
        Assert.Equal(7UL << 39, ImageHashes.Compute(Synthetic(16, 16, (_, _) => 0)).ColorHash);
        // All mid grey: grey share 1 -> second field.
        Assert.Equal(7UL << 36, ImageHashes.Compute(Synthetic(16, 16, (_, _) => 128)).ColorHash);
        // All bright red (hue 0): bright colour bin 0 -> 7.
        var red = new RgbImage(4, 4, Enumerable.Range(0, 48).Select(i => i % 3 == 0 ? (byte)255 : (byte)0).ToArray());
        Assert.Equal(7UL << 15, ImageHashes.Compute(red).ColorHash);
    }

    [Fact]
    public void IdenticalImagesHaveDistanceZero()
    {
        var a = ImageHashes.Compute(ImageDecoder.Decode(TestFiles.Path("china.jpg"), ImageHashes.DecodeSize));
        var b = ImageHashes.Compute(ImageDecoder.Decode(TestFiles.Path("china.jpg"), ImageHashes.DecodeSize));
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("china-resized.jpg")]
    [InlineData("china-q40.jpg")]
    [InlineData("china-small.png")]
    [InlineData("china-grey.png")]
    public void EditedCopiesStayClose(string copy)
    {
        var original = ImageHashes.Compute(ImageDecoder.Decode(TestFiles.Path("china.jpg"), ImageHashes.DecodeSize));
        var edited = ImageHashes.Compute(ImageDecoder.Decode(TestFiles.Path(copy), ImageHashes.DecodeSize));
        foreach (var method in new[] { HashMethod.PHash, HashMethod.DHash, HashMethod.AHash, HashMethod.WHash })
            Assert.True(ImageHashes.Distance(original[method], edited[method]) <= HashDuplicateFinderDefaults(method),
                $"{copy}: {method} distance {ImageHashes.Distance(original[method], edited[method])}");
    }

    [Fact]
    public void DifferentPhotosAreFarApart()
    {
        var china = ImageHashes.Compute(ImageDecoder.Decode(TestFiles.Path("china.jpg"), ImageHashes.DecodeSize));
        var flower = ImageHashes.Compute(ImageDecoder.Decode(TestFiles.Path("flower.jpg"), ImageHashes.DecodeSize));
        Assert.True(ImageHashes.Distance(china.PHash, flower.PHash) > 20);
    }

    [Fact]
    public void TurnedPHashOfAMirroredCopyMatchesTheOriginal()
    {
        var original = ImageHashes.Compute(ImageDecoder.Decode(TestFiles.Path("china.jpg"), ImageHashes.DecodeSize));
        var mirror = ImageHashes.Compute(ImageDecoder.Decode(TestFiles.Path("china-mirror.jpg"), ImageHashes.DecodeSize));
        Assert.True(ImageHashes.Distance(original.PHash, mirror.PHash) > 20); // plain pHash misses it
        Assert.True(ImageHashes.Distance(original.TurnedPHash.MirrorLeftRight, mirror.PHash) <= 4);
    }

    [Theory]
    [InlineData(Dihedral.Rotate90, Dihedral.Rotate270)]
    [InlineData(Dihedral.Rotate180, Dihedral.Rotate180)]
    [InlineData(Dihedral.Transpose, Dihedral.Transpose)]
    [InlineData(Dihedral.MirrorTopBottom, Dihedral.MirrorTopBottom)]
    public void TurningBackGivesTheOriginalHash(Dihedral turn, Dihedral back)
    {
        var image = Synthetic(48, 48, (x, y) => (byte)((x * 7 + y * y * 3 + x * y) % 251));
        var turned = Turn(image, turn);
        var turnedHashes = ImageHashes.Compute(turned);
        var backIndex = Array.IndexOf(TurnedPHashes.Transforms, back);
        Assert.Equal(ImageHashes.Compute(image).PHash, turnedHashes.TurnedPHash.ToArray()[backIndex]);
        Assert.Equal(ImageHashes.Compute(Turn(turned, back)).PHash, ImageHashes.Compute(image).PHash);
    }

    private static RgbImage Turn(RgbImage image, Dihedral turn)
    {
        var n = image.Width;
        var pixels = new byte[image.Pixels.Length];
        for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++)
        {
            var (sx, sy) = Lookalike.Fingerprints.Hashes.DihedralMap.Source(turn, x, y, n);
            for (int c = 0; c < 3; c++) pixels[(y * n + x) * 3 + c] = image.Pixels[(sy * n + sx) * 3 + c];
        }
        return new RgbImage(n, n, pixels);
    }

    private static int HashDuplicateFinderDefaults(HashMethod method) => Lookalike.Dedup.HashDuplicateFinder.DefaultMaxDistance(method);
}
