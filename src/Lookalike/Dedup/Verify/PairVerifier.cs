using System.Collections.Concurrent;
using System.Diagnostics;
using Lookalike.Loading;

namespace Lookalike.Dedup.Verify;

/// <summary>
/// Decides from content whether two files are one picture edited (<see cref="ContentVerdict"/>): corners matched by
/// oriented BRIEF descriptors, a RANSAC similarity/affine fit, then the aligned cell-by-cell comparison; the mirrored
/// picture is tried when the plain one is not a copy, and quarter turns need nothing extra (the descriptors are
/// oriented). Each file is decoded and described once per verifier (cached by path), so a run pays per file once and
/// per candidate pair only for the matching. Thread-safe. Costs are counted in <see cref="Cost"/>.
/// </summary>
public sealed class PairVerifier
{
    private readonly ConcurrentDictionary<string, Lazy<PictureFeatures?>> _features = new();
    private long _files, _fileTicks, _pairs, _pairTicks;

    /// <summary>The verdict for two files, or null when either cannot be decoded (the caller keeps what the
    /// fingerprints said).</summary>
    public PairEvidence? Verify(string pathA, string pathB)
    {
        var (a, b) = (FeaturesOf(pathA), FeaturesOf(pathB));
        if (a is null || b is null) return null;
        var started = Stopwatch.GetTimestamp();
        var evidence = Verify(a, b);
        Interlocked.Increment(ref _pairs);
        Interlocked.Add(ref _pairTicks, Stopwatch.GetTimestamp() - started);
        return evidence;
    }

