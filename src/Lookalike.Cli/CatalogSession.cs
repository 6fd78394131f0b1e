using Lookalike.Catalog;
using Lookalike.Cli.Output;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Ingest;
using Spectre.Console;

namespace Lookalike.Cli;

/// <summary>Brings a catalog up to date with some folders, showing progress on a terminal (index and dupes).</summary>
internal static class CatalogSession
{
    /// <param name="followLinks">Follow links to folders outside <paramref name="folders"/> (--follow-links).</param>
    /// <param name="orUseCommitted">When another run is indexing the catalog, say so and go on with what it has committed
    /// (for commands that only need to read it) instead of failing.</param>
    public static IndexReport Index(ImageCatalog catalog, IReadOnlyList<string> folders, OnnxImageEmbedder? embedder, CancellationToken cancel,
        bool followLinks = false, bool orUseCommitted = false)
    {
        var indexer = new ImageIndexer(catalog, new Fingerprinter(embedder)) { FollowLinks = followLinks };
        try
        {
            if (Console.IsErrorRedirected)
                return indexer.Index(folders, onProblem: p => Terminal.Problem(p.Path, p.Reason), cancel: cancel);
            // Live progress owns the terminal: problems are printed once it is done.
            var report = Terminal.Error.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new FilesPerSecondColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("Indexing");
                    return indexer.Index(folders, new SynchronousProgress(task), cancel: cancel);
                });
            foreach (var problem in report.Problems) Terminal.Problem(problem.Path, problem.Reason);
            return report;
        }
        catch (IndexBusyException busy) when (orUseCommitted)
        {
            Terminal.Line($"{busy.Message}; using what it has committed so far");
            return new IndexReport();
        }
        catch (IndexBusyException busy)
        {
            throw new CatalogException(busy.Message, busy);
        }
    }

    /// <summary>Exit code: 1 when files were found but none could be read, else 0.</summary>
    public static int ExitCode(IndexReport report, int usable) =>
        report.Found > 0 && usable == 0 ? ExitCodes.SomeFilesFailed : ExitCodes.Ok;

    /// <summary>Updates the bar on the indexing thread (Progress&lt;T&gt; would post to a thread pool and lag).</summary>
    private sealed class SynchronousProgress(ProgressTask task) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }
}
