using Lookalike.Catalog;
using Lookalike.Ingest;
using Lookalike.Loading;
using Lookalike.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lookalike.Tests.Ingest;

public class ImageIndexerTests
{
    private static readonly string[] Photos = ["china.jpg", "flower.jpg", "astronaut.webp", "coffee.gif", "chelsea.tif"];

    private static (ImageCatalog, IndexReport) Index(TempFolder folder, string? db = null)
    {
        var catalog = ImageCatalog.Open(db ?? folder[".lookalike/catalog.db"]);
        return (catalog, new ImageIndexer(catalog).Index([folder.Root]));
    }

    [Fact]
    public void IndexesEveryImageWithItsFacts()
    {
        using var folder = new TempFolder().With(Photos).With("china-exif6.jpg=sub/dir/rotated.jpg");
        var (catalog, report) = Index(folder);
        using (catalog)
        {
            Assert.Equal((6, 6, 0), (report.Found, report.Fingerprinted, report.Problems.Count));
            var rotated = catalog.FindByPath(folder["sub/dir/rotated.jpg"])!;
            Assert.Equal((160, 107, "jpeg"), (rotated.Width, rotated.Height, rotated.Format));
            Assert.Equal(new FileInfo(folder["sub/dir/rotated.jpg"]).Length, rotated.Size);
            Assert.Equal(64, rotated.ContentHash.Length);
            Assert.Equal(6, catalog.GetHashes().Count);
        }
    }

    [Fact]
    public void EveryReadIsBoundedBySizeAndTime()
    {
        using var folder = new TempFolder().With("china.jpg", "flower.jpg");
        using (var catalog = ImageCatalog.Open(folder[".lookalike/catalog.db"]))
        {
            var report = new ImageIndexer(catalog) { MaxFileBytes = 100 }.Index([folder.Root]);
            Assert.Equal(0, report.Fingerprinted);
            Assert.All(report.Problems, p => Assert.Contains("larger than the limit of 100 bytes", p.Reason));
        }
        using (var catalog = ImageCatalog.Open(folder[".lookalike/other.db"]))
        {
            // No time at all: every file is given up on, reported, and the run still ends.
            var report = new ImageIndexer(catalog) { FileTimeout = TimeSpan.Zero }.Index([folder.Root]);
            Assert.Equal(2, report.Problems.Count);
            Assert.All(report.Problems, p => Assert.Contains("took longer than 0 s", p.Reason));
            // A timeout may be the machine's load, not the file's fault: the next run tries again.
            Assert.Equal(2, new ImageIndexer(catalog).Index([folder.Root]).Fingerprinted);
        }
    }

    [Fact]
    public void ASecondIndexOfTheSameCatalogIsToldAnotherIsRunning()
    {
        using var folder = new TempFolder().With("china.jpg");
        using var catalog = ImageCatalog.Open(folder[".lookalike/catalog.db"]);
        using var first = IndexLock.Take(catalog);
        var busy = Assert.Throws<IndexBusyException>(() => new ImageIndexer(catalog).Index([folder.Root]));
        Assert.Contains("another 'lookalike index'", busy.Message);
    }

    [Fact]
    public void SecondRunOfAnUnchangedFolderReadsNothing()
    {
        using var folder = new TempFolder().With(Photos);
        Index(folder).Item1.Dispose();
        var (catalog, report) = Index(folder);
        using (catalog) Assert.Equal((5, 5, 0, 0), (report.Found, report.Unchanged, report.Fingerprinted, report.Recognised));
    }

    [Fact]
    public void ChangedFilesAreRedoneAndDeletedFilesDropped()
    {
        using var folder = new TempFolder().With(Photos);
        Index(folder).Item1.Dispose();
        File.Copy(TestFiles.Path("china-mirror.jpg"), folder["china.jpg"], overwrite: true);
        File.SetLastWriteTimeUtc(folder["china.jpg"], DateTime.UtcNow.AddMinutes(1));
        File.Delete(folder["coffee.gif"]);
        var (catalog, report) = Index(folder);
        using (catalog)
        {
            Assert.Equal((4, 3, 1, 1), (report.Found, report.Unchanged, report.Fingerprinted, report.Removed));
            Assert.Null(catalog.FindByPath(folder["coffee.gif"]));
            Assert.Equal(4, catalog.GetImages().Count);
            Assert.Equal(4, catalog.GetHashes().Count); // the removed image's hashes went with it
        }
    }

