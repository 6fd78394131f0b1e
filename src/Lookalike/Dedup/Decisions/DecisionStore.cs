using System.Globalization;
using Lookalike.Catalog;

namespace Lookalike.Dedup.Decisions;

/// <summary>
/// Remembers "not duplicates" and "keep both" decisions in the catalog (its table <c>dedup_decisions</c>, see
/// <see cref="CatalogSchema"/>). Images are identified by content hash so decisions survive moves and renames.
/// </summary>
public sealed class DecisionStore(ImageCatalog catalog)
{
    /// <summary>Records (or replaces) the decision about two contents.</summary>
    /// <exception cref="ArgumentException">A hash is not SHA-256 hex.</exception>
    /// <exception cref="BadInputException">Identical contents are called "not duplicates".</exception>
    public PairDecision Record(string hashA, string hashB, DuplicateDecision decision, DateTime? decidedUtc = null)
    {
        var pair = new ContentPair(hashA, hashB);
        if (pair.IsSameContent && decision == DuplicateDecision.NotDuplicates)
            throw new BadInputException($"the two files have the same bytes (SHA-256 {pair.Low}), so they cannot be marked as not duplicates");
        var stored = new PairDecision(pair.Low, pair.High, decision, decidedUtc ?? DateTime.UtcNow);
        Execute("""
            INSERT INTO dedup_decisions (hash_a, hash_b, decision, decided_utc) VALUES (@a, @b, @d, @t)
            ON CONFLICT (hash_a, hash_b) DO UPDATE SET decision = excluded.decision, decided_utc = excluded.decided_utc
            """, ("@a", pair.Low), ("@b", pair.High), ("@d", Name(decision)), ("@t", stored.DecidedUtc.ToString("O", CultureInfo.InvariantCulture)));
        return stored;
    }

    /// <summary>Forgets the decision about two contents; false when there was none.</summary>
    public bool Forget(string hashA, string hashB)
    {
        var pair = new ContentPair(hashA, hashB);
        return Execute("DELETE FROM dedup_decisions WHERE hash_a = @a AND hash_b = @b", ("@a", pair.Low), ("@b", pair.High)) > 0;
    }

    public IReadOnlyList<PairDecision> All()
    {
        using var command = catalog.Command("SELECT hash_a, hash_b, decision, decided_utc FROM dedup_decisions ORDER BY decided_utc, hash_a, hash_b");
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

    /// <summary>One write in its own catalog transaction.</summary>
    private int Execute(string sql, params (string Name, string Value)[] parameters)
    {
        using var transaction = catalog.BeginTransaction();
        using var command = catalog.Command(sql);
        foreach (var (name, value) in parameters) command.Bind(name, value);
        var changed = command.ExecuteNonQuery();
        transaction.Commit();
        return changed;
    }
}
