using Lookalike.Catalog;
using Lookalike.Dedup.Keep;

namespace Lookalike.Tests.Dedup.Keep;

public class GroupCentreTests
{
    private static PictureSignature Signature(ImageRecord file) => PictureTraits.TryRead(file)?.Signature ?? throw new InvalidOperationException(file.Path);

    [Fact]
    public void SignaturesAlignTurnsButCountThemAndTellEditsApart()
    {
        using var set = new EditedCopies("mate-backgrounds__LadyBird.jpg");
        var original = Signature(set.Original);

        // A turn is found (the copy is aligned) but counts as an edit: about the penalty, not the unaligned tens.
        var turned = original.DistanceTo(Signature(set.Copy("rot90")));
        Assert.InRange(turned, PictureSignature.TurnPenalty, PictureSignature.TurnPenalty + GroupCentre.SamePicture);
        foreach (var edit in new[] { "text", "logo", "sepia", "grey", "grade_warm", "bright" })
            Assert.True(original.DistanceTo(Signature(set.Copy(edit))) > GroupCentre.SamePicture, edit);
        Assert.Equal(original.DistanceTo(Signature(set.Copy("text"))), Signature(set.Copy("text")).DistanceTo(original), 6);
    }

    [Fact]
    public void TheMedoidIsTheOriginalAndNeedsThreeFiles()
    {
        using var set = new EditedCopies("lxqt-themes__appleflower.png");
        var files = new[] { set.Original, set.Copy("text"), set.Copy("sepia"), set.Copy("mirror"), set.Copy("border_white") };
        var signatures = files.ToDictionary(f => f, Signature);

        var centre = GroupCentre.Find(signatures)!;
        Assert.Equal(set.Original, centre.Medoid);
        Assert.True(centre.IsCentral(set.Original));
        Assert.False(centre.IsCentral(files[1]));
        Assert.True(centre.MeanDistance(set.Original) < centre.MeanDistance(files[1]));

        Assert.Null(GroupCentre.Find(signatures.Take(2).ToDictionary()));
    }
}
