using Lookalike.Catalog;
using Lookalike.Dedup.Keep;

namespace Lookalike.Tests.Dedup.Keep;

/// <summary>
/// The default keeper on real photos with copies edited here at the original's own size and format, where pixel count,
/// format and file size cannot tell the original (docs/dedup-keeper.md): the group's centre must.
/// </summary>
public class OriginalKeeperTests
{
    private static readonly KeepBestSelector Default = new(KeepPolicy.Default, PictureTraits.TryRead);

    /// <summary>The old default (before the centre and sharpness rules), which kept an edited copy in such groups.</summary>
    private static readonly KeepBestSelector Before = new(KeepPolicy.Parse("folder,camera,unedited,colour,shape,pixels,tone,format,compression,date", []),
        PictureTraits.TryRead);

    /// <summary>Not "watermark": a faint watermark shows the same picture at the centre's coarse grid, and then the
    /// compression rule keeps it for its extra bytes (the open gap in docs/dedup-keeper.md).</summary>
    private static readonly string[] SameSizeEdits = ["text", "logo", "grade_warm", "sepia", "mirror", "blur", "bright"];

    [Theory]
    [InlineData("mate-backgrounds__LadyBird.jpg")]
    [InlineData("lxqt-themes__appleflower.png")]
    [InlineData("mate-backgrounds__GreenMeadow.jpg")]
    public void TheOriginalIsKeptFromSameSizeOverlaysGradesTurnsAndBlurWithTheCentreAsReason(string photo)
    {
        using var set = new EditedCopies(photo);
        var copies = SameSizeEdits.ToDictionary(e => e, e => set.Copy(e));
        List<ImageRecord> group = [.. copies.Values, set.Original];

        var choice = Default.Choose(group);

        Assert.Equal(set.Original, choice.Keep);
        foreach (var edit in new[] { "text", "logo", "grade_warm", "sepia", "mirror", "bright" })
            Assert.Contains("at the centre of the group", Why(choice, copies[edit]));
        // A blurred copy shows the same picture at this coarse grid: the sharpness rule decides.
        Assert.Contains("sharper: the other looks blurred", Why(choice, copies["blur"]));
    }

    [Fact]
    public void APictureWithLittleColourIsNotGreyscaleBesideItsOwnResampledCopy()
    {
        using var set = new EditedCopies("mate-backgrounds__LadyBird.jpg");
        var traits = PictureTraits.TryRead(set.Original)!;
        var greyCopy = PictureTraits.TryRead(set.Copy("grey"))!;
        Assert.True(greyCopy.IsGreyBeside(traits), $"grey {greyCopy.Colourfulness}, original {traits.Colourfulness}");
        Assert.False(traits.IsGreyBeside(greyCopy));

        // A black and white bird in colour (cut-out tuning set): about the limit, and its half-size copy a hair over it.
        var littleColour = traits with { Colourfulness = PictureTraits.GreyBelow * 0.95 };
        var resampled = traits with { Colourfulness = PictureTraits.GreyBelow * 1.05 };
        Assert.False(littleColour.IsGreyBeside(resampled));
        Assert.False(resampled.IsGreyBeside(littleColour));
        Assert.True(greyCopy.IsGreyBeside(littleColour), $"grey {greyCopy.Colourfulness}");
    }

    [Fact]
    public void WithoutTheCentreTheOverlayCopyWasKeptBecauseTheTextMadeItBigger()
    {
        using var set = new EditedCopies("mate-backgrounds__LadyBird.jpg");
        List<ImageRecord> group = [set.Original, set.Copy("text"), set.Copy("logo"), set.Copy("grade_warm")];
        var before = Before.Choose(group);
        Assert.NotEqual(set.Original, before.Keep);
        Assert.Contains("less compressed", Why(before, set.Original));
        Assert.Equal(set.Original, Default.Choose(group).Keep);
    }

    [Fact]
    public void RealEvidenceOutranksTheCentre()
    {
        using var set = new EditedCopies("mate-backgrounds__LadyBird.jpg");
        var text = set.Copy("text", Path.Combine(set.Folder, "exports"));
        List<ImageRecord> group = [set.Original, text, set.Copy("logo"), set.Copy("sepia")];

        // --prefer FOLDER outranks every quality rule.
        var preferred = new KeepBestSelector(new KeepPolicy(KeepPolicy.Default.Rules, [Path.Combine(set.Folder, "exports")]), PictureTraits.TryRead);
        var byFolder = preferred.Choose(group);
        Assert.Equal(text, byFolder.Keep);
        Assert.Contains("in preferred folder", byFolder.Reason);

        // Camera EXIF on a copy (say, the camera's own file of an edited print) outranks the content.
        var withCamera = text with { Camera = "Canon EOS 80D" };
        var byCamera = Default.Choose([set.Original, withCamera, set.Copy("logo"), set.Copy("sepia")]);
        Assert.Equal(withCamera, byCamera.Keep);
        Assert.StartsWith("has camera EXIF (Canon EOS 80D)", byCamera.Reason);
    }

    [Fact]
    public void ADamagedOriginalIsNeverKeptWhileAnIntactCopyExists()
    {
        using var set = new EditedCopies("mate-backgrounds__LadyBird.jpg");
        var damaged = set.Original with { Damaged = true };
        var choice = Default.Choose([damaged, set.Copy("text"), set.Copy("logo")]);
        Assert.NotEqual(damaged, choice.Keep);
        Assert.Equal("damaged: it decoded only with errors", Why(choice, damaged));
    }

    /// <summary>Groups of two: distances are symmetric, so the centre says nothing and the per-file rules decide
    /// only the edits they can see (docs/dedup-keeper.md lists which).</summary>
    [Theory]
    [InlineData("grey", "colour, the other is greyscale")]
    [InlineData("bright", "the other looks brightened")]
    [InlineData("blur", "sharper: the other looks blurred")]
    [InlineData("border_white", "same picture inside flat margins")]
    public void InAPairTheCentreAbstainsAndThePerFileRulesDecideWhatTheySee(string edit, string reason)
    {
        using var set = new EditedCopies("mate-backgrounds__LadyBird.jpg");
        var choice = Default.Choose([set.Copy(edit), set.Original]);
        Assert.Equal(set.Original, choice.Keep);
        Assert.Contains(reason, choice.Reason);
        Assert.DoesNotContain("centre", choice.Reason);
    }

    private static string Why(KeepChoice choice, ImageRecord file) => choice.Duplicates.Single(d => d.File == file).WhyNotKept;
}
