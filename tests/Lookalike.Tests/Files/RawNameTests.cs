using System.Text;
using Lookalike.Files;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Files;

/// <summary>Names that are not UTF-8 (issue 13 defect 10): a lossless string form, listed, opened and shown escaped.</summary>
public class RawNameTests
{
    [Theory]
    [InlineData("plain.jpg")]
    [InlineData("北京 Été ✓.jpg")]
    [InlineData("esc\u001b.jpg")]
    public void ValidUtf8NamesAreTheirUsualString(string name)
    {
        Assert.Equal(name, RawName.Text(Encoding.UTF8.GetBytes(name)));
        Assert.Equal(Encoding.UTF8.GetBytes(name), RawName.Bytes(name));
    }

    [Fact]
    public void InvalidBytesBecomePrivateUseCharactersAndComeBack()
    {
        byte[] latin1 = [.. "latin1-"u8, 0xe9, 0xff, .. ".jpg"u8];
        var text = RawName.Text(latin1);
        Assert.Equal("latin1-\uf7e9\uf7ff.jpg", text);
        Assert.Equal(latin1, RawName.Bytes(text));
    }

    [Fact]
    public void EveryByteStringRoundTripsAndDistinctOnesStayDistinct()
    {
        var random = new Random(10);
        var seen = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        // Includes names that really hold a character of U+F780-U+F7FF (EF 9E/9F xx), which must not meet an escaped byte.
        byte[][] alphabet = [[0x61], [0xe9], [0xff], [0xc3, 0xa9], [0xef, 0x9f, 0xa9], [0xef, 0x9e, 0x80], [0xef], [0x9f], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98, 0x80]];
        for (var i = 0; i < 5000; i++)
        {
            var bytes = Enumerable.Range(0, 1 + random.Next(6)).SelectMany(_ => alphabet[random.Next(alphabet.Length)]).ToArray();
            var text = RawName.Text(bytes);
            Assert.Equal(bytes, RawName.Bytes(text));
            if (seen.TryGetValue(text, out var other)) Assert.Equal(other, bytes);
            seen[text] = bytes;
        }
    }

    [Fact]
    public void PeopleSeeTheBytesEscaped() =>
        Assert.Equal(@"latin1-\xe9\xff.jpg", PrintableText.Escape(RawName.Text([.. "latin1-"u8, 0xe9, 0xff, .. ".jpg"u8])));

    [Fact]
    public void AFolderListingGivesNamesThatOpenAndStampAndResolve()
    {
        using var folder = new TempFolder().With("china.jpg");
        RawNames.CopyAs(TestFiles.Path("china.jpg"), folder.Root, @"latin1-\351\377.jpg");
        var entries = RawDirectory.Entries(folder.Root).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([folder["china.jpg"], folder["latin1-\uf7e9\uf7ff.jpg"]], entries);
        var raw = entries[1];
        Assert.Equal(FileKind.Regular, FileKinds.Of(raw));
        Assert.Equal(Sha256File.Of(folder["china.jpg"]), Sha256File.Of(raw));
        Assert.Equal(new FileInfo(folder["china.jpg"]).Length, FileStamp.Of(raw).Size);
        Assert.Equal(raw, RealPath.Of(raw));
        using var library = LibraryPath.Of(raw);
        Assert.StartsWith("/proc/self/fd/", library.Path);
        Assert.Equal(raw, LibraryPath.Original(library.Path));
    }
}
