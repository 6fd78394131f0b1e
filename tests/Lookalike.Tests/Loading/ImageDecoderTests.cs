using Lookalike.Fingerprints.Hashes;
using Lookalike.Loading;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Loading;

public class ImageDecoderTests
{
    [Theory]
    [InlineData("china.jpg", "jpeg", 160, 107)]
    [InlineData("china-small.png", "png", 96, 64)]
    [InlineData("astronaut.webp", "webp", 128, 128)]
    [InlineData("coffee.gif", "gif", 128, 85)]
    [InlineData("chelsea.tif", "tiff", 128, 85)]
    [InlineData("rocket.avif", "avif", 128, 85)]
    public void ReadsEveryFormat(string name, string format, int width, int height)
    {
        var header = ImageDecoder.ReadHeader(TestFiles.Path(name));
        Assert.Equal((format, width, height), (header.Format, header.Width, header.Height));
        var image = ImageDecoder.Decode(TestFiles.Path(name), DecodeSize.Fit(1000));
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(width * height * 3, image.Pixels.Length);
    }

    [Fact]
    public void ReadsHeicWhereTheLibvipsHasAnHevcDecoder()
    {
        var path = TestFiles.Path("rocket.heic");
        if (ImageFormats.Formats.Single(f => f.Name == "heif").Readable)
        {
            Assert.Equal(("heif", 128, 85), (ImageDecoder.ReadHeader(path).Format, ImageDecoder.ReadHeader(path).Width, ImageDecoder.ReadHeader(path).Height));
            Assert.Equal((128, 85), (ImageDecoder.Decode(path, DecodeSize.Fit(1000)).Width, ImageDecoder.Decode(path, DecodeSize.Fit(1000)).Height));
            Assert.Contains(".heic", ImageFormats.Extensions);
        }
        else
        {
            // The bundled libvips has no HEVC decoder: the file fails with libheif's reason, and .heic is not listed.
            var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(path, DecodeSize.Fit(1000)));
            Assert.Contains("HEVC", error.Reason);
            Assert.DoesNotContain(".heic", ImageFormats.Extensions);
        }
    }

    [Fact]
    public void ShrinksToFitWithoutEnlarging()
    {
        var small = ImageDecoder.Decode(TestFiles.Path("china.jpg"), DecodeSize.Fit(40));
        Assert.Equal((40, 27), (small.Width, small.Height));
        var same = ImageDecoder.Decode(TestFiles.Path("china.jpg"), DecodeSize.Fit(4000));
        Assert.Equal((160, 107), (same.Width, same.Height));
    }

    [Fact]
    public void CoverMakesTheShortSideExact()
    {
        var landscape = ImageDecoder.Decode(TestFiles.Path("china.jpg"), DecodeSize.Cover(50));
        Assert.Equal(50, landscape.Height);
        Assert.InRange(landscape.Width, 74, 75);
        var portrait = ImageDecoder.Decode(TestFiles.Path("china-exif6.jpg"), DecodeSize.Cover(50));
        Assert.Equal(50, portrait.Height); // displayed upright, so landscape again
    }

    [Fact]
    public void AppliesExifOrientation()
    {
        var header = ImageDecoder.ReadHeader(TestFiles.Path("china-exif6.jpg"));
        Assert.Equal((160, 107), (header.Width, header.Height));
        var upright = ImageHashes.Compute(ImageDecoder.Decode(TestFiles.Path("china-exif6.jpg"), ImageHashes.DecodeSize));
        var original = ImageHashes.Compute(ImageDecoder.Decode(TestFiles.Path("china.jpg"), ImageHashes.DecodeSize));
        Assert.True(ImageHashes.Distance(upright.PHash, original.PHash) <= 4, "rotated-by-EXIF file must hash like the original");
    }

    [Theory]
    [InlineData("china-grey.png")]
    [InlineData("china-cmyk.jpg")]
    [InlineData("china-16bit.png")]
    public void ConvertsOtherColourSpacesToRgb(string name)
    {
        var image = ImageDecoder.Decode(TestFiles.Path(name), DecodeSize.Fit(200));
        Assert.Equal(160 * 107 * 3, image.Pixels.Length);
        var reference = ImageDecoder.Decode(TestFiles.Path("china.jpg"), DecodeSize.Fit(200));
        Assert.True(MeanAbsoluteDifference(Luma(image), Luma(reference)) < 12, $"{name} should look like china.jpg");
    }

    [Fact]
    public void FlattensAlphaOnWhite()
    {
        var flat = ImageDecoder.Decode(TestFiles.Path("china-alpha.png"), DecodeSize.Fit(200));
        var opaque = ImageDecoder.Decode(TestFiles.Path("china-small.png"), DecodeSize.Fit(200));
        // alpha 128/255 over white: out = 255 + (in - 255) * 128/255
        for (int i = 0; i < flat.Pixels.Length; i += 97)
            Assert.InRange(flat.Pixels[i], 255 + (opaque.Pixels[i] - 255) * 128 / 255.0 - 2, 255 + (opaque.Pixels[i] - 255) * 128 / 255.0 + 2);
    }

    [Theory]
    [InlineData("empty.jpg", "empty file")]
    [InlineData("not-an-image.jpg", "not a supported image format")]
    [InlineData("truncated.jpg", "")]
    [InlineData("missing.jpg", "file not found")]
    public void BadFilesFailWithTheirName(string name, string reason)
    {
        var path = TestFiles.Path(name);
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(path, DecodeSize.Fit(64)));
        Assert.Equal(path, error.Path);
        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains(reason, error.Reason);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }

    [Fact]
    public void RefusesImagesAboveThePixelLimit()
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.ReadHeader(TestFiles.Path("china.jpg"), maxPixels: 10_000));
        Assert.Contains("above the limit", error.Reason);
    }

    [Fact]
    public void DecodesInParallel()
    {
        var names = new[] { "china.jpg", "flower.jpg", "astronaut.webp", "coffee.gif", "chelsea.tif", "china-small.png" };
        var sequential = names.Select(n => ImageDecoder.Decode(TestFiles.Path(n), DecodeSize.Fit(64)).Pixels).ToArray();
        var parallel = new byte[names.Length][];
        Parallel.For(0, names.Length * 8, i => parallel[i % names.Length] = ImageDecoder.Decode(TestFiles.Path(names[i % names.Length]), DecodeSize.Fit(64)).Pixels);
        for (int i = 0; i < names.Length; i++) Assert.Equal(sequential[i], parallel[i]);
    }

    private static double[] Luma(RgbImage image)
    {
        var luma = new double[image.Width * image.Height];
        for (int i = 0; i < luma.Length; i++)
            luma[i] = 0.299 * image.Pixels[3 * i] + 0.587 * image.Pixels[3 * i + 1] + 0.114 * image.Pixels[3 * i + 2];
        return luma;
    }

    private static double MeanAbsoluteDifference(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();
}
