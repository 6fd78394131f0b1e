using Lookalike.Loading;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Loading;

/// <summary>Damaged files fail with libvips' own reason for that file, also when many fail at once.</summary>
public class DecodeErrorTests
{
    [Theory]
    [InlineData("china-small.png")]
    [InlineData("china-16bit.png")]
    [InlineData("coffee.gif")]
    [InlineData("china.jpg")]
    [InlineData("astronaut.webp")]
    public void DamagedFilesGetLibvipsOwnReason(string name)
    {
        using var folder = new TempFolder();
        var failures = Damaged(folder, name).Select(Failure).Where(reason => reason != null).ToList();
        Assert.NotEmpty(failures);
        foreach (var reason in failures)
        {
            Assert.False(string.IsNullOrWhiteSpace(reason));
            Assert.DoesNotContain("unknown libvips error", reason, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("could not decode it", reason); // the fallback when libvips said nothing
        }
    }

    [Fact]
    public void ConcurrentFailuresKeepTheirOwnReason()
    {
        using var folder = new TempFolder();
        var files = Damaged(folder, "china-small.png").Concat(Damaged(folder, "coffee.gif")).Concat(Damaged(folder, "china.jpg"))
            .Where(f => Failure(f) != null).ToList();
        var alone = files.ToDictionary(f => f, Failure);
        Assert.Contains(alone.Values, reason => reason!.Contains("gifload", StringComparison.Ordinal));

        var together = new string?[files.Count * 6];
        Parallel.For(0, together.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => together[i] = Failure(files[i % files.Count]));
        for (int i = 0; i < together.Length; i++)
        {
            var file = files[i % files.Count];
            Assert.Equal(alone[file], together[i]);
            if (file.EndsWith(".png", StringComparison.Ordinal)) Assert.DoesNotContain("gifload", together[i]);
        }
    }

    /// <summary>Copies of a test file cut short at several offsets and with runs of flipped bytes.</summary>
    private static List<string> Damaged(TempFolder folder, string name)
    {
        var bytes = File.ReadAllBytes(TestFiles.Path(name));
        var files = new List<string>();
        for (int cut = 8; cut < bytes.Length; cut += bytes.Length / 6)
        {
            files.Add(folder[$"cut{cut}-{name}"]);
            File.WriteAllBytes(files[^1], bytes[..cut]);
        }
        for (int flip = 0; flip < 6; flip++)
        {
            var copy = (byte[])bytes.Clone();
            var at = 20 + flip * (bytes.Length - 40) / 6;
            for (int i = 0; i < 16; i++) copy[at + i] ^= 0x5A;
            files.Add(folder[$"flip{flip}-{name}"]);
            File.WriteAllBytes(files[^1], copy);
        }
        return files;
    }

    private static string? Failure(string path)
    {
        try
        {
            ImageDecoder.Decode(path, DecodeSize.Fit(64));
            return null;
        }
        catch (ImageDecodeException e)
        {
            Assert.Equal(path, e.Path);
            return e.Reason;
        }
    }
}
