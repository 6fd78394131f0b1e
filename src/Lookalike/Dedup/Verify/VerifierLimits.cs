namespace Lookalike.Dedup.Verify;

/// <summary>The verifier's decision limits, tuned on the dedup tuning set (docs/dedup-evaluation.md, "Verifier").</summary>
public static class VerifierLimits
{
    /// <summary>Fewer inliers than this: not enough evidence for any model (near-empty pictures stop here).</summary>
    public const int MinInliers = 12;

    /// <summary>The inliers must spread over at least this many cells of an 8 x 8 grid (one textured corner is not a picture).</summary>
    public const int MinInlierCells = 5;

    /// <summary>At least this many overlapping textured cells must be compared.</summary>
    public const int MinCellsCompared = 12;

    /// <summary>Share of agreeing cells from which the pair is a copy (an overlay spoils a minority).</summary>
    public const double CopyAgreement = 0.8;

    /// <summary>More moved cells than this (of the compared ones) make the pair similar: the same scene at another
    /// moment or from a step aside, not one picture.</summary>
    public static int MaxMovedCells(int compared) => Math.Max(4, compared / 20);

    /// <summary>Frame-on-frame comparison (too few corners): at most this change of aspect ratio (log), about 4 %.</summary>
    public const double FrameMaxAspectChange = 0.04;

    /// <summary>Frame-on-frame comparison: at least this many textured cells compared.</summary>
    public const int FrameMinCellsCompared = 12;

    /// <summary>Frame-on-frame comparison: share of agreeing cells from which the pair is a copy.</summary>
    public const double FrameCopyAgreement = 0.8;
}
