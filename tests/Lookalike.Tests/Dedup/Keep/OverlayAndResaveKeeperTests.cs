using Lookalike.Catalog;
using Lookalike.Dedup.Keep;

namespace Lookalike.Tests.Dedup.Keep;

/// <summary>
/// The cases the group's centre cannot settle (docs/dedup-keeper.md): a faint watermark that stays at the centre and
/// wins on bytes, a PNG re-saved as PNG (the same pixels, only the bytes differ), and pairs whose content cannot tell.
/// Real files edited here with libvips at the original's own size.
/// </summary>
public class OverlayAndResaveKeeperTests
{
    private static readonly KeepBestSelector Default = new(KeepPolicy.Default, PictureTraits.TryRead);

    /// <summary>The default before the overlay rule and the same-pixel date, for the regressions below.</summary>
    private static readonly KeepBestSelector Before = new(
        KeepPolicy.Parse("folder,camera,unedited,centre,colour,shape,pixels,tone,sharpness,format,compression", []), PictureTraits.TryRead);

    [Theory]
    [InlineData("mate-backgrounds__LadyBird.jpg")]
    [InlineData("lxqt-themes__appleflower.png")]
    public void AFaintWatermarkAtTheCentreLosesToTheOriginalItsBytesDoNotCount(string photo)
    {
        using var set = new EditedCopies(photo);
        var watermark = set.Copy("watermark");
        List<ImageRecord> group = [set.Original, watermark, set.Recoded("jpeg_q40", "jpg", 40), set.Recoded("webp_q75", "webp", 75), set.Copy("blur")];

        // Before: the watermark copy is as central as the original and has more bytes, so it was kept.
        var before = Before.Choose(group);
        Assert.Equal(watermark, before.Keep);
        Assert.Contains("both show the group's central picture", Why(before, set.Original));

        var choice = Default.Choose(group);
        Assert.Equal(set.Original, choice.Keep);
        Assert.Contains("the other carries an overlay (a watermark, caption or logo)", Why(choice, watermark));
        // The re-encodes differ from the shared picture a little everywhere: no overlay, so the bytes decide among them.
        Assert.All(choice.Duplicates.Where(d => d.File != watermark), d => Assert.DoesNotContain("overlay", d.WhyNotKept));
    }

    [Fact]
    public void OverlayMeasuresTellAWatermarkFromReencodes()
    {
        using var set = new EditedCopies("mate-backgrounds__GreenMeadow.jpg");
        var files = new[] { set.Original, set.Copy("watermark"), set.Recoded("jpeg_q40", "jpg", 40), set.Recoded("webp_q75", "webp", 75) };
        var overlay = LocalOverlay.Find(files.ToDictionary(f => f, f => PictureTraits.TryRead(f)!.Signature!))!;
        Assert.True(overlay.Carries(files[1]));
        Assert.All(files.Where(f => f != files[1]), f => Assert.False(overlay.Carries(f), f.Path));
        Assert.True(overlay.Measure(files[1])!.Peak > overlay.Measure(files[2])!.Peak);
        Assert.Null(LocalOverlay.Find(files.Take(2).ToDictionary(f => f, f => PictureTraits.TryRead(f)!.Signature!)));
    }

    [Fact]
    public void APngResavedAsPngIsTheNewerFileNotTheOneWithLessBytes()
    {
        using var set = new EditedCopies("lxqt-themes__appleflower.png");
        var master = Aged(set.Recoded("master", "png", 9), days: 400);
        var resave = set.Recoded("resave", "png", 0); // no zlib effort: more bytes, the same pixels
        Assert.True(resave.Size > master.Size);

        // Without the date rule the bytes no longer decide (they would keep the bigger re-save): only the path is left.
        Assert.EndsWith("the same decoded pixels (file sizes say nothing), tie on every rule: first path in order", Before.Choose([master, resave]).Reason);
        var choice = Default.Choose([resave, master]);
        Assert.Equal(master, choice.Keep);
        Assert.Contains("the same decoded pixels (file sizes say nothing)", choice.Reason);
        Assert.Contains("older file: modified", choice.Reason);

        // The date decides, not the path or the bytes: made older, the re-save is the one kept.
        var olderResave = Aged(resave, days: 800);
        Assert.Equal(olderResave, Default.Choose([master, olderResave]).Keep);
    }

    [Theory]
    [InlineData("mirror")]
    [InlineData("text")]
    public void APairThatContentCannotTellSaysSo(string edit)
    {
        using var set = new EditedCopies("mate-backgrounds__LadyBird.jpg");
        var choice = Default.Choose([set.Original, set.Copy(edit)]);
        Assert.StartsWith("content cannot tell which is the original (only two pictures", choice.Reason);
    }

    [Fact]
    public void APairOfReencodesNeedsNoCaveat()
    {
        using var set = new EditedCopies("mate-backgrounds__LadyBird.jpg");
        var choice = Default.Choose([set.Original, set.Recoded("jpeg_q40", "jpg", 40)]);
        Assert.Equal(set.Original, choice.Keep);
        Assert.DoesNotContain("content cannot tell", choice.Reason);
        Assert.Contains("less compressed", choice.Reason);
    }

    private static ImageRecord Aged(ImageRecord file, int days)
    {
        File.SetLastWriteTimeUtc(file.Path, DateTime.UtcNow.AddDays(-days));
        return file with { ModifiedUtc = File.GetLastWriteTimeUtc(file.Path) };
    }

    private static string Why(KeepChoice choice, ImageRecord file) => choice.Duplicates.Single(d => d.File == file).WhyNotKept;
}
