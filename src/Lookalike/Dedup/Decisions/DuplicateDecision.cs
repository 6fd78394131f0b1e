namespace Lookalike.Dedup.Decisions;

/// <summary>What the user decided about two images the finder called duplicates.</summary>
public enum DuplicateDecision
{
    /// <summary>Not duplicates: their pair is dropped before grouping, and no action replaces one by the other.</summary>
    NotDuplicates,

    /// <summary>Duplicates, but keep both: they are still reported together, and no action replaces one by the other.</summary>
    KeepBoth,
}

/// <summary>A remembered decision about two contents (SHA-256 hex, <see cref="HashA"/> &lt;= <see cref="HashB"/> ordinally).</summary>
public sealed record PairDecision(string HashA, string HashB, DuplicateDecision Decision, DateTime DecidedUtc);
