using Lookalike.Dedup.Decisions;
using Microsoft.Data.Sqlite;

namespace Lookalike.Tests.Dedup;

public class DecisionStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private static readonly string HashA = new('a', 64), HashB = new('b', 64), HashC = new('c', 64);

    private SqliteConnection Open()
    {
        // Pooling off so that closing really releases the file, as a later run of the CLI would see it.
        var connection = new SqliteConnection($"Data Source={_folder["catalog.db"]};Pooling=False");
        connection.Open();
        return connection;
    }

    [Fact]
    public void DecisionsSurviveReopeningTheDatabase()
    {
        using (var connection = Open())
        {
            var store = new DecisionStore(connection);
            store.Record(HashB, HashA, DuplicateDecision.NotDuplicates, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
            store.Record(HashA, HashC, DuplicateDecision.KeepBoth);
        }
        using (var connection = Open())
        {
            var decisions = new DecisionStore(connection).Load();
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
        using var connection = Open();
        var store = new DecisionStore(connection);
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
        using var connection = Open();
        var store = new DecisionStore(connection);
        Assert.Throws<ArgumentException>(() => store.Record(HashA, HashA, DuplicateDecision.NotDuplicates));
        Assert.Throws<ArgumentException>(() => store.Record("photo.jpg", HashA, DuplicateDecision.KeepBoth));
        // Keeping every copy of one content is a meaningful decision.
        Assert.Equal(DuplicateDecision.KeepBoth, store.Record(HashA, HashA, DuplicateDecision.KeepBoth).Decision);
    }

    public void Dispose() => _folder.Dispose();
}
