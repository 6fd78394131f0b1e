using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Lookalike.Testing.Hostile;

/// <summary>
/// Writes issue 13's hostile corpus into <c>ROOT/in</c> (the folder to index), with <c>ROOT/out</c> beside it as the
/// place links lead out to (nothing may ever touch it): zero-byte, truncated at many offsets, bit-flipped, wrong
/// extensions, a text "matrix.gif", decompression bombs of PNG/JPEG/GIF, huge metadata blocks, animated, 16-bit, CMYK,
/// grey+alpha, 1x1, unicode / control-character / invalid-UTF-8 names, long paths, link loops, links out of the folder,
/// FIFOs, a socket, device links, an unreadable file; plus intact duplicates so that actions have work to do.
/// Deterministic for a seed.
/// </summary>
public static partial class HostileCorpus
{
    /// <summary>The images of tests/Lookalike.Tests/TestData the corpus is made from.</summary>
    private static readonly string[] Sources = ["china.jpg", "china-small.png", "astronaut.webp", "chelsea.tif", "coffee.gif"];

    /// <summary>Writes the corpus; returns the number of entries written in <c>in</c> (files, links, FIFOs...).</summary>
    /// <param name="flipsPerSource">Bit-flipped variants per source image (the long run uses more).</param>
    public static int Write(string root, string testData, int seed = 13, int flipsPerSource = 8)
    {
        var input = Path.Combine(root, "in");
        var output = Path.Combine(root, "out");
        Directory.CreateDirectory(input);
        Directory.CreateDirectory(Path.Combine(output, "odir"));
        var random = new Random(seed);
        var count = 0;
        string In(string relative)
        {
            count++;
            var path = Path.Combine(input, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return path;
        }
        byte[] Source(string name) => File.ReadAllBytes(Path.Combine(testData, name));

        // Intact images and duplicates of them, in two folders.
        foreach (var name in new[] { "china.jpg", "china-resized.jpg", "china-q40.jpg", "china-mirror.jpg", "flower.jpg", "astronaut.webp", "chelsea.tif", "rocket.avif", "rocket.heic" })
            File.WriteAllBytes(In(Path.Combine("good", name)), Source(name));
        File.WriteAllBytes(In("copies/china-copy.jpg"), Source("china.jpg"));
        File.WriteAllBytes(In("copies/flower-copy.jpg"), Source("flower.jpg"));
        // Colour spaces and depths.
        foreach (var name in new[] { "china-16bit.png", "china-cmyk.jpg", "china-grey.png", "china-alpha.png", "china-exif6.jpg" })
            File.WriteAllBytes(In(Path.Combine("kinds", name)), Source(name));
        PngWriter.Write(In("kinds/grey-alpha.png"), 64, 48, colourType: 4);
        PngWriter.Write(In("kinds/one-pixel.png"), 1, 1, colourType: 2);
        File.WriteAllBytes(In("kinds/animated.gif"), AnimatedGif);

        // Zero bytes, truncation at many offsets, bit flips.
        File.WriteAllBytes(In("broken/empty.jpg"), []);
        File.WriteAllBytes(In("broken/empty.png"), []);
        foreach (var name in Sources)
        {
            var bytes = Source(name);
            var stem = Path.GetFileNameWithoutExtension(name);
            var extension = Path.GetExtension(name);
            foreach (var length in new[] { 1, 8, 16, 64, 256 }.Concat(Enumerable.Range(1, 9).Select(tenth => bytes.Length * tenth / 10)).Append(bytes.Length - 1))
                File.WriteAllBytes(In($"broken/truncated/{stem}-{length}{extension}"), bytes[..Math.Min(length, bytes.Length)]);
            for (var f = 0; f < flipsPerSource; f++)
            {
                var flipped = (byte[])bytes.Clone();
                for (int bit = 0, bits = 1 + random.Next(8); bit < bits; bit++)
                    flipped[random.Next(Math.Min(16, flipped.Length - 1), flipped.Length)] ^= (byte)(1 << random.Next(8));
                File.WriteAllBytes(In($"broken/flipped/{stem}-{f}{extension}"), flipped);
            }
        }
        var gif = Source("coffee.gif");
        gif[6] ^= 0x10; // the logical screen claims 16 more columns than the frame has: decodes with a black strip
        File.WriteAllBytes(In("broken/wide-header.gif"), gif);

        // Wrong extensions, and a text file that a lax loader would read as a 3x3 matrix image.
        File.WriteAllBytes(In("names/png-as.jpg"), Source("china-small.png"));
        File.WriteAllBytes(In("names/jpeg-as.gif"), Source("china.jpg"));
        File.WriteAllBytes(In("names/webp-as.tif"), Source("astronaut.webp"));
        File.WriteAllText(In("names/matrix.gif"), "3 3\n1 2 3\n4 5 6\n7 8 9\n");

        // Decompression bombs: declared sizes far above any limit, and one just under the pixel limit that is real.
        PngWriter.Write(In("bombs/png-400mp.png"), 20_000, 20_000);
        PngWriter.Write(In("bombs/png-81mp.png"), 9_000, 9_000);
        File.WriteAllBytes(In("bombs/jpeg-60000.jpg"), WithJpegSize(Source("china.jpg"), 60_000, 60_000));
        var gifBomb = Source("coffee.gif");
        gifBomb[6] = gifBomb[7] = gifBomb[8] = gifBomb[9] = 0xff;
        File.WriteAllBytes(In("bombs/gif-65535.gif"), gifBomb);

        // Huge metadata: 16 MB of comment segments in a JPEG, a 16 MB text chunk in a PNG.
        var jpeg = Source("china.jpg");
        using (var huge = File.Create(In("metadata/comments.jpg")))
        {
            huge.Write(jpeg.AsSpan(0, 2));
            var comment = new byte[65_533];
            for (var i = 0; i < 256; i++) huge.Write([0xff, 0xfe, 0xff, 0xff, .. comment]);
            huge.Write(jpeg.AsSpan(2));
        }
        PngWriter.Write(In("metadata/text.png"), 16, 16, textBytes: 16 << 20);

        // Names: unicode, control characters, not UTF-8 at all, and a path near PATH_MAX.
        File.WriteAllBytes(In("names/北京 Été ✓.jpg"), Source("china-small.png"));
        File.WriteAllBytes(In("names/esc\u001b[31mred\u0007.jpg"), Source("flower.jpg"));
        File.WriteAllBytes(In("names/osc\u001b]0;title\u0007.jpg"), Source("flower.jpg"));
        File.WriteAllBytes(In("names/new\nline.jpg"), Source("flower.jpg"));
        count++;
        WriteRawName(Path.Combine(input, "names"), [.. "latin1-"u8, 0xe9, 0xff, .. ".jpg"u8], Source("china.jpg"));
        var deep = "long";
        while (deep.Length < 3600) deep = Path.Combine(deep, new string('d', 200));
        File.WriteAllBytes(In(Path.Combine(deep, "deep.jpg")), Source("china.jpg"));

        // Links: loops, dangling, out of the folder (a folder and a file), devices.
        Directory.CreateDirectory(Path.Combine(input, "links"));
        File.CreateSymbolicLink(In("links/self.jpg"), Path.Combine(input, "links/self.jpg"));
        File.CreateSymbolicLink(In("links/dangling.jpg"), Path.Combine(input, "links/gone.jpg"));
        Directory.CreateSymbolicLink(In("links/loop"), input);
        File.WriteAllBytes(Path.Combine(output, "odir/x.jpg"), Source("china.jpg"));
        File.WriteAllBytes(Path.Combine(output, "outside.jpg"), Source("flower.jpg"));
        Directory.CreateSymbolicLink(In("links/zdir"), Path.Combine(output, "odir"));
        File.CreateSymbolicLink(In("links/outside.jpg"), Path.Combine(output, "outside.jpg"));
        File.CreateSymbolicLink(In("links/zero.jpg"), "/dev/zero");
        File.CreateSymbolicLink(In("links/urandom.jpg"), "/dev/urandom");
        File.CreateSymbolicLink(In("links/null.png"), "/dev/null");

        // Not files at all.
        if (mkfifo(In("special/fifo.jpg"), Convert.ToUInt32("644", 8)) != 0) throw new IOException("mkfifo failed");
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            socket.Bind(new UnixDomainSocketEndPoint(In("special/socket.jpg")));
        var unreadable = In("special/unreadable.jpg");
        File.WriteAllBytes(unreadable, Source("china.jpg"));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(unreadable, UnixFileMode.None); // root reads it anyway; others get "permission denied"
        return count;
    }

    /// <summary>A 1x1 GIF of two frames (black, then white) that loops for ever.</summary>
    private static readonly byte[] AnimatedGif =
    [
        .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff,
        0x21, 0xff, 0x0b, .. "NETSCAPE2.0"u8, 3, 1, 0, 0, 0,
        0x21, 0xf9, 4, 0, 10, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0,
        0x21, 0xf9, 4, 0, 10, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4c, 0x01, 0,
        0x3b,
    ];

    /// <summary>The JPEG with the size in its start-of-frame segment replaced.</summary>
    private static byte[] WithJpegSize(byte[] jpeg, ushort width, ushort height)
    {
        var copy = (byte[])jpeg.Clone();
        for (var i = 2; i + 9 < copy.Length;)
        {
            if (copy[i] != 0xff) break;
            var marker = copy[i + 1];
            var length = (copy[i + 2] << 8) | copy[i + 3];
            if (marker is >= 0xc0 and <= 0xc3)
            {
                copy[i + 5] = (byte)(height >> 8); copy[i + 6] = (byte)height;
                copy[i + 7] = (byte)(width >> 8); copy[i + 8] = (byte)width;
                return copy;
            }
            i += 2 + length;
        }
        throw new InvalidDataException("no start-of-frame segment");
    }

    /// <summary>A file whose name is given as raw bytes (.NET strings cannot hold a name that is not UTF-8).</summary>
    private static void WriteRawName(string folder, byte[] name, byte[] content)
    {
        var path = Encoding.UTF8.GetBytes(folder + "/").Concat(name).Append((byte)0).ToArray();
        var descriptor = open(path, 0x41 | 0x200, Convert.ToUInt32("644", 8)); // O_WRONLY | O_CREAT | O_TRUNC
        if (descriptor < 0) throw new IOException("cannot create the non-UTF-8 name");
        try
        {
            if (write(descriptor, content, content.Length) != content.Length) throw new IOException("short write");
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkfifo(string path, uint mode);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int open(byte[] path, int flags, uint mode);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int descriptor, byte[] buffer, nint count);

    [LibraryImport("libc")]
    private static partial int close(int descriptor);
}
