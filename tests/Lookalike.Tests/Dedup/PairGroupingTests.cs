using Lookalike.Dedup.Decisions;

namespace Lookalike.Tests.Dedup;

public class PairGroupingTests
{
    private static string Hash(char c) => new(c, 64);

    // Image ids 1..5 with distinct contents a..e; id 6 is a byte-identical copy of id 1 elsewhere on disk.
    private static readonly Dictionary<long, string> HashById = new()
    {
        [1] = Hash('a'), [2] = Hash('b'), [3] = Hash('c'), [4] = Hash('d'), [5] = Hash('e'), [6] = Hash('a'),
    };

    private static DecisionFilter Filter(params PairDecision[] decisions) => new(new DecisionSet(decisions), HashById.Select(kv => (kv.Key, kv.Value)));

    private static PairDecision NotDuplicates(char a, char b) => new(Hash(a), Hash(b), DuplicateDecision.NotDuplicates, DateTime.UtcNow);

    [Fact]
    public void GroupsConnectedComponentsWithScoreSpread()
    {
        var groups = PairGrouper.Group([new(1, 2, 0.9), new(3, 2, 0.7), new(4, 5, 0.8), new(5, 5, 0.1), new(5, 4, 0.95)]);
        Assert.Equal(2, groups.Count);
        Assert.Equal([1L, 2, 3], groups[0].Ids);
        Assert.Equal((2, 0.7, 0.9), (groups[0].PairCount, groups[0].MinScore, groups[0].MaxScore));
        Assert.Equal([4L, 5], groups[1].Ids);
        Assert.Equal(2, groups[1].PairCount);
    }

    [Fact]
    public void IdsFarFromTheDenseRangeGroupToo()
    {
        var groups = PairGrouper.Group([new(long.MaxValue, -5, 1), new(-5, 3, 2), new(1L << 40, 1L << 24, 3)]);
        Assert.Equal([-5L, 3, long.MaxValue], groups[0].Ids);
        Assert.Equal([1L << 24, 1L << 40], groups[1].Ids);
    }

    [Fact]
    public void MarkedPairIsSplitWhenNothingElseLinksIt()
    {
        // A-B marked not duplicates, B-C still a pair: A leaves, B and C stay together.
        var pairs = Filter(NotDuplicates('b', 'a')).Apply([new(1, 2, 0.9), new(2, 3, 0.9)]);
        var group = Assert.Single(PairGrouper.Group(pairs));
        Assert.Equal([2L, 3], group.Ids);
    }

    [Fact]
    public void MarkedPairStaysGroupedWhenAThirdFileLinksBoth()
    {
        // A-B marked, but A-C and B-C are unmarked near-duplicate pairs: documented, A and B stay linked through C.
        var pairs = Filter(NotDuplicates('a', 'b')).Apply([new(1, 2, 0.9), new(1, 3, 0.9), new(2, 3, 0.9)]).ToList();
        Assert.Equal(2, pairs.Count);
        Assert.Equal([1L, 2, 3], Assert.Single(PairGrouper.Group(pairs)).Ids);
    }

    [Fact]
    public void DecisionsFollowContentSoCopiesAreCoveredAndNewFilesStillJoin()
    {
        // Id 6 is a moved/copied A: the A-B decision covers it. Id 4 is new and joins B's group.
        var pairs = Filter(NotDuplicates('a', 'b')).Apply([new(6, 2, 0.9), new(2, 4, 0.8), new(6, 5, 0.7)]);
        var groups = PairGrouper.Group(pairs);
        Assert.Equal(2, groups.Count);
        Assert.Contains(groups, g => g.Ids.SequenceEqual([2L, 4]));
        Assert.Contains(groups, g => g.Ids.SequenceEqual([5L, 6]));
    }

    [Fact]
    public void KeepBothDoesNotSplitAndUnknownIdsPass()
    {
        var keepBoth = new PairDecision(Hash('a'), Hash('b'), DuplicateDecision.KeepBoth, DateTime.UtcNow);
        Assert.Equal(2, Filter(keepBoth, NotDuplicates('c', 'd')).Apply([new(1, 2, 1), new(99, 3, 1)]).Count());
    }

    [Fact]
    public void AgreesWithBreadthFirstSearchOnRandomGraphs()
    {
        var random = new Random(5);
        for (var round = 0; round < 20; round++)
        {
            var pairs = Enumerable.Range(0, random.Next(1, 200))
                .Select(_ => new ScoredPair(random.Next(300), random.Next(300), random.NextDouble())).ToList();
            var expected = ComponentsByBfs(pairs);
            var actual = PairGrouper.Group(pairs).Select(g => string.Join(',', g.Ids)).Order().ToList();
            Assert.Equal(expected, actual);
        }
    }

    private static List<string> ComponentsByBfs(List<ScoredPair> pairs)
    {
        var neighbours = new Dictionary<long, List<long>>();
        foreach (var p in pairs.Where(p => p.A != p.B))
        {
            (neighbours.TryGetValue(p.A, out var a) ? a : neighbours[p.A] = []).Add(p.B);
            (neighbours.TryGetValue(p.B, out var b) ? b : neighbours[p.B] = []).Add(p.A);
        }
        var seen = new HashSet<long>();
        var components = new List<string>();
        foreach (var start in neighbours.Keys)
        {
            if (!seen.Add(start)) continue;
            var component = new List<long> { start };
            var queue = new Queue<long>([start]);
            while (queue.TryDequeue(out var node))
                foreach (var next in neighbours[node])
                    if (seen.Add(next)) { component.Add(next); queue.Enqueue(next); }
            component.Sort();
            components.Add(string.Join(',', component));
        }
        return components.Order().ToList();
    }
}

public class DecisionGroupSplitterTests
{
    private static Lookalike.Catalog.ImageRecord File(long id, char hash) =>
        new(id, $"/p/{id}.jpg", 1, DateTime.UtcNow, new string(hash, 64), 10, 10, "jpeg", null, null);

    [Fact]
    public void SplitsOnlyGroupsHoldingTwoMarkedContents()
    {
        // A chain a-b-c (a and c too far apart to match) with a-b marked: a leaves, b-c stays. The other group is untouched.
        var a = File(1, 'a');
        var b = File(2, 'b');
        var c = File(3, 'c');
        var d = File(4, 'd');
        var e = File(5, 'e');
        var decisions = new DecisionSet([new PairDecision(new string('a', 64), new string('b', 64), DuplicateDecision.NotDuplicates, DateTime.UtcNow)]);
        var calls = 0;
        double? Score(Lookalike.Catalog.ImageRecord x, Lookalike.Catalog.ImageRecord y)
        {
            calls++;
            return Math.Abs(x.Id - y.Id) == 1 ? 1 : null;
        }
        var groups = DecisionGroupSplitter.Split([[a, b, c], [d, e]], decisions, Score);
        Assert.Equal([[2L, 3], [4L, 5]], groups.Select(g => g.Select(f => f.Id).ToArray()));
        Assert.Equal(3, calls);
    }
}
