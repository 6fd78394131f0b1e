using Lookalike.Catalog;

namespace Lookalike.Dedup.Decisions;

/// <summary>
/// Drops the links the user marked "not duplicates" before they are grouped, so that two such images only share a
/// group when other, unmarked links still join them (see docs/dedup-actions.md). "Keep both" pairs pass: those
/// images are duplicates, the actions just leave them alone.
/// </summary>
public sealed class DecisionFilter
{
    private readonly DecisionSet _decisions;

    /// <summary>Content hash by position, only for the images in some not-duplicates decision: a link is looked up
    /// by hash only when both its ends are here, so millions of unmarked links cost one lookup each.</summary>
    private readonly Dictionary<int, string> _markedHashAt = [];

    /// <param name="items">The images the links' positions refer to.</param>
    public DecisionFilter(DecisionSet decisions, IReadOnlyList<ImageRecord> items)
    {
        _decisions = decisions;
        var marked = decisions.HashesMarkedNotDuplicates;
        if (marked.Count == 0) return;
        for (int i = 0; i < items.Count; i++)
            if (marked.Contains(items[i].ContentHash.ToLowerInvariant())) _markedHashAt[i] = items[i].ContentHash;
    }

    public IEnumerable<DuplicateLink> Apply(IEnumerable<DuplicateLink> links) =>
        _markedHashAt.Count == 0 ? links : links.Where(l => !IsMarkedNotDuplicates(l.A, l.B));

    public bool IsMarkedNotDuplicates(int a, int b) =>
        _markedHashAt.TryGetValue(a, out var hashA)
        && _markedHashAt.TryGetValue(b, out var hashB)
        && _decisions.Find(hashA, hashB)?.Decision == DuplicateDecision.NotDuplicates;
}
