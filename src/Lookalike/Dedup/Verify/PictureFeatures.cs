namespace Lookalike.Dedup.Verify;

/// <summary>What the verifier keeps of one file: its small grey picture (for the aligned comparison, smoothed) and
/// its keypoints; the same for the mirrored picture, and for a small picture the same enlarged to the verifier's
/// size, each made when a pair first needs it.</summary>
internal sealed class PictureFeatures
{
    private readonly Lazy<PictureFeatures> _mirrored;
    private readonly Lazy<PictureFeatures?> _enlarged;

    private PictureFeatures(GreyImage picture, bool isMirror, bool mayEnlarge)
    {
        Picture = picture.Blurred(AlignedComparison.Smoothing);
        Keypoints = KeypointDetector.Detect(picture);
        IsMirror = isMirror;
        _mirrored = new Lazy<PictureFeatures>(() => new PictureFeatures(picture.Mirrored(), !isMirror, mayEnlarge: false));
        var longSide = Math.Max(picture.Width, picture.Height);
        _enlarged = new Lazy<PictureFeatures?>(() => mayEnlarge && longSide < EnlargeBelow
            ? new PictureFeatures(picture.Enlarged(Math.Min(MaxEnlargement, (float)VerifyPicture.LongSide / longSide)), isMirror, mayEnlarge: false)
            : null);
    }

    /// <summary>Pictures whose long side is under this are also described enlarged to <see cref="VerifyPicture.LongSide"/>.</summary>
    public const int EnlargeBelow = VerifyPicture.LongSide * 9 / 10;

    /// <summary>At most this factor: enlarging a thumbnail of a few dozen pixels more makes corners of interpolation,
    /// and two apples on white (46 x 50 pixels, cut-out tuning set: enlarged 6.4x) then fit one model. Cut-out tuning set,
    /// recall: 0.860 without enlarging, 0.932 at most 2x, 0.948 at most 3x, with the same one false pair.</summary>
    public const float MaxEnlargement = 3;

    public static PictureFeatures Of(GreyImage picture) => new(picture, isMirror: false, mayEnlarge: true);

    /// <summary>The picture, smoothed so that blur and recompression change little.</summary>
    public GreyImage Picture { get; }

    public IReadOnlyList<Keypoint> Keypoints { get; }

    public bool IsMirror { get; }

    public PictureFeatures Mirrored => _mirrored.Value;

    /// <summary>The picture enlarged to <see cref="VerifyPicture.LongSide"/>, when it is small (else null): the
    /// corner detector works at one scale, so a small picture and its half-size copy, or a cut-out of a few dozen
    /// corners, find more matching corners at the size the limits were set for.</summary>
    public PictureFeatures? Enlarged => _enlarged.Value;
}
