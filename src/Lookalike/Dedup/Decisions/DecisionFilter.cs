namespace Lookalike.Dedup.Decisions;

/// <summary>
/// Drops the pairs the user marked "not duplicates" before they are grouped, so that two such images only share a
/// group when other, unmarked pairs still link them (see docs/dedup-actions.md). "Keep both" pairs pass: those
/// images are duplicates, the actions just leave them alone.
/// </summary>
public sealed class DecisionFilter
{
    private readonly DecisionSet _decisions;

    /// <summary>Only the images whose content is in some not-duplicates decision: a pair is looked up by hash
    /// only when both its ids are here, so millions of unmarked pairs cost one id lookup each.</summary>
    private readonly Dictionary<long, string> _markedHashById = [];

    /// <param name="images">Every image id the pairs may name, with its SHA-256; pairs with other ids pass unfiltered.</param>
    public DecisionFilter(DecisionSet decisions, IEnumerable<(long Id, string ContentHash)> images)
    {
        _decisions = decisions;
        var marked = decisions.HashesMarkedNotDuplicates;
        if (marked.Count == 0) return;
        foreach (var (id, hash) in images)
            if (marked.Contains(hash.ToLowerInvariant())) _markedHashById[id] = hash;
    }

    public IEnumerable<ScoredPair> Apply(IEnumerable<ScoredPair> pairs) =>
        _markedHashById.Count == 0 ? pairs : pairs.Where(p => !IsMarkedNotDuplicates(p));

    public bool IsMarkedNotDuplicates(ScoredPair pair) =>
        _markedHashById.TryGetValue(pair.A, out var a)
        && _markedHashById.TryGetValue(pair.B, out var b)
        && _decisions.Find(a, b)?.Decision == DuplicateDecision.NotDuplicates;
}
