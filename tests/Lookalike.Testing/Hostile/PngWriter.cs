using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Lookalike.Testing.Hostile;

/// <summary>Hand-made PNGs for hostile cases no encoder writes on purpose: huge declared sizes, giant text chunks.</summary>
public static class PngWriter
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>A PNG of <paramref name="width"/> x <paramref name="height"/> zero pixels (colour type 0 grey, 4 grey+alpha,
    /// 2 RGB), streamed row by row, so a 20000x20000 bomb costs little memory to write; with a tEXt chunk of
    /// <paramref name="textBytes"/> bytes before the pixels.</summary>
    public static void Write(string path, int width, int height, byte colourType = 0, int textBytes = 0)
    {
        var channels = colourType switch { 0 => 1, 4 => 2, 2 => 3, 6 => 4, _ => throw new ArgumentOutOfRangeException(nameof(colourType)) };
        using var file = File.Create(path);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = colourType;
        Chunk(file, "IHDR", header);
        if (textBytes > 0) Chunk(file, "tEXt", [.. Encoding.ASCII.GetBytes("Comment\0"), .. new byte[textBytes]]);
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
            {
                var row = new byte[1 + (long)width * channels];
                for (var y = 0; y < height; y++) zlib.Write(row);
            }
            Chunk(file, "IDAT", pixels.ToArray());
        }
        Chunk(file, "IEND", []);
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typeBytes.Concat(data)) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        BinaryPrimitives.WriteUInt32BigEndian(number, crc ^ 0xFFFFFFFFu);
        output.Write(number);
    }
}
