using Lookalike.Catalog;
using Lookalike.Dedup.Keep;

namespace Lookalike.Tests.Dedup;

public class KeepBestSelectorTests
{
    private static readonly KeepBestSelector Default = new(KeepPolicy.Default);

    private static ImageRecord File(string path, int width, int height, string format = "jpeg", long size = 1_000_000, DateTime? exif = null) =>
        new(path.GetHashCode(), path, size, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new string('a', 64), width, height, format, exif, null);

    [Fact]
    public void MorePixelsWinsEvenWhenTheFileIsSmaller()
    {
        var big = File("/p/big.jpg", 4032, 3024, size: 2_000_000);
        var small = File("/p/small.png", 1024, 768, "png", size: 9_000_000);
        var choice = Default.Choose([small, big]);
        Assert.Equal(big, choice.Keep);
        Assert.Equal("4032x3024 (12.2 MP) vs 1024x768 (0.79 MP)", choice.Reason);
        Assert.Equal(small, Assert.Single(choice.Duplicates).File);
    }

    [Fact]
    public void SamePixelsLosslessBeatsLossy()
    {
        var choice = Default.Choose([File("/p/a.jpg", 800, 600, "jpeg"), File("/p/a.png", 800, 600, "png")]);
        Assert.Equal("/p/a.png", choice.Keep.Path);
        Assert.Equal("same pixels, PNG (lossless) beats JPEG (lossy)", choice.Reason);
    }

    [Fact]
    public void RawBeatsTiffAndLoaderNamesAreUnderstood()
    {
        var choice = Default.Choose([File("/p/a.tif", 800, 600, "tiffload"), File("/p/a.dng", 800, 600, "dng")]);
        Assert.Equal("/p/a.dng", choice.Keep.Path);
        Assert.Equal(FormatClass.Lossless, FormatClasses.Of("tiffload"));
        Assert.Equal(FormatClass.Lossy, FormatClasses.Of("heif"));
        Assert.Equal(FormatClass.Unknown, FormatClasses.Of("xyz"));
    }

    [Fact]
    public void SameClassLessCompressedWins()
    {
        var choice = Default.Choose([File("/p/q60.jpg", 1000, 1000, size: 300_000), File("/p/q95.heic", 1000, 1000, "heif", size: 1_200_000)]);
        Assert.Equal("/p/q95.heic", choice.Keep.Path);
        Assert.Equal("same pixels, same format class, less compressed: 1.2 MB (1.20 bytes/pixel) vs 300 KB (0.30 bytes/pixel)", choice.Reason);
    }

    [Fact]
    public void ThenOldestExifDateAndHavingOneBeatsNone()
    {
        var old = File("/p/old.jpg", 10, 10, exif: new DateTime(2019, 5, 1, 12, 0, 0));
        var newer = File("/p/new.jpg", 10, 10, exif: new DateTime(2020, 1, 2, 8, 30, 0));
        var none = File("/p/none.jpg", 10, 10);
        var choice = Default.Choose([none, newer, old]);
        Assert.Equal(old, choice.Keep);
        Assert.Equal([newer, none], choice.Duplicates.Select(d => d.File));
        Assert.EndsWith("older EXIF date: 2019-05-01 12:00:00 vs 2020-01-02 08:30:00", choice.Reason);
        Assert.EndsWith("has an EXIF date (2019-05-01 12:00:00), the other has none", choice.Duplicates[1].WhyNotKept);
    }

    [Fact]
    public void ThenPreferredFoldersInOrder()
    {
        var selector = new KeepBestSelector(new KeepPolicy(KeepPolicy.Default.Rules, ["/photos/originals", "/photos/phone"]));
        var choice = selector.Choose([File("/downloads/x.jpg", 10, 10), File("/photos/phone/x.jpg", 10, 10), File("/photos/originals/x.jpg", 10, 10)]);
        Assert.Equal("/photos/originals/x.jpg", choice.Keep.Path);
        Assert.EndsWith("in preferred folder /photos/originals vs /photos/phone (less preferred)", choice.Reason);
        Assert.EndsWith("in preferred folder /photos/originals vs no preferred folder", choice.Duplicates[1].WhyNotKept);
    }

    [Fact]
    public void PreferredFolderMatchesWholeFolderNamesOnly()
    {
        var selector = new KeepBestSelector(new KeepPolicy([KeepRule.PreferredFolder], ["/photos/a"]));
        var choice = selector.Choose([File("/photos/ab/x.jpg", 10, 10), File("/photos/a/x.jpg", 10, 10)]);
        Assert.Equal("/photos/a/x.jpg", choice.Keep.Path);
    }

