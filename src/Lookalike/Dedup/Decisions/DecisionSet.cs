namespace Lookalike.Dedup.Decisions;

/// <summary>All remembered decisions in memory, for lookups inside loops over millions of pairs.</summary>
public sealed class DecisionSet
{
    private readonly Dictionary<ContentPair, PairDecision> _byPair;

    public DecisionSet(IEnumerable<PairDecision> decisions)
    {
        _byPair = decisions.ToDictionary(d => new ContentPair(d.HashA, d.HashB));
        HashesMarkedNotDuplicates = _byPair.Values.Where(d => d.Decision == DuplicateDecision.NotDuplicates)
            .SelectMany(d => new[] { d.HashA, d.HashB }).ToHashSet();
    }

    public static DecisionSet Empty { get; } = new([]);

    public int Count => _byPair.Count;

    /// <summary>Hashes that appear in some not-duplicates decision: lets filters skip most pairs without building a key.</summary>
    public IReadOnlySet<string> HashesMarkedNotDuplicates { get; }

    public PairDecision? Find(string hashA, string hashB) => _byPair.GetValueOrDefault(new ContentPair(hashA, hashB));
}
