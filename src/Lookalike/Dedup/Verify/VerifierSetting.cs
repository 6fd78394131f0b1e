namespace Lookalike.Dedup.Verify;

/// <summary>
/// The content verifier's decision: its verdict from the numbers a verification measured (<see cref="PairEvidence"/>:
/// inliers and their spread, cells compared, agreeing and moved). <see cref="PairVerifier"/> decides every pair with
/// <see cref="Default"/> (<see cref="VerifierLimits"/>); a calibration verifies every candidate pair once and tries any
/// number of other settings on the cached evidence, through this same code. Not tunable this way: the inlier count that chooses between the
/// geometric and the frame-on-frame comparison, and which of the plain and mirrored evidence was kept (both are choices
/// made before the numbers exist).
/// </summary>
public sealed record VerifierSetting
{
    /// <summary>Geometric comparison: inliers over fewer grid cells than this are not a picture.</summary>
    public int MinInlierCells { get; init; } = VerifierLimits.MinInlierCells;

    /// <summary>Geometric comparison: fewer overlapping textured cells than this are too little to tell.</summary>
    public int MinCellsCompared { get; init; } = VerifierLimits.MinCellsCompared;

    /// <summary>Geometric comparison: share of agreeing cells from which the pair is a copy (else similar).</summary>
    public double CopyAgreement { get; init; } = VerifierLimits.CopyAgreement;

    /// <summary>Added to <see cref="VerifierLimits.MaxMovedCells"/>: more moved cells make a copy similar.</summary>
    public int MovedCellsSlack { get; init; }

    /// <summary>Frame-on-frame comparison (too few corners): fewest textured cells compared.</summary>
    public int FrameMinCellsCompared { get; init; } = VerifierLimits.FrameMinCellsCompared;

    /// <summary>Frame-on-frame comparison: share of agreeing cells from which the pair is a copy (else different).</summary>
    public double FrameCopyAgreement { get; init; } = VerifierLimits.FrameCopyAgreement;

    public static VerifierSetting Default { get; } = new();

    /// <summary>The verdict these limits give for the evidence of one verification (its own verdict is not read).</summary>
    public ContentVerdict Decide(PairEvidence e)
    {
        var movedOk = e.CellsMoved <= VerifierLimits.MaxMovedCells(e.CellsCompared) + MovedCellsSlack;
        // No inlier cells: the pair had too few corners for a model and was compared frame on frame (or not at all).
        if (e.InlierCells == 0)
            return e.CellsCompared > 0 && e.CellsCompared >= FrameMinCellsCompared && e.Agreement >= FrameCopyAgreement && movedOk
                ? ContentVerdict.Copy : ContentVerdict.Different;
        if (e.Inliers < VerifierLimits.MinInliers || e.InlierCells < MinInlierCells || e.CellsCompared < MinCellsCompared) return ContentVerdict.Different;
        return e.Agreement >= CopyAgreement && movedOk ? ContentVerdict.Copy : ContentVerdict.Similar;
    }

    public override string ToString() => FormattableString.Invariant(
        $"copy agree >= {CopyAgreement}, moved +{MovedCellsSlack}, cells >= {MinCellsCompared}, frame agree >= {FrameCopyAgreement}");
}
