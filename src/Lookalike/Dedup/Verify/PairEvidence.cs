namespace Lookalike.Dedup.Verify;

/// <summary>
/// Why the verifier decided as it did: matched corners, how many fit the geometric model (and over how many of an 8 x 8
/// grid's cells they spread), the model (scale, rotation, mirrored), and the aligned comparison (overlapping textured
/// cells, how many agree, and how many of the others hold content found a few pixels away: moved).
/// </summary>
public sealed record PairEvidence(
    ContentVerdict Verdict,
    int KeypointsA,
    int KeypointsB,
    int Matches,
    int Inliers,
    int InlierCells,
    double Scale,
    double RotationDegrees,
    bool Mirrored,
    int CellsCompared,
    int CellsAgreeing,
    int CellsMoved)
{
    /// <summary>Share of the overlapping textured cells that agree (0 when none overlap).</summary>
    public double Agreement => CellsCompared == 0 ? 0 : (double)CellsAgreeing / CellsCompared;

    /// <summary>One sentence for <c>lookalike compare</c>.</summary>
    public string Explain()
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var model = string.Create(inv, $"scale {Scale:0.00}, rotation {RotationDegrees:0.#} deg{(Mirrored ? ", mirrored" : "")}");
        var numbers = string.Create(inv, $"{Inliers} of {Matches} matched corners fit one model ({model}) over {InlierCells} of 64 grid cells; "
            + $"{CellsAgreeing} of {CellsCompared} overlapping cells agree ({Agreement:P0}), {CellsMoved} moved");
        return Verdict switch
        {
            ContentVerdict.Copy => $"content: the same picture, edited ({numbers})",
            ContentVerdict.Similar => $"content: the same scene, not the same picture ({numbers}): parts moved or differ when aligned",
            _ => Inliers == 0 && Matches < VerifierLimits.MinInliers
                ? $"content: too little in common to call a copy ({Matches} matched corners of {KeypointsA} and {KeypointsB})"
                : $"content: no consistent geometric model, not a copy ({numbers})",
        };
    }
}
