using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Lookalike.Hashing;
using Lookalike.Imaging;

namespace Lookalike.Catalog;

/// <summary>
/// Brings the catalog up to date with some folders, incrementally: unchanged files (same size and
/// mtime) are not read; new and changed files are decoded and fingerprinted in parallel; a file whose
/// bytes the catalog already knows (moved, renamed, copied) takes over the known fingerprints; records
/// of files that are gone are dropped. A single writer commits in batches, so a killed run keeps
/// everything committed and the next run carries on from there.
/// </summary>
public sealed class ImageIndexer(ImageCatalog catalog)
{
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    public long MaxPixels { get; init; } = ImageDecoder.DefaultMaxPixels;
    /// <summary>Longest time results wait in memory before they are committed.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    public IndexReport Index(IReadOnlyList<string> roots, IProgress<IndexProgress>? progress = null,
        Action<IndexProblem>? onProblem = null, CancellationToken cancel = default)
    {
        var report = new IndexReport();
        void Problem(string path, string reason)
        {
            var problem = new IndexProblem(path, reason);
            report.Problems.Add(problem);
            onProblem?.Invoke(problem);
        }

        var absoluteRoots = roots.Select(Path.GetFullPath).ToList();
        var files = FileScanner.Scan(absoluteRoots, Problem);
        report.Found = files.Count;
        var known = catalog.GetImages(absoluteRoots).ToDictionary(r => r.Path, StringComparer.Ordinal);
        var failures = catalog.GetFailures();
        var onDisk = new HashSet<string>(files, StringComparer.Ordinal);

        var work = new List<(string Path, FileStamp Stamp)>();
        foreach (var path in files)
        {
            FileStamp stamp;
            try { stamp = FileStamp.Of(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Problem(path, e.Message); continue; }
            if (known.TryGetValue(path, out var record) && record.Size == stamp.Size && record.ModifiedUtc == stamp.ModifiedUtc)
                report.Unchanged++;
            else if (failures.TryGetValue(path, out var failure) && failure.Stamp == stamp)
                Problem(path, failure.Reason);
            else
                work.Add((path, stamp));
        }
        var done = files.Count - work.Count;
        progress?.Report(new IndexProgress(done, files.Count));

        // Records whose file is gone may be claimed by a moved file below; the rest are removed at the end.
        var vanished = known.Values.Where(r => !onDisk.Contains(r.Path)).ToDictionary(r => r.Id);
        var byContent = catalog.GetImages().GroupBy(r => r.ContentHash).ToDictionary(g => g.Key, g => g.ToList());
        var knownHashes = work.Count > 0 ? catalog.GetHashes() : [];

        using var results = new BlockingCollection<FileResult>(boundedCapacity: 256);
        var workers = Task.Run(() =>
        {
            try
            {
                Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancel },
                    item => results.Add(Process(item.Path, item.Stamp, byContent)));
            }
            catch (OperationCanceledException) { /* the writer commits what is done */ }
            finally { results.CompleteAdding(); }
        });

        var clock = Stopwatch.StartNew();
        var transaction = catalog.BeginTransaction();
        try
        {
            foreach (var result in results.GetConsumingEnumerable())
            {
                Apply(result, vanished, knownHashes, report, Problem);
                progress?.Report(new IndexProgress(++done, files.Count));
                if (clock.Elapsed >= CommitInterval)
                {
                    transaction.Commit();
                    transaction.Dispose();
                    transaction = catalog.BeginTransaction();
                    clock.Restart();
                }
            }
            workers.Wait();
            report.Cancelled = cancel.IsCancellationRequested;
            if (!report.Cancelled)
            {
                foreach (var gone in vanished.Values) catalog.RemoveImage(gone.Id);
                report.Removed = vanished.Count;
            }
            transaction.Commit();
        }
        finally
        {
            transaction.Dispose();
        }
        return report;
    }

    /// <summary>What a worker found out about one file; applied to the catalog by the writer alone.</summary>
    private sealed record FileResult(string Path, FileStamp Stamp, string? ContentHash, ImageRecord? Record, ImageHashes Hashes, string? Error);

    private FileResult Process(string path, FileStamp stamp, Dictionary<string, List<ImageRecord>> byContent)
    {
        string? contentHash = null;
        try
        {
            contentHash = ContentHash(path);
            if (byContent.ContainsKey(contentHash)) return new FileResult(path, stamp, contentHash, null, default, null);
            var header = ImageDecoder.ReadHeader(path, MaxPixels);
            var image = ImageDecoder.Decode(path, ImageHashes.DecodeSize, header, MaxPixels);
            var record = new ImageRecord(0, path, stamp.Size, stamp.ModifiedUtc, contentHash,
                header.Width, header.Height, header.Format, header.ExifDate, header.Camera);
            return new FileResult(path, stamp, contentHash, record, ImageHashes.Compute(image), null);
        }
        catch (ImageDecodeException e)
        {
            return new FileResult(path, stamp, contentHash, null, default, e.Reason);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileResult(path, stamp, contentHash, null, default,
                File.Exists(path) ? e.Message : "file vanished while being indexed");
        }
    }

    private void Apply(FileResult result, Dictionary<long, ImageRecord> vanished, Dictionary<long, ImageHashes> knownHashes,
        IndexReport report, Action<string, string> problem)
    {
        if (result.Error != null)
        {
            RemoveStale(result.Path);
            catalog.RecordFailure(result.Path, result.Stamp, result.Error);
            problem(result.Path, result.Error);
            return;
        }
        if (result.Record != null)
        {
            catalog.PutImage(result.Record, result.Hashes);
            report.Fingerprinted++;
            return;
        }
        // Same bytes as a known image: a move takes over the vanished record, a copy gets its own.
        var twins = catalog.FindByContentHash(result.ContentHash!);
        var moved = twins.FirstOrDefault(t => vanished.ContainsKey(t.Id));
        if (moved != null)
        {
            RemoveStale(result.Path);
            catalog.MoveImage(moved.Id, result.Path, result.Stamp);
            vanished.Remove(moved.Id);
        }
        else if (twins.FirstOrDefault(t => knownHashes.ContainsKey(t.Id)) is { } twin)
        {
            catalog.PutImage(twin with { Id = 0, Path = result.Path, Size = result.Stamp.Size, ModifiedUtc = result.Stamp.ModifiedUtc },
                knownHashes[twin.Id]);
        }
        else
        {
            // The twin was dropped earlier in this run (its file changed): fingerprint this one after all.
            Apply(Process(result.Path, result.Stamp, byContent: []), vanished, knownHashes, report, problem);
            return;
        }
        report.Recognised++;
    }

    /// <summary>Drops an outdated record at this path (its file changed into something else).</summary>
    private void RemoveStale(string path)
    {
        if (catalog.FindByPath(path) is { } stale) catalog.RemoveImage(stale.Id);
    }

    private static string ContentHash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
