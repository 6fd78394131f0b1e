using System.Diagnostics;
using Lookalike.Catalog;
using Lookalike.Files;
using Lookalike.Fingerprints;
using Lookalike.Loading;

namespace Lookalike.Ingest.Queue;

/// <summary>
/// One worker of distributed indexing (<c>lookalike worker</c>): claims batches from the <see cref="WorkQueue"/>, fingerprints
/// them with the same <see cref="Fingerprinter"/> as <c>lookalike index</c> (outside any transaction), then writes the images,
/// hashes and embeddings and completes the claims in one transaction, so a batch is in the catalog whole or not at all.
/// Start one per core or machine; each holds its own connection.
/// </summary>
public sealed class QueueWorker(ImageCatalog catalog, Fingerprinter fingerprinter)
{
    private readonly WorkQueue _queue = new(catalog);

    /// <summary>The name claims are made in: host, process and a random part, so two workers never share one.</summary>
    public string Name { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    public int BatchSize { get; init; } = 16;

    /// <summary>How long a claim holds before other workers may take it: longer than a batch takes.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    public PathMap Paths { get; init; } = PathMap.None;

    /// <summary>How long to wait before looking again when nothing is free to claim but other workers still hold claims.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(1);

    public long MaxFileBytes { get; init; } = RegularFile.DefaultMaxBytes;

    /// <summary>Works until the queue is finished (<paramref name="keepWaiting"/>: until cancelled, waiting for new files).</summary>
    public WorkerReport Run(Action<IndexProblem>? onProblem = null, bool keepWaiting = false, CancellationToken cancel = default)
    {
        var report = new WorkerReport { Worker = Name };
        var clock = Stopwatch.StartNew();
        while (!cancel.IsCancellationRequested)
        {
            var claims = _queue.Claim(Name, BatchSize, Lease);
            if (claims.Count == 0)
            {
                if (!keepWaiting && _queue.Status().Finished) break;
                cancel.WaitHandle.WaitOne(Poll);
                continue;
            }
            var results = claims.Select(Fingerprint).ToList();
            var vectors = Embed(results);
            Write(results, vectors, report, onProblem);
            report.Batches++;
        }
        report.Elapsed = clock.Elapsed;
        return report;
    }

    private FileResult Fingerprint(Claim claim)
    {
        var local = Paths.Local(claim.Path);
        try
        {
            if (!File.Exists(local)) return new FileResult(claim, null, null, null, $"{local}: no such file (is the storage mounted here? see --map)");
            var stamp = FileStamp.Of(local);
            var hash = Sha256File.Of(local, MaxFileBytes);
            return new FileResult(claim, stamp, hash, fingerprinter.Compute(local), null);
        }
        catch (ImageDecodeException e)
        {
            return new FileResult(claim, SafeStamp(local), null, null, e.Reason);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileResult(claim, SafeStamp(local), null, null, e.Message);
        }
    }

    private static FileStamp? SafeStamp(string path)
    {
        try { return File.Exists(path) ? FileStamp.Of(path) : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>The model runs once per batch, on the inputs the fingerprints prepared (none without a model).</summary>
    private float[][] Embed(List<FileResult> results)
    {
        var inputs = results.Where(r => r.Fingerprint?.EmbeddingInput is not null).Select(r => r.Fingerprint!.EmbeddingInput!).ToList();
        return inputs.Count == 0 ? [] : fingerprinter.Embed(inputs);
    }

    private void Write(List<FileResult> results, float[][] vectors, WorkerReport report, Action<IndexProblem>? onProblem)
    {
        using var transaction = catalog.BeginTransaction();
        var held = _queue.StillHeld(Name, results.Select(r => r.Claim));
        var next = 0;
        foreach (var result in results)
        {
            var vector = result.Fingerprint?.EmbeddingInput is null ? null : vectors[next++];
            if (!held.Contains(result.Claim.Id))
            {
                report.LostClaims++; // its lease ran out and another worker has it: that one writes it
                continue;
            }
            var path = result.Claim.Path;
            if (result.Fingerprint is { } fingerprint)
            {
                var header = fingerprint.Header;
                var stamp = result.Stamp!.Value;
                var id = catalog.PutImage(new ImageRecord(0, path, stamp.Size, stamp.ModifiedUtc, result.ContentHash!, header.Width, header.Height,
                    header.Format, header.ExifDate, header.Camera, fingerprint.Damaged), fingerprint.Hashes);
                if (vector is not null) catalog.PutEmbedding(id, fingerprinter.ModelKey!, vector);
                report.Fingerprinted++;
            }
            else
            {
                if (catalog.FindByPath(path) is { } stale) catalog.RemoveImage(stale.Id);
                if (result.Stamp is { } stamp) catalog.RecordFailure(path, stamp, result.Error!);
                report.Failed++;
            }
            _queue.Complete(result.Claim.Id, Name, result.Error);
        }
        transaction.Commit();
        foreach (var failed in results.Where(r => r.Error is not null && held.Contains(r.Claim.Id)))
            onProblem?.Invoke(new IndexProblem(failed.Claim.Path, failed.Error!));
    }

    private sealed record FileResult(Claim Claim, FileStamp? Stamp, string? ContentHash, Fingerprint? Fingerprint, string? Error);
}

/// <summary>What one worker did.</summary>
public sealed class WorkerReport
{
    public string Worker { get; set; } = "";

    public int Batches { get; set; }

    public int Fingerprinted { get; set; }

    public int Failed { get; set; }

    /// <summary>Files this worker fingerprinted but did not write: its claim had run out and gone to another worker.</summary>
    public int LostClaims { get; set; }

    public TimeSpan Elapsed { get; set; }
}
