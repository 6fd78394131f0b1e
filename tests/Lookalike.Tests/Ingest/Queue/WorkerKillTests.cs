using System.Diagnostics;
using Lookalike.Catalog;
using Lookalike.Ingest.Queue;
using Lookalike.Testing.Postgres;
using Lookalike.Tests.Support;
using Xunit.Abstractions;

namespace Lookalike.Tests.Ingest.Queue;

/// <summary>
/// The load and fault test of distributed indexing: real <c>lookalike worker</c> processes over one PostgreSQL catalog, killed
/// at random (SIGKILL, mid-batch or not) and replaced, until the queue is done. Afterwards every file is in the catalog once,
/// completed exactly once, and nothing is claimed. Bounded: 96 small files, 3 workers, 6 kills, a 3 s lease.
/// </summary>
public sealed class WorkerKillTests(ITestOutputHelper output)
{
    private const int Files = 96, Workers = 3, Kills = 6;

    [SkippableFact]
    public void WorkersKilledAtRandomLoseNoFileAndDoNoneTwice()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        var url = PostgresServer.Shared.CreateDatabase("kill");
        using var photos = new TempFolder();
        string[] sources = ["china.jpg", "flower.jpg", "chelsea.tif", "coffee.gif", "china-16bit.png", "astronaut.webp"];
        for (var i = 0; i < Files; i++) File.Copy(TestFiles.Path(sources[i % sources.Length]), photos[$"{i:000}-{sources[i % sources.Length]}"]);
        using var catalog = ImageCatalog.Open(url, photos["state"]);
        var queue = new WorkQueue(catalog);
        Assert.Equal(Files, queue.Enqueue([photos.Root], (p, r) => Assert.Fail($"{p}: {r}")).Added);

        var random = new Random(14);
        var clock = Stopwatch.StartNew();
        var running = Enumerable.Range(0, Workers).Select(_ => StartWorker(url)).ToList();
        var started = Workers;
        var killedWithClaims = 0;
        try
        {
            for (var kill = 0; kill < Kills && !queue.Status().Finished; kill++)
            {
                Thread.Sleep(random.Next(400, 1600));
                var victim = running[random.Next(running.Count)];
                if (!victim.HasExited)
                {
                    if (queue.Status().Claimed > 0) killedWithClaims++;
                    victim.Kill(entireProcessTree: true);
                    victim.WaitForExit();
                }
                running.Remove(victim);
                victim.Dispose();
                running.Add(StartWorker(url));
                started++;
            }
            foreach (var worker in running)
                Assert.True(worker.WaitForExit(TimeSpan.FromMinutes(2)), "a worker did not finish within 2 minutes");
        }
        finally
        {
            foreach (var worker in running)
            {
                if (!worker.HasExited) worker.Kill(entireProcessTree: true);
                worker.Dispose();
            }
        }
        clock.Stop();

        var status = queue.Status();
        var (rows, completedOnce, attempts) = Figures(catalog);
        output.WriteLine($"{Files} files, {started} worker processes ({Workers} at a time, {Kills} killed, {killedWithClaims} of them while claims were held), " +
                         $"{clock.Elapsed.TotalSeconds:0.0} s; {attempts} claims in all, {status.Reclaimed} files claimed again after a kill; " +
                         $"{completedOnce} of {rows} completed exactly once; {catalog.GetImages().Count} images, {catalog.GetHashes().Count} hashed");
        Assert.Equal(new QueueStatus(0, 0, Files, 0, status.Reclaimed), status);
        Assert.Equal((Files, Files), (rows, completedOnce));
        Assert.Equal(Files, catalog.GetImages().Select(i => i.Path).Distinct().Count());
        Assert.Equal(Files, catalog.GetHashes().Count);
        Assert.True(attempts >= Files);
    }

    private static (long Rows, long CompletedOnce, long Attempts) Figures(ImageCatalog catalog)
    {
        using var command = catalog.Connection.CreateCommand();
        command.CommandText = "SELECT count(*), count(*) FILTER (WHERE completions = 1), sum(attempts) FROM work_items";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static Process StartWorker(string url) =>
        LookalikeCli.Start("worker", "--catalog", url, "--model", "none", "--batch", "4", "--lease", "3");
}
