using System.Collections.Concurrent;
using System.Diagnostics;
using Lookalike.Catalog;
using Lookalike.Files;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Loading;

namespace Lookalike.Ingest;

/// <summary>
/// Brings the catalog up to date with some folders, incrementally: unchanged files (same size and
/// mtime) are not read; new and changed files are decoded once and fingerprinted in parallel; a file
/// whose bytes the catalog already knows (moved, renamed, copied) takes over the known fingerprints;
/// records of files that are gone are dropped; with an embedder, images missing that model's embedding
/// get one. A single writer runs the model in batches and commits every second, so a killed run keeps
/// everything committed and the next run carries on from there.
/// </summary>
public sealed class ImageIndexer(ImageCatalog catalog, Fingerprinter? fingerprinter = null)
{
    private readonly ImageCatalog _catalog = catalog;
    private readonly Fingerprinter _fingerprinter = fingerprinter ?? new Fingerprinter();

    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Longest time results wait in memory before they are committed.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Follow links to folders outside the roots while scanning (see <see cref="FileScanner.Scan"/>).</summary>
    public bool FollowLinks { get; init; }
    /// <summary>Files larger than this are reported and not read.</summary>
    public long MaxFileBytes { get; init; } = RegularFile.DefaultMaxBytes;
    /// <summary>Longest time one file may take to hash and decode; past it the file is reported and the run goes on
    /// (the stuck read is abandoned, not awaited).</summary>
    public TimeSpan FileTimeout { get; init; } = TimeSpan.FromMinutes(2);

    private enum Work { Fingerprint, EmbedOnly }

    private sealed record WorkItem(string Path, FileStamp Stamp, Work Work, long ImageId = 0);

    /// <summary>What a worker found out about one file; applied to the catalog by the writer alone.</summary>
    /// <param name="TimedOut">The error is a timeout: reported, but not remembered as the file's failure (the next run tries again).</param>
    private sealed record FileResult(WorkItem Item, string? ContentHash, Fingerprint? Fingerprint, PreparedBatch? EmbeddingInput, string? Error,
        bool TimedOut = false);

