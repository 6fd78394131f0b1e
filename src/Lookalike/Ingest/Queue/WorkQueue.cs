using Lookalike.Catalog;
using Lookalike.Files;

namespace Lookalike.Ingest.Queue;

/// <summary>
/// The queue of files to fingerprint that many workers on many machines share: the <c>work_items</c> table of a PostgreSQL
/// catalog (see PostgresSchema). A worker claims a batch in a short transaction (<c>FOR UPDATE SKIP LOCKED</c>, so
/// concurrent claims never wait for or take each other's rows) with a lease; it completes the batch in the transaction
/// that writes its results, and only rows still claimed in its name are completed. A worker that dies leaves its claim to
/// run out; the rows are then claimed again, so no file is lost, and none is written twice.
/// </summary>
public sealed class WorkQueue
{
    /// <summary>Claims per file before it is given up as failed: a file that kills its worker every time must not do so forever.</summary>
    public const int MaxAttempts = 5;

    private readonly ImageCatalog _catalog;

    /// <exception cref="CatalogException">The catalog is not a PostgreSQL one.</exception>
    public WorkQueue(ImageCatalog catalog)
    {
        if (!catalog.IsShared)
            throw new CatalogException($"{catalog.DatabasePath} is a SQLite catalog: enqueue and worker need a PostgreSQL one (--catalog postgres://...); use 'lookalike index' here");
        _catalog = catalog;
    }

    /// <summary>Queues the image files below <paramref name="roots"/> that the catalog does not hold as they are now: new files,
    /// and files done before whose size or time changed since (queued again).</summary>
    public EnqueueReport Enqueue(IReadOnlyList<string> roots, Action<string, string> onProblem, bool followLinks = false)
    {
        var files = FileScanner.Scan(roots.Select(Path.GetFullPath), onProblem, followLinks);
        var known = _catalog.GetImages(roots.Select(Path.GetFullPath).ToList()).ToDictionary(r => r.Path, StringComparer.Ordinal);
        int added = 0, again = 0, unchanged = 0;
        using var transaction = _catalog.BeginTransaction();
        foreach (var path in files)
        {
            FileStamp stamp;
            try { stamp = FileStamp.Of(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { onProblem(path, e.Message); continue; }
            if (known.TryGetValue(path, out var record) && stamp.IsSameAs(record.Stamp)) { unchanged++; continue; }
            using (var insert = _catalog.Command("INSERT INTO work_items (path) VALUES (@path) ON CONFLICT (path) DO NOTHING").Bind("@path", path))
                if (insert.ExecuteNonQuery() > 0) { added++; continue; }
            using var requeue = _catalog.Command("""
                UPDATE work_items SET state = 'queued', claimed_by = NULL, lease_until = NULL, attempts = 0, error = NULL
                WHERE path = @path AND state <> 'queued'
                """).Bind("@path", path);
            again += requeue.ExecuteNonQuery();
        }
        transaction.Commit();
        return new EnqueueReport(files.Count, added, again, unchanged);
    }

    /// <summary>Claims up to <paramref name="count"/> queued files for <paramref name="worker"/> until <paramref name="lease"/> from now
    /// (committed at once, so other workers see the claim).</summary>
    public List<Claim> Claim(string worker, int count, TimeSpan lease)
    {
        using var transaction = _catalog.BeginTransaction();
        using var command = _catalog.Command("""
            UPDATE work_items SET claimed_by = @worker, lease_until = now() + make_interval(secs => @lease), attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM work_items
                WHERE state = 'queued' AND (lease_until IS NULL OR lease_until < now()) AND attempts < @max
                ORDER BY id LIMIT @count
                FOR UPDATE SKIP LOCKED)
            RETURNING id, path, attempts
            """).Bind("@worker", worker).Bind("@lease", lease.TotalSeconds).Bind("@max", MaxAttempts).Bind("@count", count);
        var claims = new List<Claim>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) claims.Add(new Claim(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2)));
        transaction.Commit();
        return claims;
    }

    /// <summary>Within the open transaction: locks the claims still held in <paramref name="worker"/>'s name (a claim whose
    /// lease ran out may have gone to another worker) and returns their ids.</summary>
    public HashSet<long> StillHeld(string worker, IEnumerable<Claim> claims)
    {
        using var command = _catalog.Command("SELECT id FROM work_items WHERE id = ANY(@ids) AND claimed_by = @worker AND state = 'queued' FOR UPDATE")
            .Bind("@ids", claims.Select(c => c.Id).ToArray()).Bind("@worker", worker);
        var held = new HashSet<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) held.Add(reader.GetInt64(0));
        return held;
    }

    /// <summary>Within the open transaction: marks a held claim done (<paramref name="error"/> null) or failed.</summary>
    public void Complete(long id, string worker, string? error)
    {
        using var command = _catalog.Command("""
            UPDATE work_items SET state = @state, error = @error, done_by = @worker, done_utc = now(), lease_until = NULL, completions = completions + 1
            WHERE id = @id
            """).Bind("@state", error is null ? "done" : "failed").Bind("@error", error).Bind("@worker", worker).Bind("@id", id);
        command.ExecuteNonQuery();
    }

    /// <summary>How many files are in each state, and how many of the queued ones are claimed now.</summary>
    public QueueStatus Status()
    {
        using var command = _catalog.Command("""
            SELECT
                count(*) FILTER (WHERE state = 'queued' AND (lease_until IS NULL OR lease_until < now()) AND attempts < @max),
                count(*) FILTER (WHERE state = 'queued' AND lease_until >= now()),
                count(*) FILTER (WHERE state = 'done'),
                count(*) FILTER (WHERE state = 'failed' OR (state = 'queued' AND attempts >= @max AND (lease_until IS NULL OR lease_until < now()))),
                count(*) FILTER (WHERE attempts > 1)
            FROM work_items
            """).Bind("@max", MaxAttempts);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new QueueStatus(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }
}

/// <summary>A file claimed by a worker: its work item, its path as enqueued, and how many times it has been claimed.</summary>
public sealed record Claim(long Id, string Path, int Attempt);

/// <param name="Found">Image files found below the folders.</param>
/// <param name="Added">Newly queued.</param>
/// <param name="Requeued">Done before but changed since, so queued again.</param>
/// <param name="Unchanged">Already in the catalog as they are: not queued.</param>
public sealed record EnqueueReport(int Found, int Added, int Requeued, int Unchanged);

/// <param name="Waiting">Queued and free to claim.</param>
/// <param name="Claimed">Queued and claimed by a worker whose lease still runs.</param>
/// <param name="Done">Fingerprinted into the catalog.</param>
/// <param name="Failed">Unreadable, or given up after <see cref="WorkQueue.MaxAttempts"/> claims.</param>
/// <param name="Reclaimed">Claimed more than once (their first worker died or was too slow).</param>
public sealed record QueueStatus(long Waiting, long Claimed, long Done, long Failed, long Reclaimed)
{
    public bool Finished => Waiting == 0 && Claimed == 0;
}
