using Lookalike.Ingest;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Ingest;

/// <summary>Issue 13 defects 1, 3 and 4 at the scan: links out of the folder, FIFOs and devices, self-looping links.</summary>
public class FileScannerTests
{
    private static (List<string> Files, List<(string Path, string Reason)> Problems) Scan(string root, bool followLinks = false)
    {
        var problems = new List<(string, string)>();
        return (FileScanner.Scan([root], (path, reason) => problems.Add((path, reason)), followLinks), problems);
    }

    [Fact]
    public void ASelfLoopingLinkIsReportedAloneAndHidesNoSibling()
    {
        using var folder = new TempFolder().With("china.jpg", "flower.jpg");
        File.CreateSymbolicLink(folder["x.jpg"], folder["x.jpg"]);
        File.CreateSymbolicLink(folder["dangling.jpg"], folder["gone.jpg"]);
        var (files, problems) = Scan(folder.Root);
        Assert.Equal([folder["china.jpg"], folder["flower.jpg"]], files);
        Assert.Equal([folder["dangling.jpg"], folder["x.jpg"]], problems.Select(p => p.Path).Order());
        Assert.All(problems, p => Assert.Contains("leads nowhere", p.Reason));
    }

    [Fact]
    public void FifosDevicesAndSocketsNamedLikePhotosAreSkippedWithOneLineEach()
    {
        using var folder = new TempFolder().With("china.jpg");
        SpecialFiles.MakeFifo(folder["fifo.jpg"]);
        File.CreateSymbolicLink(folder["zero.jpg"], "/dev/zero");
        File.CreateSymbolicLink(folder["urandom.png"], "/dev/urandom");
        var (files, problems) = Scan(folder.Root);
        Assert.Equal([folder["china.jpg"]], files);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Path == folder["fifo.jpg"] && p.Reason.Contains("FIFO"));
        Assert.Contains(problems, p => p.Path == folder["zero.jpg"] && p.Reason.Contains("character device"));
    }

    [Fact]
    public void FolderLinksOutOfTheRootsAreFollowedOnlyWhenAsked()
    {
        using var photos = new TempFolder().With("china.jpg", "flower.jpg=real/flower.jpg");
        using var outside = new TempFolder().With("coffee.gif=odir/x.gif");
        Directory.CreateSymbolicLink(photos["zdir"], outside["odir"]);
        Directory.CreateSymbolicLink(photos["alias"], photos["real"]);
        Directory.CreateSymbolicLink(photos["loop"], photos.Root);

        var (files, problems) = Scan(photos.Root);
        Assert.DoesNotContain(files, f => f.Contains("x.gif"));
        Assert.Contains(photos["china.jpg"], files);
        Assert.Single(files, f => f.EndsWith("flower.jpg")); // the folder and its in-root alias are listed once
        Assert.Contains("outside the folders given; not followed (--follow-links follows it)", Assert.Single(problems).Reason);

        var (followed, _) = Scan(photos.Root, followLinks: true);
        Assert.Contains(photos["zdir/x.gif"], followed);
    }

    [Fact]
    public void AFifoGivenAsARootIsReportedNotOpened()
    {
        using var folder = new TempFolder();
        SpecialFiles.MakeFifo(folder["pipe.jpg"]);
        var (files, problems) = Scan(folder["pipe.jpg"]);
        Assert.Empty(files);
        Assert.Contains("FIFO", Assert.Single(problems).Reason);
    }
}