    [Fact]
    public void MovedFilesAreRecognisedByContentWithoutDecoding()
    {
        using var folder = new TempFolder().With(Photos);
        long id;
        var (first, _) = Index(folder);
        using (first) id = first.FindByPath(folder["flower.jpg"])!.Id;
        Directory.CreateDirectory(folder["moved"]);
        File.Move(folder["flower.jpg"], folder["moved/renamed.jpg"]);
        File.Copy(folder["china.jpg"], folder["china-copy.jpg"]);
        var (catalog, report) = Index(folder);
        using (catalog)
        {
            Assert.Equal((0, 2, 0), (report.Fingerprinted, report.Recognised, report.Removed));
            Assert.Equal(id, catalog.FindByPath(folder["moved/renamed.jpg"])!.Id); // same record, new path
            var hashes = catalog.GetHashes();
            Assert.Equal(hashes[catalog.FindByPath(folder["china.jpg"])!.Id], hashes[catalog.FindByPath(folder["china-copy.jpg"])!.Id]);
        }
    }

    [Fact]
    public void BadFilesAreReportedAndRememberedWhileTheRestIsIndexed()
    {
        using var folder = new TempFolder().With("china.jpg", "empty.jpg", "truncated.jpg", "not-an-image.jpg");
        File.WriteAllText(folder["notes.txt"], "not an image name: ignored");
        var (catalog, report) = Index(folder);
        using (catalog)
        {
            Assert.Equal(1, report.Fingerprinted);
            Assert.Equal(["empty.jpg", "not-an-image.jpg", "truncated.jpg"], report.Problems.Select(p => Path.GetFileName(p.Path)).Order());
            Assert.All(report.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
        }
        var (again, second) = Index(folder);
        using (again)
        {
            Assert.Equal(3, second.Problems.Count); // still reported, from the catalog
            Assert.Equal(1, second.Unchanged);
        }
        // A bad file that gets fixed is picked up.
        File.Copy(TestFiles.Path("flower.jpg"), folder["truncated.jpg"], overwrite: true);
        var (fixedCatalog, third) = Index(folder);
        using (fixedCatalog) Assert.Equal((1, 2), (third.Fingerprinted, third.Problems.Count));
    }

    [Fact]
    public void SymlinkLoopsAndDanglingLinksDoNotStopTheScan()
    {
        using var folder = new TempFolder().With("china.jpg", "flower.jpg=sub/flower.jpg");
        File.CreateSymbolicLink(folder["sub/loop"], folder.Root);
        File.CreateSymbolicLink(folder["dangling.jpg"], folder["nowhere.jpg"]);
        var (catalog, report) = Index(folder);
        using (catalog) Assert.Equal((2, 2), (report.Found, report.Fingerprinted));
    }

    [Fact]
    public void CancelledRunKeepsWhatWasCommittedAndTheNextRunResumes()
    {
        using var folder = new TempFolder().With(Photos).With("china-small.png", "china-grey.png", "china-16bit.png", "rocket.avif");
        using var cancel = new CancellationTokenSource();
        using (var catalog = ImageCatalog.Open(folder[".lookalike/catalog.db"]))
        {
            var indexer = new ImageIndexer(catalog) { Parallelism = 1, CommitInterval = TimeSpan.Zero };
            var report = indexer.Index([folder.Root], new CancelAfter(3, cancel), cancel: cancel.Token);
            Assert.True(report.Cancelled);
            Assert.InRange(report.Fingerprinted, 3, 8);
        }
        var (resumed, second) = Index(folder);
        using (resumed)
        {
            Assert.Equal(9, second.Unchanged + second.Fingerprinted);
            Assert.True(second.Unchanged >= 3);
            Assert.Equal(9, resumed.GetImages().Count);
        }
    }

    [Fact]
    public void KilledProcessLeavesAConsistentCatalog()
    {
        using var folder = new TempFolder().With(Photos);
        var db = folder[".lookalike/catalog.db"];
        using (var catalog = ImageCatalog.Open(db))
        {
            // Simulate a crash: an open, uncommitted transaction is abandoned with the connection.
            new ImageIndexer(catalog).Index([folder.Root]);
            var transaction = catalog.BeginTransaction();
            catalog.RemoveImage(catalog.GetImages()[0].Id);
        }
        SqliteConnection.ClearAllPools();
        var (reopened, report) = Index(folder);
        using (reopened) Assert.Equal((5, 5), (reopened.GetImages().Count, report.Unchanged));
    }

    [Fact]
    public void CatalogOpensAfterLibvipsHasStarted()
    {
        // libvips' start-up loads the system libsqlite3 (through its openslide module); a bundled second
        // SQLite crashed here. Decode first, then open and write a catalog in the same process.
        ImageDecoder.Decode(TestFiles.Path("china.jpg"), DecodeSize.Fit(32));
        using var folder = new TempFolder().With("china.jpg");
        var (catalog, report) = Index(folder);
        using (catalog) Assert.Equal(1, report.Fingerprinted);
    }

    /// <summary>Cancels once a number of files are done.</summary>
    private sealed class CancelAfter(int files, CancellationTokenSource cancel) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value)
        {
            if (value.Done >= files) cancel.Cancel();
        }
    }
}
