using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lookalike.Dedup.Decisions;

/// <summary>
/// Remembers "not duplicates" and "keep both" decisions in the catalog's SQLite file (table <c>dedup_decisions</c>,
/// created on first use). Images are identified by content hash so decisions survive moves and renames.
/// </summary>
public sealed class DecisionStore
{
    private readonly SqliteConnection _connection;

    /// <param name="connection">An open connection; the store does not own or close it.</param>
    public DecisionStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Whether any decision was ever recorded. Readers stop here when not: creating the table (even a no-op
    /// CREATE IF NOT EXISTS) takes the write lock, which an index run holds, so they would fail with "database is locked".</summary>
    private bool HasTable()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'dedup_decisions'";
        return command.ExecuteScalar() is not null;
    }

    private void CreateTable() => Execute("""
        CREATE TABLE IF NOT EXISTS dedup_decisions (
            hash_a      TEXT NOT NULL,  -- lower-case hex SHA-256, hash_a <= hash_b
            hash_b      TEXT NOT NULL,
            decision    TEXT NOT NULL CHECK (decision IN ('not-duplicates', 'keep-both')),
            decided_utc TEXT NOT NULL,  -- ISO 8601
            PRIMARY KEY (hash_a, hash_b)
        ) WITHOUT ROWID
        """);

    /// <summary>Records (or replaces) the decision about two contents.</summary>
    /// <exception cref="ArgumentException">A hash is not SHA-256 hex, or identical contents are called "not duplicates".</exception>
    public PairDecision Record(string hashA, string hashB, DuplicateDecision decision, DateTime? decidedUtc = null)
    {
        var pair = new ContentPair(hashA, hashB);
        if (pair.IsSameContent && decision == DuplicateDecision.NotDuplicates)
            throw new ArgumentException($"byte-identical files ({pair.Low}) cannot be marked as not duplicates");
        var stored = new PairDecision(pair.Low, pair.High, decision, decidedUtc ?? DateTime.UtcNow);
        CreateTable();
        Execute("""
            INSERT INTO dedup_decisions (hash_a, hash_b, decision, decided_utc) VALUES ($a, $b, $d, $t)
            ON CONFLICT (hash_a, hash_b) DO UPDATE SET decision = excluded.decision, decided_utc = excluded.decided_utc
            """, ("$a", pair.Low), ("$b", pair.High), ("$d", Name(decision)), ("$t", stored.DecidedUtc.ToString("O", CultureInfo.InvariantCulture)));
        return stored;
    }

    /// <summary>Forgets the decision about two contents; false when there was none.</summary>
    public bool Forget(string hashA, string hashB)
    {
        var pair = new ContentPair(hashA, hashB);
        return HasTable() && Execute("DELETE FROM dedup_decisions WHERE hash_a = $a AND hash_b = $b", ("$a", pair.Low), ("$b", pair.High)) > 0;
    }

    public IReadOnlyList<PairDecision> All()
    {
        if (!HasTable()) return [];
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT hash_a, hash_b, decision, decided_utc FROM dedup_decisions ORDER BY decided_utc, hash_a, hash_b";
        using var reader = command.ExecuteReader();
        var decisions = new List<PairDecision>();
        while (reader.Read())
            decisions.Add(new PairDecision(reader.GetString(0), reader.GetString(1), Parse(reader.GetString(2)),
                DateTime.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        return decisions;
    }

    public DecisionSet Load() => new(All());

    public static string Name(DuplicateDecision decision) => decision switch
    {
        DuplicateDecision.NotDuplicates => "not-duplicates",
        DuplicateDecision.KeepBoth => "keep-both",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    private static DuplicateDecision Parse(string name) => name switch
    {
        "not-duplicates" => DuplicateDecision.NotDuplicates,
        "keep-both" => DuplicateDecision.KeepBoth,
        _ => throw new InvalidDataException($"dedup_decisions holds an unknown decision '{name}'"),
    };

    private int Execute(string sql, params (string Name, string Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }
}
