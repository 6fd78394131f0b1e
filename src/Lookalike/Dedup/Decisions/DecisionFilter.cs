namespace Lookalike.Dedup.Decisions;

/// <summary>
/// Drops the pairs the user marked "not duplicates" before they are grouped, so that two such images only share a
/// group when other, unmarked pairs still link them (see docs/dedup-actions.md). "Keep both" pairs pass: those
/// images are duplicates, the actions just leave them alone.
/// </summary>
/// <param name="contentHashOf">SHA-256 of an image id; pairs with an unknown id pass unfiltered.</param>
public sealed class DecisionFilter(DecisionSet decisions, Func<long, string?> contentHashOf)
{
    public IEnumerable<ScoredPair> Apply(IEnumerable<ScoredPair> pairs) =>
        decisions.HashesMarkedNotDuplicates.Count == 0 ? pairs : pairs.Where(p => !IsMarkedNotDuplicates(p));

    public bool IsMarkedNotDuplicates(ScoredPair pair)
    {
        var marked = decisions.HashesMarkedNotDuplicates;
        if (contentHashOf(pair.A) is not { } a || !marked.Contains(a)) return false;
        if (contentHashOf(pair.B) is not { } b || !marked.Contains(b)) return false;
        return decisions.Find(a, b)?.Decision == DuplicateDecision.NotDuplicates;
    }
}
