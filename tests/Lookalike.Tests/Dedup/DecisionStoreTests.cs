using Lookalike.Catalog;
using Lookalike.Dedup.Decisions;

namespace Lookalike.Tests.Dedup;

public class DecisionStoreTests : IDisposable
{
    private readonly CatalogedFolder _folder = new();
    private static readonly string HashA = new('a', 64), HashB = new('b', 64), HashC = new('c', 64);

    /// <summary>The real catalog file, as each run of the CLI opens it anew.</summary>
    private ImageCatalog Open() => ImageCatalog.Open(_folder["catalog.db"]);

    [Fact]
    public void DecisionsSurviveReopeningTheDatabase()
    {
        using (var catalog = Open())
        {
            var store = new DecisionStore(catalog);
            store.Record(HashB, HashA, DuplicateDecision.NotDuplicates, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
            store.Record(HashA, HashC, DuplicateDecision.KeepBoth);
        }
        using (var catalog = Open())
        {
            var decisions = new DecisionStore(catalog).Load();
            Assert.Equal(2, decisions.Count);
            var notDuplicates = decisions.Find(HashA, HashB)!;
            Assert.Equal(DuplicateDecision.NotDuplicates, notDuplicates.Decision);
            Assert.Equal((HashA, HashB), (notDuplicates.HashA, notDuplicates.HashB));
            Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), notDuplicates.DecidedUtc);
            Assert.Equal(DuplicateDecision.KeepBoth, decisions.Find(HashC, HashA)!.Decision);
            Assert.Null(decisions.Find(HashB, HashC));
        }
    }

    [Fact]
    public void RecordingAgainReplacesAndForgetRemoves()
    {
        using var catalog = Open();
        var store = new DecisionStore(catalog);
        store.Record(HashA, HashB, DuplicateDecision.NotDuplicates);
        store.Record(HashB.ToUpperInvariant(), HashA, DuplicateDecision.KeepBoth);
        Assert.Equal(DuplicateDecision.KeepBoth, Assert.Single(store.All()).Decision);
        Assert.True(store.Forget(HashB, HashA));
        Assert.False(store.Forget(HashB, HashA));
        Assert.Empty(store.All());
    }

    [Fact]
    public void RejectsNonsense()
    {
        using var catalog = Open();
        var store = new DecisionStore(catalog);
        Assert.Throws<BadInputException>(() => store.Record(HashA, HashA, DuplicateDecision.NotDuplicates));
        Assert.Throws<ArgumentException>(() => store.Record("photo.jpg", HashA, DuplicateDecision.KeepBoth));
        // Keeping every copy of one content is a meaningful decision.
        Assert.Equal(DuplicateDecision.KeepBoth, store.Record(HashA, HashA, DuplicateDecision.KeepBoth).Decision);
    }

    public void Dispose() => _folder.Dispose();
}
