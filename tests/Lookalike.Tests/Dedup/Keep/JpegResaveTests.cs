using Lookalike.Dedup.Keep;
using Lookalike.Loading;

namespace Lookalike.Tests.Dedup.Keep;

/// <summary>
/// A JPEG saved again from a JPEG (an invisible watermark, a re-save at a higher quality) holds no more of the picture
/// than the file it came from, although it is often the bigger file: the resave rule must find the direction, and
/// must not invent one between two files saved from one picture. Real files written with libvips.
/// </summary>
public class JpegResaveTests
{
    private static readonly KeepBestSelector Default = new(KeepPolicy.Default, PictureTraits.TryRead);

    /// <summary>The default without the resave rule.</summary>
    private static readonly KeepBestSelector Before = new(
        KeepPolicy.Parse("folder,camera,unedited,centre,overlay,colour,shape,pixels,tone,sharpness,format,compression,date", []), PictureTraits.TryRead);

    [Theory]
    [InlineData(75, 90, false)]   // 4:2:0 then 4:4:4 (libvips subsamples below 90): an up-save
    [InlineData(90, 90, false)]   // the same settings
    [InlineData(85, 97, true)]    // with a small white mark, as a watermark on a white background would be
    public void TheFileAReSaveCameFromIsKeptThoughTheReSaveHasMoreBytes(int first, int again, bool mark)
    {
        using var set = new EditedCopies("mate-backgrounds__LadyBird.jpg");
        var original = set.Recoded("first", "jpg", first);
        var resave = set.ResavedFrom(original, "resave", again, mark ? 6 : 0);
        Assert.True(resave.Size > original.Size);
        Assert.Equal(1, JpegResave.Derivation(original, resave));
        Assert.Equal(-1, JpegResave.Derivation(resave, original));

        Assert.Equal(resave, Before.Choose([original, resave]).Keep);
        var choice = Default.Choose([resave, original]);
        Assert.Equal(original, choice.Keep);
        Assert.Contains($"the other is a re-save of this JPEG: re-encoding this file's pixels at the other's quality ({again}) gives the other back", choice.Reason);
    }

    [Fact]
    public void TwoJpegsSavedFromOnePictureAreNeitherSavedFromTheOther()
    {
        using var set = new EditedCopies("mate-backgrounds__LadyBird.jpg");
        var (high, low) = (set.Recoded("high", "jpg", 95), set.Recoded("low", "jpg", 80));
        Assert.Equal(0, JpegResave.Derivation(high, low));
        Assert.Equal(0, JpegResave.Derivation(low, high));
        // The other copies keep their own reasons: a blurred copy is no re-save.
        Assert.Equal(0, JpegResave.Derivation(high, set.Copy("blur")));
    }

    [Theory]
    [InlineData(40, true)]
    [InlineData(75, true)]
    [InlineData(90, false)]
    [InlineData(100, false)]
    public void SettingsAreReadFromTheTablesAndTheSampling(int quality, bool subsampled)
    {
        using var set = new EditedCopies("mate-backgrounds__LadyBird.jpg");
        Assert.Equal(new JpegSettings(quality, subsampled), JpegFile.ReadSettings(set.Recoded("q", "jpg", quality).Path));
    }

    [Fact]
    public void FilesThatAreNotPlainJpegsHaveNoSettings()
    {
        using var set = new EditedCopies("lxqt-themes__appleflower.png");
        Assert.Null(JpegFile.ReadSettings(Path.Combine(set.Folder, "missing.jpg")));
        Assert.Null(JpegFile.ReadSettings(set.Recoded("png", "png", 6).Path));
        Assert.Null(JpegFile.ReadSettings(new MemoryStream([0xFF, 0xD8, 0xFF, 0xDB, 0x00])));
        // A table no quality scaling makes (a camera's own): the settings cannot be repeated.
        var path = set.Recoded("q", "jpg", 80).Path;
        var bytes = File.ReadAllBytes(path);
        var table = Array.IndexOf(bytes, (byte)0xDB) + 4; // the first table's first step, after the length and the id
        bytes[table] ^= 1;
        Assert.Null(JpegFile.ReadSettings(new MemoryStream(bytes)));
    }
}
