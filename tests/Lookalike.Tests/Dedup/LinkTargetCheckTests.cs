using Lookalike.Catalog;
using Lookalike.Dedup.Actions;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Dedup;

/// <summary>Which duplicates a hard or symbolic link may replace: only those that already look exactly like the keeper.</summary>
public class LinkTargetCheckTests
{
    private static ImageRecord Record(string path, string hash, int width = 160, int height = 107) =>
        new(1, path, new FileInfo(path).Length, DateTime.UtcNow, hash, width, height, "jpeg", null, null);

    [Fact]
    public void ByteIdenticalAndPixelIdenticalCopiesMayBeLinkedOthersNot()
    {
        using var folder = new TempFolder().With("china.jpg", "china-q40.jpg", "china-resized.jpg");
        // The same JPEG with a comment segment after SOI: other bytes, the same pixels.
        var original = File.ReadAllBytes(folder["china.jpg"]);
        byte[] comment = [0xFF, 0xFE, 0x00, 0x07, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o'];
        File.WriteAllBytes(folder["commented.jpg"], [.. original[..2], .. comment, .. original[2..]]);

        var keeper = Record(folder["china.jpg"], new string('a', 64));
        Assert.Null(LinkTargetCheck.WhyNotLinkable(Record(folder["china.jpg"], new string('a', 64)), keeper));
        Assert.Null(LinkTargetCheck.WhyNotLinkable(Record(folder["commented.jpg"], new string('b', 64)), keeper));

        var reencoded = LinkTargetCheck.WhyNotLinkable(Record(folder["china-q40.jpg"], new string('c', 64)), keeper);
        Assert.Contains("pixels differ", reencoded);
        Assert.Contains(folder["china-q40.jpg"], reencoded);
        var resized = LinkTargetCheck.WhyNotLinkable(Record(folder["china-resized.jpg"], new string('d', 64), 100, 67), keeper);
        Assert.Contains("100x67 against 160x107", resized);
    }
}
