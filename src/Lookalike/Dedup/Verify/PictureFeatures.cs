namespace Lookalike.Dedup.Verify;

/// <summary>What the verifier keeps of one file: its small grey picture (for the aligned comparison, smoothed) and
/// its keypoints; and the same for the mirrored picture, made when a pair first needs it.</summary>
internal sealed class PictureFeatures
{
    private readonly Lazy<PictureFeatures> _mirrored;

    private PictureFeatures(GreyImage picture, bool isMirror)
    {
        Picture = picture.Blurred(AlignedComparison.Smoothing);
        Keypoints = KeypointDetector.Detect(picture);
        IsMirror = isMirror;
        _mirrored = new Lazy<PictureFeatures>(() => new PictureFeatures(picture.Mirrored(), !isMirror));
    }

    public static PictureFeatures Of(GreyImage picture) => new(picture, isMirror: false);

    /// <summary>The picture, smoothed so that blur and recompression change little.</summary>
    public GreyImage Picture { get; }

    public IReadOnlyList<Keypoint> Keypoints { get; }

    public bool IsMirror { get; }

    public PictureFeatures Mirrored => _mirrored.Value;
}