    /// <exception cref="IndexBusyException">Another index run is writing the same catalog (see <see cref="IndexLock"/>).</exception>
    public IndexReport Index(IReadOnlyList<string> roots, IProgress<IndexProgress>? progress = null,
        Action<IndexProblem>? onProblem = null, CancellationToken cancel = default)
    {
        using var writing = IndexLock.Take(_catalog);
        var report = new IndexReport();
        void Problem(string path, string reason)
        {
            var problem = new IndexProblem(path, reason);
            report.Problems.Add(problem);
            onProblem?.Invoke(problem);
        }

        var absoluteRoots = roots.Select(Path.GetFullPath).ToList();
        var files = FileScanner.Scan(absoluteRoots, Problem, FollowLinks);
        report.Found = files.Count;
        var known = _catalog.GetImages(absoluteRoots).ToDictionary(r => r.Path, StringComparer.Ordinal);
        var failures = _catalog.GetFailures();
        var modelKey = _fingerprinter.ModelKey;
        var embedded = modelKey is null ? null : _catalog.GetEmbeddedIds(modelKey);

        var work = new List<WorkItem>();
        foreach (var path in files)
        {
            FileStamp stamp;
            try { stamp = FileStamp.Of(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Problem(path, e.Message); continue; }
            if (known.TryGetValue(path, out var record) && stamp.IsSameAs(record.Stamp))
            {
                if (embedded is null || embedded.Contains(record.Id)) report.Unchanged++;
                else work.Add(new WorkItem(path, stamp, Work.EmbedOnly, record.Id));
            }
            else if (failures.TryGetValue(path, out var failure) && failure.Stamp.IsSameAs(stamp))
                Problem(path, failure.Reason);
            else
                work.Add(new WorkItem(path, stamp, Work.Fingerprint));
        }
        var done = files.Count - work.Count;
        progress?.Report(new IndexProgress(done, files.Count));

        // Records whose file is gone may be claimed by a moved file below; the rest are removed at the end.
        var onDisk = new HashSet<string>(files, StringComparer.Ordinal);
        var vanished = known.Values.Where(r => !onDisk.Contains(r.Path)).ToDictionary(r => r.Id);
        var byContent = _catalog.GetImages().Select(r => r.ContentHash).ToHashSet();
        var knownHashes = work.Count > 0 ? _catalog.GetHashes() : [];

        // Decoders feed the writer through a bounded queue (a few batches of model input, so memory stays flat). Each decoder
        // is a thread of its own that only waits on its file's work: were they pool threads, the work they wait for would
        // queue behind them until the pool grew.
        using var results = new BlockingCollection<FileResult>(boundedCapacity: 64);
        var queue = new ConcurrentQueue<WorkItem>(work);
        var decoders = Enumerable.Range(0, Math.Max(1, Math.Min(Parallelism, work.Count))).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!cancel.IsCancellationRequested && queue.TryDequeue(out var item)) results.Add(ProcessWithin(item, byContent));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        var workers = Task.WhenAll(decoders).ContinueWith(_ => results.CompleteAdding(), TaskScheduler.Default);

        var writer = new Writer(this, vanished, knownHashes, embedded, report, Problem);
        var clock = Stopwatch.StartNew();
        var transaction = _catalog.BeginTransaction();
        try
        {
            var batchSize = _fingerprinter.Embedder?.Options.BatchSize ?? 1;
            while (true)
            {
                // Wait for results while the model has nothing to do; once inputs are pending, run the
                // model as soon as no result is ready rather than wait for a full batch.
                if (results.TryTake(out var result, writer.PendingEmbeddings > 0 ? 0 : Timeout.Infinite))
                {
                    writer.Apply(result);
                    progress?.Report(new IndexProgress(++done, files.Count));
                    if (writer.PendingEmbeddings >= batchSize) writer.EmbedPending();
                }
                else if (writer.PendingEmbeddings > 0) writer.EmbedPending();
                else if (results.IsCompleted) break;

                if (clock.Elapsed >= CommitInterval)
                {
                    transaction.Commit();
                    transaction.Dispose();
                    transaction = _catalog.BeginTransaction();
                    clock.Restart();
                }
            }
            workers.Wait();
            Task.WaitAll(decoders); // surfaces a decoder's failure
            report.Cancelled = cancel.IsCancellationRequested;
            if (!report.Cancelled)
            {
                foreach (var gone in vanished.Values) _catalog.RemoveImage(gone.Id);
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

    /// <summary><see cref="Process"/> within <see cref="FileTimeout"/>: a file that hangs (a device swapped in after the scan,
    /// a decoder stuck on hostile input) becomes one reported problem instead of stopping the run.</summary>
    private FileResult ProcessWithin(WorkItem item, HashSet<string> knownContent)
    {
        var work = Task.Run(() => Process(item, knownContent));
        return work.Wait(FileTimeout)
            ? work.Result
            : new FileResult(item, null, null, null, $"took longer than {FileTimeout.TotalSeconds:0.#} s to read and decode; skipped", TimedOut: true);
    }

    private FileResult Process(WorkItem item, HashSet<string> knownContent)
    {
        string? contentHash = null;
        try
        {
            if (item.Work == Work.EmbedOnly) return new FileResult(item, null, null, _fingerprinter.PrepareEmbedding(item.Path), null);
            contentHash = Sha256File.Of(item.Path, MaxFileBytes);
            if (knownContent.Contains(contentHash)) return new FileResult(item, contentHash, null, null, null);
            return new FileResult(item, contentHash, _fingerprinter.Compute(item.Path), null, null);
        }
        catch (ImageDecodeException e)
        {
            return new FileResult(item, contentHash, null, null, e.Reason);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileResult(item, contentHash, null, null, File.Exists(item.Path) ? e.Message : "file vanished while being indexed");
        }
    }

    /// <summary>The writer's side: applies results to the catalog and runs the model on pending inputs.</summary>
    private sealed class Writer(ImageIndexer indexer, Dictionary<long, ImageRecord> vanished,
        Dictionary<long, ImageHashes> knownHashes, HashSet<long>? embedded, IndexReport report, Action<string, string> problem)
    {
        private readonly ImageCatalog _catalog = indexer._catalog;
        private readonly Fingerprinter _fingerprinter = indexer._fingerprinter;
        /// <summary>Inputs waiting for the model, each with how to find (or first write) its image's record:
        /// a new image is written together with its embedding, so the catalog never holds it half-done.</summary>
        private readonly List<(Func<long> Record, PreparedBatch Input)> _pending = [];

        public int PendingEmbeddings => _pending.Count;

        public void Apply(FileResult result)
        {
            var item = result.Item;
            if (result.Error != null)
            {
                if (!result.TimedOut)
                {
                    RemoveStale(item.Path);
                    _catalog.RecordFailure(item.Path, item.Stamp, result.Error);
                }
                problem(item.Path, result.Error);
            }
            else if (item.Work == Work.EmbedOnly)
            {
                _pending.Add((() => item.ImageId, result.EmbeddingInput!));
            }
            else if (result.Fingerprint is { } fingerprint)
            {
                var header = fingerprint.Header;
                var record = new ImageRecord(0, item.Path, item.Stamp.Size, item.Stamp.ModifiedUtc, result.ContentHash!,
                    header.Width, header.Height, header.Format, header.ExifDate, header.Camera, fingerprint.Damaged);
                long Write() => _catalog.PutImage(record, fingerprint.Hashes);
                if (fingerprint.EmbeddingInput is { } input) _pending.Add((Write, input));
                else Write();
                report.Fingerprinted++;
            }
            else
            {
                Recognise(item, result.ContentHash!);
            }
        }

        /// <summary>Same bytes as a known image: a move takes over the vanished record, a copy gets its own.</summary>
        private void Recognise(WorkItem item, string contentHash)
        {
            var twins = _catalog.FindByContentHash(contentHash);
            long id;
            if (twins.FirstOrDefault(t => vanished.ContainsKey(t.Id)) is { } moved)
            {
                RemoveStale(item.Path);
                _catalog.MoveImage(moved.Id, item.Path, item.Stamp);
                vanished.Remove(moved.Id);
                id = moved.Id;
            }
            else if (twins.FirstOrDefault(t => knownHashes.ContainsKey(t.Id)) is { } twin)
            {
                id = _catalog.PutImage(twin with { Id = 0, Path = item.Path, Size = item.Stamp.Size, ModifiedUtc = item.Stamp.ModifiedUtc },
                    knownHashes[twin.Id]);
                if (_fingerprinter.ModelKey is { } model && _catalog.GetEmbedding(twin.Id, model) is { } vector)
                    _catalog.PutEmbedding(id, model, vector);
            }
            else
            {
                // The twin was dropped earlier in this run (its file changed): fingerprint this one after all.
                Apply(indexer.ProcessWithin(item, knownContent: []));
                return;
            }
            report.Recognised++;
            if (embedded != null && !embedded.Contains(id) && _catalog.GetEmbedding(id, _fingerprinter.ModelKey!) is null)
                Apply(indexer.ProcessWithin(item with { Work = Work.EmbedOnly, ImageId = id }, knownContent: []));
        }

        public void EmbedPending()
        {
            var vectors = _fingerprinter.Embed(_pending.Select(p => p.Input).ToList());
            for (int i = 0; i < _pending.Count; i++) _catalog.PutEmbedding(_pending[i].Record(), _fingerprinter.ModelKey!, vectors[i]);
            report.Embedded += _pending.Count;
            _pending.Clear();
        }

        /// <summary>Drops an outdated record at this path (its file changed into something else).</summary>
        private void RemoveStale(string path)
        {
            if (_catalog.FindByPath(path) is { } stale) _catalog.RemoveImage(stale.Id);
        }
    }
}
