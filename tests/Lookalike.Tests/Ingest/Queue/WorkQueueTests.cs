using Lookalike.Catalog;
using Lookalike.Fingerprints;
using Lookalike.Ingest.Queue;
using Lookalike.Testing.Postgres;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Ingest.Queue;

/// <summary>Distributed indexing against a real PostgreSQL server: claims, completion, leases, path mapping.</summary>
public sealed class WorkQueueTests : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private ImageCatalog NewCatalog()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        return Open(PostgresServer.Shared.CreateDatabase("queue"));
    }

    private ImageCatalog Open(string address)
    {
        var catalog = ImageCatalog.Open(address, Path.GetTempPath());
        _owned.Add(catalog);
        return catalog;
    }

    public void Dispose()
    {
        foreach (var item in _owned) item.Dispose();
    }

    [SkippableFact]
    public void TwoWorkersFingerprintEveryFileOnceAndRecordTheUnreadable()
    {
        var catalog = NewCatalog();
        using var photos = new TempFolder().With("china.jpg", "china-q40.jpg", "flower.jpg", "coffee.gif", "chelsea.tif", "not-an-image.jpg");
        var queue = new WorkQueue(catalog);
        Assert.Equal(new EnqueueReport(6, 6, 0, 0), queue.Enqueue([photos.Root], (p, r) => Assert.Fail($"{p}: {r}")));
        Assert.Equal(0, queue.Enqueue([photos.Root], (_, _) => { }).Added); // queued already

        var second = Open(catalog.DatabasePath);
        var reports = new[] { catalog, second }
            .Select(c => Task.Run(() => new QueueWorker(c, new Fingerprinter()) { BatchSize = 2 }.Run()))
            .Select(t => t.Result).ToList();
        Assert.Equal(5, reports.Sum(r => r.Fingerprinted));
        Assert.Equal(1, reports.Sum(r => r.Failed));
        Assert.Equal(new QueueStatus(0, 0, 5, 1, 0), queue.Status());
        Assert.Equal(5, catalog.GetImages().Count);
        Assert.Equal(5, catalog.GetHashes().Count);
        Assert.Contains(photos["not-an-image.jpg"], catalog.GetFailures().Keys);

        // Done and unchanged: nothing to queue. A changed file is queued again.
        Assert.Equal(5, queue.Enqueue([photos.Root], (_, _) => { }).Unchanged);
        File.Copy(photos["china.jpg"], photos["flower.jpg"], overwrite: true);
        File.SetLastWriteTimeUtc(photos["flower.jpg"], DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(1, queue.Enqueue([photos.Root], (_, _) => { }).Requeued);
        Assert.Equal(1, new QueueWorker(catalog, new Fingerprinter()).Run().Fingerprinted);
        Assert.Equal(catalog.FindByPath(photos["china.jpg"])!.ContentHash, catalog.FindByPath(photos["flower.jpg"])!.ContentHash);
    }

    [SkippableFact]
    public void AClaimWhoseLeaseRanOutGoesToAnotherWorkerAndTheFirstWritesNothing()
    {
        var catalog = NewCatalog();
        using var photos = new TempFolder().With("china.jpg", "flower.jpg");
        var queue = new WorkQueue(catalog);
        queue.Enqueue([photos.Root], (_, _) => { });
        var stalled = queue.Claim("stalled", 10, TimeSpan.FromSeconds(1));
        Assert.Equal(2, stalled.Count);
        Assert.Empty(queue.Claim("other", 10, TimeSpan.FromMinutes(1))); // claimed, lease running
        Thread.Sleep(1500);
        var report = new QueueWorker(Open(catalog.DatabasePath), new Fingerprinter()) { Name = "rescuer" }.Run();
        Assert.Equal(2, report.Fingerprinted);
        using (var transaction = catalog.BeginTransaction())
            Assert.Empty(queue.StillHeld("stalled", stalled)); // the stalled worker would write nothing
        Assert.Equal(new QueueStatus(0, 0, 2, 0, 2), queue.Status());
    }

    [SkippableFact]
    public void AWorkerReadsThroughItsPathMapAndCatalogsThePathAsEnqueued()
    {
        var catalog = NewCatalog();
        using var shared = new TempFolder().With("china.jpg");
        using var mountedElsewhere = new TempFolder().With("china.jpg");
        new WorkQueue(catalog).Enqueue([shared.Root], (_, _) => { });
        File.Delete(shared["china.jpg"]); // this machine cannot read it at the enqueued path
        var report = new QueueWorker(catalog, new Fingerprinter()) { Paths = PathMap.Parse([$"{shared.Root}={mountedElsewhere.Root}"]) }.Run();
        Assert.Equal(1, report.Fingerprinted);
        Assert.Equal(shared["china.jpg"], Assert.Single(catalog.GetImages()).Path);
    }

    [Fact]
    public void PathMapsTakeTheLongestWholeComponentPrefix()
    {
        var map = PathMap.Parse(["/srv=/mnt/a", "/srv/photos/=/mnt/b"]);
        Assert.Equal("/mnt/b/x.jpg", map.Local("/srv/photos/x.jpg"));
        Assert.Equal("/mnt/a/photos2/x.jpg", map.Local("/srv/photos2/x.jpg"));
        Assert.Equal("/srvx/y.jpg", map.Local("/srvx/y.jpg"));
        Assert.Throws<BadInputException>(() => PathMap.Parse(["relative=/mnt"]));
    }

    [Fact]
    public void ASqliteCatalogHasNoQueue()
    {
        using var folder = new TempFolder();
        using var catalog = ImageCatalog.Open(folder["catalog.db"]);
        Assert.Contains("PostgreSQL", Assert.Throws<CatalogException>(() => new WorkQueue(catalog)).Message);
    }
}
