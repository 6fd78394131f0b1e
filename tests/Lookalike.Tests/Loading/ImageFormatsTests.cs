using Lookalike.Catalog;
using Lookalike.Ingest;
using Lookalike.Loading;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Loading;

/// <summary>Only content that a photo loader accepts is an image, and only what this libvips reads is listed.</summary>
public class ImageFormatsTests
{
    [Fact]
    public void TextNamedGifIsNotCatalogued()
    {
        // libvips' matrix loader reads "3 3" + 9 numbers as a 3x3 image whatever the file's name.
        using var folder = new TempFolder().With("china.jpg");
        File.WriteAllText(folder["matrix.gif"], "3 3\n1 2 3\n4 5 6\n7 8 9\n");
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoder.ReadHeader(folder["matrix.gif"]));
        Assert.StartsWith("not a supported image format", error.Reason);

        using var catalog = ImageCatalog.Open(folder[".lookalike/catalog.db"]);
        var report = new ImageIndexer(catalog).Index([folder.Root]);
        Assert.Equal([folder["china.jpg"]], catalog.GetImages().Select(i => i.Path));
        Assert.Contains(report.Problems, p => p.Path == folder["matrix.gif"]);
    }

    [Fact]
    public void TheBytesNotTheNameDecideTheFormat()
    {
        using var folder = new TempFolder().With("china-small.png=looks-like.jpg", "china.jpg=looks-like.gif");
        Assert.Equal("png", ImageDecoder.ReadHeader(folder["looks-like.jpg"]).Format);
        Assert.Equal("jpeg", ImageDecoder.ReadHeader(folder["looks-like.gif"]).Format);
    }

    [Fact]
    public void TheScannerListsExactlyTheFormatsThisLibvipsReads()
    {
        Assert.Contains(ImageFormats.Formats, f => f is { Name: "jpeg", Readable: true });
        foreach (var format in ImageFormats.Formats)
        {
            foreach (var extension in format.Extensions)
                Assert.Equal(format.Readable, FileScanner.IsImageName("x" + extension.ToUpperInvariant()));
            if (!format.Readable) Assert.False(string.IsNullOrWhiteSpace(format.Why));
        }
    }

    [Fact]
    public void BlockedOrMissingLoadersAreNotListed()
    {
        // Debian's libvips marks jp2kload and jxlload untrusted (so they stay blocked); the bundled one has neither.
        var jp2k = ImageFormats.Formats.Single(f => f.Name == "jp2k");
        Assert.False(jp2k.Readable);
        Assert.Matches("blocked|has no", jp2k.Why!);
        Assert.False(FileScanner.IsImageName("photo.jp2"));
        Assert.False(FileScanner.IsImageName("photo.jxl"));
    }
}
