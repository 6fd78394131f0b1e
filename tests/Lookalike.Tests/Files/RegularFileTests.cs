using System.Diagnostics;
using Lookalike.Files;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Files;

/// <summary>Issue 13 defect 3: a FIFO or a link to /dev/zero named like a photo hung every read for ever.</summary>
public class RegularFileTests
{
    [Fact]
    public void AFifoIsRefusedAtOnceInsteadOfBlockingTheOpen()
    {
        using var folder = new TempFolder();
        SpecialFiles.MakeFifo(folder["x.jpg"]);
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<IOException>(() => Sha256File.Of(folder["x.jpg"]));
        Assert.Contains("not a regular file but a FIFO", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the open must not wait for a writer");
        Assert.Equal(FileKind.Fifo, FileKinds.Of(folder["x.jpg"]));
        Assert.Contains("FIFO", RegularFile.WhyNotRegular(folder["x.jpg"]));
    }

    [Fact]
    public void LinksToEndlessDevicesAreNotRead()
    {
        using var folder = new TempFolder();
        File.CreateSymbolicLink(folder["zero.jpg"], "/dev/zero");
        File.CreateSymbolicLink(folder["random.jpg"], "/dev/urandom");
        foreach (var name in new[] { "zero.jpg", "random.jpg" })
        {
            Assert.Contains("character device", Assert.Throws<IOException>(() => Sha256File.Of(folder[name])).Message);
            Assert.Equal(FileKind.SymbolicLink, FileKinds.Of(folder[name]));
            Assert.Equal(FileKind.CharacterDevice, FileKinds.Of(folder[name], followLinks: true));
        }
    }

    [Fact]
    public void ReadsAreBoundedBySize()
    {
        using var folder = new TempFolder().With("china.jpg");
        Assert.Contains("larger than the limit of 100 bytes", Assert.Throws<IOException>(() => Sha256File.Of(folder["china.jpg"], maxBytes: 100)).Message);
        Assert.Equal(64, Sha256File.Of(folder["china.jpg"]).Length);
        Assert.Null(RegularFile.WhyNotRegular(folder["china.jpg"]));
    }
}
