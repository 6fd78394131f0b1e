using Lookalike.Loading;
using Lookalike.Tests.Support;
using NetVips;

namespace Lookalike.Tests.Loading;

/// <summary>Issue 13 defect 5: GIF damage libvips decodes without a warning (a wider logical screen than the frame,
/// image data that ends early, a cut-off block, no trailer) is found; GIFs as encoders write them pass.</summary>
public class GifIntegrityTests
{
    [Theory]
    [InlineData("bluebells.gif")]
    [InlineData("coffee.gif")]
    public void IntactGifsPass(string name) => Assert.Null(GifIntegrity.Problem(TestFiles.Path(name), "gif"));

    [Fact]
    public void EveryPhotoSavedAsGifByLibvipsPasses()
    {
        Libvips.EnsureStarted();
        var problems = SaveSharedPhotosAsGif().Select(g => (g.Name, Problem: GifIntegrity.Problem(new MemoryStream(g.Bytes))))
            .Where(p => p.Problem != null).ToList();
        Assert.Empty(problems);
    }

    [Fact]
    public void AWidthBitFlippedInTheLogicalScreenIsFound()
    {
        var gif = File.ReadAllBytes(TestFiles.Path("bluebells.gif"));
        gif[6] ^= 0x10; // 384 -> 400 columns, as in the issue
        Assert.Equal("its first frame (384x288 at 0,0) does not cover the 400x288 logical screen", GifIntegrity.Problem(new MemoryStream(gif)));
    }

    [Fact]
    public void CutOffImageDataAndAMissingTrailerAreFound()
    {
        var gif = File.ReadAllBytes(TestFiles.Path("bluebells.gif"));
        Assert.Equal(0x3b, gif[^1]);
        Assert.Equal("ends without the GIF trailer (cut off after a complete block)", GifIntegrity.Problem(new MemoryStream(gif[..^1])));
        Assert.StartsWith("cut off inside a block", GifIntegrity.Problem(new MemoryStream(gif[..(gif.Length / 2)])));
    }

    [Fact]
    public void ImageDataThatEndsEarlyIsFound()
    {
        // The frame's data stops after 20 of its sub-blocks, then the frame and the file end properly: libnsgif leaves
        // the rest of the frame unpainted.
        var gif = File.ReadAllBytes(TestFiles.Path("bluebells.gif"));
        var at = FirstFrameData(gif) + 1;
        for (var block = 0; block < 20; block++) at += gif[at] + 1;
        var ended = gif[..at].Concat(new byte[] { 0, 0x3b }).ToArray();
        Assert.StartsWith("its first frame's image data ends after ", GifIntegrity.Problem(new MemoryStream(ended)));
        Assert.EndsWith(" of 110592 pixels", GifIntegrity.Problem(new MemoryStream(ended)));
    }

    [Fact]
    public void ACodeNoEncoderWritesIsFound()
    {
        // Right after a clear code, a code from the (empty) table: a flipped bit in the data.
        var gif = File.ReadAllBytes(TestFiles.Path("bluebells.gif"));
        var at = FirstFrameData(gif);
        Assert.Equal(8, gif[at]);
        var bad = gif[..(at + 1)].Concat(new byte[] { 3, 0x00, 0x05, 0x02, 0, 0x3b }).ToArray(); // 256 (clear), then 258
        Assert.StartsWith("its first frame's image data holds an invalid LZW code", GifIntegrity.Problem(new MemoryStream(bad)));
    }

    [Fact]
    public void OtherFormatsAreNotChecked() => Assert.Null(GifIntegrity.Problem(TestFiles.Path("china.jpg"), "jpeg"));

    /// <summary>Offset of the first image descriptor's LZW minimum code size byte.</summary>
    private static int FirstFrameData(byte[] gif)
    {
        var at = 13 + ((gif[10] & 0x80) != 0 ? 3 << ((gif[10] & 7) + 1) : 0);
        while (gif[at] == 0x21)
        {
            at += 2;
            while (gif[at] != 0) at += gif[at] + 1;
            at++;
        }
        Assert.Equal(0x2c, gif[at]);
        var flags = gif[at + 9];
        return at + 10 + ((flags & 0x80) != 0 ? 3 << ((flags & 7) + 1) : 0);
    }

    /// <summary>Thumbnails of the shared photos (256 px) saved as GIF by this libvips: what real encoders write.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> SaveSharedPhotosAsGif()
    {
        foreach (var photo in Directory.EnumerateFiles(TestFiles.SharedPhotos).Where(p => !p.EndsWith(".tsv") && !p.EndsWith(".md")).Order().Take(40))
        {
            using var image = Image.Thumbnail(photo, 256);
            yield return (Path.GetFileName(photo), image.GifsaveBuffer());
        }
    }
}