    /// <summary>Files described and pairs verified so far, and the time each took (summed over threads).</summary>
    public VerifierCost Cost => new((int)Interlocked.Read(ref _files), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _fileTicks)),
        (int)Interlocked.Read(ref _pairs), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _pairTicks)));

    private PictureFeatures? FeaturesOf(string path) =>
        _features.GetOrAdd(path, p => new Lazy<PictureFeatures?>(() => Describe(p))).Value;

    private PictureFeatures? Describe(string path)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return PictureFeatures.Of(VerifyPicture.Load(path));
        }
        catch (ImageDecodeException)
        {
            return null;
        }
        finally
        {
            Interlocked.Increment(ref _files);
            Interlocked.Add(ref _fileTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    /// <summary>The plain pictures, then the mirrored one, then, when either picture is small, both enlarged
    /// (<see cref="PictureFeatures.Enlarged"/>), by corners only: the best verdict of those tried. Enlarging is a second
    /// try, not the first, because it costs a blurred copy the few sharp corners it had; and it never goes to the
    /// frame-on-frame comparison, which needs no corners and would only count interpolated cells as texture.</summary>
    internal static PairEvidence Verify(PictureFeatures a, PictureFeatures b)
    {
        var found = PlainOrMirrored(a, b, frameAligned: true);
        if (found.Verdict == ContentVerdict.Copy || (a.Enlarged is null && b.Enlarged is null)) return found;
        var enlarged = PlainOrMirrored(a.Enlarged ?? a, b.Enlarged ?? b, frameAligned: false);
        return Rank(enlarged) > Rank(found) ? enlarged : found;
    }

    private static PairEvidence PlainOrMirrored(PictureFeatures a, PictureFeatures b, bool frameAligned)
    {
        var plain = Judge(a, b, frameAligned);
        if (plain.Verdict == ContentVerdict.Copy) return plain;
        var mirrored = Judge(a.Mirrored, b, frameAligned);
        return Rank(mirrored) > Rank(plain) ? mirrored : plain;
    }

    private static int Rank(PairEvidence e) => (e.Verdict switch { ContentVerdict.Copy => 2, ContentVerdict.Similar => 1, _ => 0 }) * 100_000 + e.Inliers;

    /// <param name="frameAligned">Whether too few corners fall back to <see cref="FrameAligned"/> (else: different).</param>
    private static PairEvidence Judge(PictureFeatures a, PictureFeatures b, bool frameAligned)
    {
        var matches = DescriptorMatcher.Match(a.Keypoints, b.Keypoints);
        var fit = GeometricFit.Fit(a.Keypoints, b.Keypoints, matches);
        if (fit is null || fit.Inliers < VerifierLimits.MinInliers)
            return frameAligned ? FrameAligned(a, b, matches.Count, fit?.Inliers ?? 0) : NotCompared(a, b, matches.Count, fit?.Inliers ?? 0);
        var spread = fit.InlierIndices.Select(k => b.Keypoints[matches[k].B])
            .Select(p => (int)(p.Y * 8 / b.Picture.Height) * 8 + (int)(p.X * 8 / b.Picture.Width)).Distinct().Count();
        var comparison = AlignedComparison.Compare(a.Picture, b.Picture, fit.Model);
        return Decided(new PairEvidence(default, a.Keypoints.Count, b.Keypoints.Count, matches.Count, fit.Inliers, spread, fit.Model.Scale,
            fit.Model.RotationDegrees, a.IsMirror, comparison.Compared, comparison.Agreeing, comparison.Moved));
    }

    /// <summary>The measured numbers with the verdict <see cref="VerifierSetting.Default"/> gives them: the one place
    /// the verifier's limits are applied, so a calibration re-deciding cached evidence applies them the same way.</summary>
    private static PairEvidence Decided(PairEvidence measured) => measured with { Verdict = VerifierSetting.Default.Decide(measured) };

    /// <summary>Evidence of a pair whose pictures were not compared (too few corners, and no frame-on-frame comparison).</summary>
    private static PairEvidence NotCompared(PictureFeatures a, PictureFeatures b, int matches, int inliers) =>
        Decided(new PairEvidence(default, a.Keypoints.Count, b.Keypoints.Count, matches, inliers, 0, 0, 0, a.IsMirror, 0, 0, 0));

    /// <summary>
    /// Too few corners for a geometric model (smooth objects on a plain ground give a handful): the pictures are laid
    /// frame onto frame instead (margins are already trimmed, so a border or frame does not shift them) and compared
    /// cell by cell. That finds re-encoded, resized, graded, blurred and overlaid copies of such pictures; crops and
    /// rotations need the corners. Pictures of another shape are not compared, and near-empty ones compare too few
    /// textured cells to count.
    /// </summary>
    private static PairEvidence FrameAligned(PictureFeatures a, PictureFeatures b, int matches, int inliers)
    {
        var (pa, pb) = (a.Picture, b.Picture);
        double aspectA = (double)pa.Width / pa.Height, aspectB = (double)pb.Width / pb.Height;
        if (Math.Abs(Math.Log(aspectA / aspectB)) > VerifierLimits.FrameMaxAspectChange)
            return NotCompared(a, b, matches, inliers);
        double sx = (double)(pb.Width - 1) / Math.Max(1, pa.Width - 1), sy = (double)(pb.Height - 1) / Math.Max(1, pa.Height - 1);
        var frame = new Affine(sx, 0, 0, 0, sy, 0);
        var comparison = AlignedComparison.Compare(pa, pb, frame, detrend: true);
        return Decided(new PairEvidence(default, a.Keypoints.Count, b.Keypoints.Count, matches, inliers,
            0, frame.Scale, 0, a.IsMirror, comparison.Compared, comparison.Agreeing, comparison.Moved));
    }
}

/// <summary>What a verifier has done: files decoded and described, pairs verified, and the time of each (CPU time
/// summed over threads, so per file and per pair it is the work, not the wall time).</summary>
public sealed record VerifierCost(int Files, TimeSpan FileTime, int Pairs, TimeSpan PairTime)
{
    public double MicrosecondsPerFile => Files == 0 ? 0 : FileTime.TotalMicroseconds / Files;
    public double MicrosecondsPerPair => Pairs == 0 ? 0 : PairTime.TotalMicroseconds / Pairs;
}
