namespace Lookalike.Dedup.Verify;

/// <summary>What the verifier says about a pair's content.</summary>
public enum ContentVerdict
{
    /// <summary>One picture, edited: a geometric model explains the matched corners and the aligned pictures agree in
    /// most overlapping cells.</summary>
    Copy,
    /// <summary>The same scene, not the same picture: the corners match under a model, but the aligned content
    /// differs in parts (a moving subject, parallax, another moment of a burst).</summary>
    Similar,
    /// <summary>No consistent model, or too little to tell (near-empty pictures).</summary>
    Different,
}