    [Fact]
    public void RuleOrderIsConfigurable()
    {
        var byFolderFirst = new KeepBestSelector(KeepPolicy.Parse("folder,pixels,format", ["/keep"]));
        var choice = byFolderFirst.Choose([File("/other/big.jpg", 4000, 3000), File("/keep/small.jpg", 400, 300)]);
        Assert.Equal("/keep/small.jpg", choice.Keep.Path);
    }

    [Fact]
    public void FullTieGoesToFirstPathAndSaysSo()
    {
        var choice = Default.Choose([File("/p/b.jpg", 10, 10), File("/p/a.jpg", 10, 10)]);
        Assert.Equal("/p/a.jpg", choice.Keep.Path);
        Assert.EndsWith("tie on every rule: first path in order", choice.Reason);
    }

    [Fact]
    public void FileSizeNeverDecidesBeforePixels()
    {
        Assert.Throws<ArgumentException>(() => KeepPolicy.Parse("compression,pixels", []));
        Assert.Throws<ArgumentException>(() => KeepPolicy.Parse("format,compression", []));
        Assert.Throws<ArgumentException>(() => KeepPolicy.Parse("pixels,pixels", []));
        Assert.Throws<ArgumentException>(() => KeepPolicy.Parse("pixels,biggest", []));
        Assert.Equal([KeepRule.Pixels, KeepRule.Compression], KeepPolicy.Parse(" pixels , Compression", []).Rules);
    }

    [Fact]
    public void SingleFileGroupKeepsIt()
    {
        var only = File("/p/a.jpg", 10, 10);
        var choice = Default.Choose([only]);
        Assert.Equal(only, choice.Keep);
        Assert.Empty(choice.Duplicates);
        Assert.Throws<ArgumentException>(() => Default.Choose([]));
    }

    private static KeepBestSelector WithTraits(Dictionary<string, PictureTraits> traits, KeepPolicy? policy = null) =>
        new(policy ?? KeepPolicy.Default, f => traits.GetValueOrDefault(f.Path));

    private static PictureTraits Picture(double width, double height, double colour = 0.2, double clipped = 0.01, string? software = null,
        double brightness = 0.5) => new(width, height, colour, clipped, software, brightness);

    [Fact]
    public void AnAddedBorderIsNoPictureAndAStretchedCopyHasTheWrongShape()
    {
        var original = File("/p/o.jpg", 1000, 750);
        var bordered = File("/p/o_border.jpg", 1200, 900);
        var stretched = File("/p/o_wide.jpg", 1300, 750);
        var choice = WithTraits(new()
        {
            [original.Path] = Picture(1000, 750), [bordered.Path] = Picture(1002, 748), [stretched.Path] = Picture(1300, 750),
        }).Choose([bordered, stretched, original]);
        Assert.Equal(original, choice.Keep);
        Assert.Contains("has the group's shape", choice.Duplicates.Single(d => d.File == stretched).WhyNotKept);
        // Bordered: same picture inside the margins, so the later rules decide (here the path).
        Assert.Contains("same picture inside flat margins", choice.Duplicates.Single(d => d.File == bordered).WhyNotKept);
    }

    [Fact]
    public void ColourBeatsGreyAndTheBrightenedCopyLoses()
    {
        var original = File("/p/b.jpg", 800, 600);
        var grey = File("/p/a_grey.jpg", 800, 600);
        var bright = File("/p/a_bright.jpg", 800, 600);
        var choice = WithTraits(new()
        {
            [original.Path] = Picture(800, 600), [grey.Path] = Picture(800, 600, colour: 0.005), [bright.Path] = Picture(800, 600, clipped: 0.2, brightness: 0.6),
        }).Choose([grey, bright, original]);
        Assert.Equal(original, choice.Keep);
        Assert.Equal("colour, the other is greyscale", choice.Duplicates.Single(d => d.File == grey).WhyNotKept);
        Assert.Contains("the other looks brightened", choice.Duplicates.Single(d => d.File == bright).WhyNotKept);
    }

    [Fact]
    public void PreferredFolderOutranksQualityAndAnEditorTagLoses()
    {
        var camera = File("/photos/a.jpg", 800, 600) with { Camera = "Canon EOS" };
        var edited = File("/exports/a.jpg", 1600, 1200);
        var traits = new Dictionary<string, PictureTraits> { [camera.Path] = Picture(800, 600), [edited.Path] = Picture(1600, 1200, software: "Adobe Photoshop 25.0") };
        Assert.Equal(camera, WithTraits(traits).Choose([edited, camera]).Keep);
        Assert.Equal(edited, WithTraits(traits, new KeepPolicy(KeepPolicy.Default.Rules, ["/exports"])).Choose([camera, edited]).Keep);
        var noCamera = WithTraits(traits).Choose([edited, camera with { Camera = null }]);
        Assert.Equal("no editor tag, the other was saved by Adobe Photoshop 25.0", noCamera.Reason);
    }
}
