using Lookalike.Catalog;
using Lookalike.Dedup;
using Lookalike.Dedup.Decisions;

namespace Lookalike.Tests.Dedup;

public class DuplicateGroupingTests
{
    private static string Hash(char c) => new(c, 64);

    // Positions 0..4 hold distinct contents a..e; position 5 is a byte-identical copy of position 0 elsewhere on disk.
    private static readonly ImageRecord[] Items = "abcdea".Select((c, i) =>
        new ImageRecord(i + 1, $"/p/{i}.jpg", 1, DateTime.UtcNow, Hash(c), 10, 10, "jpeg", null, null)).ToArray();

    private static DuplicateLink Link(int a, int b, int distance = 1, MatchEvidence evidence = MatchEvidence.Hash) => new(a, b, evidence, distance);

    private static DecisionFilter Filter(params PairDecision[] decisions) => new(new DecisionSet(decisions), Items);

    private static PairDecision NotDuplicates(char a, char b) => new(Hash(a), Hash(b), DuplicateDecision.NotDuplicates, DateTime.UtcNow);

    private static long[][] Ids(IEnumerable<DuplicateGroup> groups) => groups.Select(g => g.Files.Select(f => f.Id).ToArray()).ToArray();

    [Fact]
    public void GroupsConnectedComponentsWithTheRangeOfEachKindOfEvidence()
    {
        var groups = DuplicateGrouper.Build(Items, [Link(0, 1, 4), Link(2, 1, 2), Link(1, 2, 30, MatchEvidence.Embedding), Link(3, 4, 6)]);
        Assert.Equal([[1L, 2, 3], [4L, 5]], Ids(groups));
        Assert.Equal([new EvidenceRange(MatchEvidence.Hash, 2, 2, 4), new EvidenceRange(MatchEvidence.Embedding, 1, 30, 30)], groups[0].Evidence);
        Assert.Equal([new EvidenceRange(MatchEvidence.Hash, 1, 6, 6)], groups[1].Evidence);
    }

    [Fact]
    public void MarkedPairIsSplitWhenNothingElseLinksIt()
    {
        // A-B marked not duplicates, B-C still linked: A leaves, B and C stay together.
        var links = Filter(NotDuplicates('b', 'a')).Apply([Link(0, 1), Link(1, 2)]).ToList();
        Assert.Equal([[2L, 3]], Ids(DuplicateGrouper.Build(Items, links)));
    }

    [Fact]
    public void MarkedPairStaysGroupedWhenAThirdFileLinksBoth()
    {
        // A-B marked, but A-C and B-C are unmarked links: documented, A and B stay together through C.
        var links = Filter(NotDuplicates('a', 'b')).Apply([Link(0, 1), Link(0, 2), Link(1, 2)]).ToList();
        Assert.Equal(2, links.Count);
        Assert.Equal([[1L, 2, 3]], Ids(DuplicateGrouper.Build(Items, links)));
    }

    [Fact]
    public void DecisionsFollowContentSoCopiesAreCoveredAndNewFilesStillJoin()
    {
        // Position 5 is a moved/copied A: the A-B decision covers it. D is new and joins B's group.
        var links = Filter(NotDuplicates('a', 'b')).Apply([Link(5, 1), Link(1, 3), Link(5, 4)]).ToList();
        Assert.Equal([[2L, 4], [5L, 6]], Ids(DuplicateGrouper.Build(Items, links)));
    }

    [Fact]
    public void KeepBothDoesNotSplit()
    {
        var keepBoth = new PairDecision(Hash('a'), Hash('b'), DuplicateDecision.KeepBoth, DateTime.UtcNow);
        Assert.Equal(2, Filter(keepBoth, NotDuplicates('c', 'd')).Apply([Link(0, 1), Link(2, 4)]).Count());
    }

    /// <summary>Two families: an original and its copies, all linked to the original and to each other in part.</summary>
    private static List<(int, int)> Family(int first, int size) =>
        [.. Enumerable.Range(first + 1, size - 1).Select(c => (first, c)), .. Enumerable.Range(first + 1, size - 2).Select(c => (c, c + 1))];

    [Fact]
    public void OneWeakLinkDoesNotMergeTwoDenseGroups()
    {
        // Families 0..9 and 10..19, one link between a copy of each (or between the two originals).
        foreach (var bridge in new[] { (5, 15), (0, 10) })
        {
            var groups = DuplicateGrouper.GroupConfirmed(20, [.. Family(0, 10), .. Family(10, 10), bridge]);
            Assert.Equal([Enumerable.Range(0, 10).ToArray(), Enumerable.Range(10, 10).ToArray()], groups);
        }
        // Plain components merge them: the failure this grouping prevents.
        Assert.Single(DuplicateGrouper.Group(20, [.. Family(0, 10), .. Family(10, 10), (5, 15)]));
    }

    [Fact]
    public void FilesMatchingOnlyTheOriginalJoinButChainsDoNot()
    {
        // A star (original 0 with copies 1, 2, 3 that match nothing else) is one group; the chain 4-5-6-7 loses its middle link.
        Assert.Equal([[0, 1, 2, 3], [4, 5], [6, 7]], DuplicateGrouper.GroupConfirmed(8, [(0, 1), (0, 2), (0, 3), (4, 5), (5, 6), (6, 7)]));
        // A file whose one link goes to a copy, not to the original every copy matches, stays out.
        Assert.Equal([[0, 1, 2, 3, 4, 5]], DuplicateGrouper.GroupConfirmed(10, [.. Family(0, 6), (9, 3)]));
        // A file matching the original of two groups is left out of both rather than merging them.
        var groups = DuplicateGrouper.GroupConfirmed(9, [(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5), (6, 0), (6, 3)]);
        Assert.Equal([[0, 1, 2], [3, 4, 5]], groups);
    }

    [Fact]
    public void AgreesWithBreadthFirstSearchOnRandomGraphs()
    {
        var random = new Random(5);
        for (var round = 0; round < 20; round++)
        {
            var pairs = Enumerable.Range(0, random.Next(1, 200)).Select(_ => (A: random.Next(300), B: random.Next(300))).ToList();
            var actual = DuplicateGrouper.Group(300, pairs).Select(g => string.Join(',', g)).Order().ToList();
            Assert.Equal(ComponentsByBfs(pairs), actual);
        }
    }

    private static List<string> ComponentsByBfs(List<(int A, int B)> pairs)
    {
        var neighbours = new Dictionary<int, List<int>>();
        foreach (var (a, b) in pairs.Where(p => p.A != p.B))
        {
            (neighbours.TryGetValue(a, out var na) ? na : neighbours[a] = []).Add(b);
            (neighbours.TryGetValue(b, out var nb) ? nb : neighbours[b] = []).Add(a);
        }
        var seen = new HashSet<int>();
        var components = new List<string>();
        foreach (var start in neighbours.Keys)
        {
            if (!seen.Add(start)) continue;
            var component = new List<int> { start };
            var queue = new Queue<int>([start]);
            while (queue.TryDequeue(out var node))
                foreach (var next in neighbours[node])
                    if (seen.Add(next)) { component.Add(next); queue.Enqueue(next); }
            component.Sort();
            components.Add(string.Join(',', component));
        }
        return components.Order().ToList();
    }
}
