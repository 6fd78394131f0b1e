using System.Diagnostics;
using Lookalike.Catalog;
using Lookalike.Fingerprints;
using Lookalike.Ingest;

namespace Lookalike.Web.Indexing;

/// <summary>
/// Indexing the served folders in the background with the library's <see cref="ImageIndexer"/> (the one
/// <c>lookalike index</c> runs), on its own catalog connection so the pages keep working; one run at a time,
/// cancellable, its progress and problems readable while it runs.
/// </summary>
public sealed class IndexJob(CatalogHost host, Action finished)
{
    public const int MaxProblemsKept = 500;

    private readonly Lock _lock = new();
    private readonly List<IndexProblem> _problems = [];
    private CancellationTokenSource? _cancel;
    private Task? _task;
    private IndexProgress _progress;
    private Stopwatch _clock = new();
    private IndexReport? _report;
    private string? _failure;

    public sealed record Status(bool Running, int Done, int Total, double Seconds, double FilesPerSecond, double? SecondsLeft,
        int ProblemCount, IReadOnlyList<IndexProblem> Problems, bool Cancelled, object? Report, string? Failure);

    /// <summary>Starts a run; false when one is already running.</summary>
    public bool Start()
    {
        lock (_lock)
        {
            if (_task is { IsCompleted: false }) return false;
            _problems.Clear();
            _progress = default;
            _report = null;
            _failure = null;
            _cancel = new CancellationTokenSource();
            _clock = Stopwatch.StartNew();
            var cancel = _cancel.Token;
            _task = Task.Run(() => Run(cancel), CancellationToken.None);
            return true;
        }
    }

    public void Cancel()
    {
        lock (_lock) _cancel?.Cancel();
    }

    /// <summary>Waits for the current run (tests, shutdown).</summary>
    public Task Completion
    {
        get
        {
            lock (_lock) return _task ?? Task.CompletedTask;
        }
    }

    /// <param name="since">Only the problems after the first <paramref name="since"/> (the page asks for what is new).</param>
    public Status Read(int since = 0)
    {
        lock (_lock)
        {
            var seconds = _clock.Elapsed.TotalSeconds;
            var rate = seconds > 0 ? _progress.Done / seconds : 0;
            var running = _task is { IsCompleted: false };
            return new Status(running, _progress.Done, _progress.Total, Math.Round(seconds, 1), Math.Round(rate, 1),
                running && rate > 0 ? Math.Round((_progress.Total - _progress.Done) / rate, 1) : null,
                _problems.Count, [.. _problems.Skip(Math.Max(0, since))], _report?.Cancelled ?? false,
                _report is { } r ? new { r.Found, r.Fingerprinted, r.Recognised, r.Unchanged, r.Removed, r.Embedded, failed = r.Problems.Count } : null,
                _failure);
        }
    }

    private void Run(CancellationToken cancel)
    {
        try
        {
            using var catalog = ImageCatalog.Open(host.DatabasePath);
            var indexer = new ImageIndexer(catalog, new Fingerprinter(host.Embedder));
            var report = indexer.Index(host.Options.Folders, new Progress(this), p =>
            {
                lock (_lock) if (_problems.Count < MaxProblemsKept) _problems.Add(p);
            }, cancel);
            lock (_lock) _report = report;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
        {
            lock (_lock) _failure = e.Message;
        }
        finally
        {
            lock (_lock) _clock.Stop();
            finished();
        }
    }

    /// <summary>Records progress on the indexing thread (Progress&lt;T&gt; would post to the thread pool and lag).</summary>
    private sealed class Progress(IndexJob job) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value)
        {
            lock (job._lock) job._progress = value;
        }
    }
}
