using Lookalike.Files;

namespace Lookalike.Loading;

/// <summary>
/// Finds GIF damage that libvips decodes without a word: libnsgif paints what the first frame holds onto a canvas of
/// the logical screen's size and leaves the rest blank. A bit flipped in the screen's width (issue 13: 384 became
/// 400) yields a wider picture with a black strip, which would otherwise win the keeper on pixel count; LZW data that
/// ends early leaves the bottom of the frame unpainted the same way. So a GIF counts as damaged when its first frame
/// does not cover the logical screen, when its image data stops before the frame's pixels are all there (or holds a
/// code no encoder writes), when a block is cut off by the end of the file, or when the trailer is missing.
/// Pure managed code, reading the file once and decoding only the first frame's LZW codes (no pixels are kept),
/// because that frame is what Lookalike fingerprints.
/// </summary>
public static class GifIntegrity
{
    /// <summary>Null when the GIF at <paramref name="path"/> is whole, else what is wrong; null too for other formats.</summary>
    /// <param name="format">The file's <see cref="ImageHeader.Format"/>: only "gif" is checked.</param>
    public static string? Problem(string path, string format)
    {
        if (format != "gif") return null;
        try
        {
            using var stream = new BufferedStream(RegularFile.OpenRead(path), 1 << 16);
            return Problem(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read to check it: {e.Message}";
        }
    }

    /// <summary>Null when <paramref name="gif"/> holds a whole GIF, else what is wrong.</summary>
    public static string? Problem(Stream gif)
    {
        var reader = new Reader(gif);
        try
        {
            var signature = reader.Bytes(6);
            if (signature is not [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a']) return "not a GIF signature";
            int screenWidth = reader.UInt16(), screenHeight = reader.UInt16();
            var flags = reader.Byte();
            reader.Skip(2); // background colour index, pixel aspect ratio
            if ((flags & 0x80) != 0) reader.Skip(3 << ((flags & 7) + 1));
            var frames = 0;
            while (true)
            {
                var block = reader.ByteOrEnd();
                switch (block)
                {
                    case -1:
                        return frames == 0 ? "ends before any image" : "ends without the GIF trailer (cut off after a complete block)";
                    case 0x3b:
                        return frames == 0 ? "has no image" : null;
                    case 0x21:
                        reader.Skip(1); // extension label
                        reader.SkipSubBlocks();
                        break;
                    case 0x2c:
                        if (Frame(reader, ++frames == 1, screenWidth, screenHeight) is { } problem) return problem;
                        break;
                    default:
                        return $"holds an unknown block 0x{block:x2} at byte {reader.Position - 1}";
                }
            }
        }
        catch (EndOfStreamException)
        {
            return $"cut off inside a block at byte {reader.Position}";
        }
    }

    /// <summary>Reads one image descriptor and its data; the first frame is checked for coverage and complete data.</summary>
    private static string? Frame(Reader reader, bool first, int screenWidth, int screenHeight)
    {
        int left = reader.UInt16(), top = reader.UInt16(), width = reader.UInt16(), height = reader.UInt16();
        var flags = reader.Byte();
        if ((flags & 0x80) != 0) reader.Skip(3 << ((flags & 7) + 1));
        var minimumCodeSize = reader.Byte();
        if (!first)
        {
            reader.SkipSubBlocks();
            return null;
        }
        // A first frame larger than the screen grows the canvas in libnsgif; one that leaves part of it uncovered does not.
        if (left > 0 || top > 0 || left + width < screenWidth || top + height < screenHeight)
            return $"its first frame ({width}x{height} at {left},{top}) does not cover the {screenWidth}x{screenHeight} logical screen";
        if (minimumCodeSize is < 2 or > 11) return $"its first frame has an invalid LZW code size ({minimumCodeSize})";
        var pixels = new LzwPixelCounter(minimumCodeSize);
        long wanted = (long)width * height;
        var feeding = true;
        foreach (var chunk in reader.SubBlocks()) // read to the end of the frame even after the end code, to find the next block
            if (feeding && pixels.Count < wanted) feeding = pixels.Feed(chunk);
        if (pixels.Invalid) return $"its first frame's image data holds an invalid LZW code after {pixels.Count} of {wanted} pixels";
        if (pixels.Count < wanted) return $"its first frame's image data ends after {pixels.Count} of {wanted} pixels";
        return null;
    }

    /// <summary>Counts the pixels GIF LZW codes stand for, without building the strings: only each code's length is kept.</summary>
    private sealed class LzwPixelCounter
    {
        private const int MaxCodes = 4096;
        private readonly int[] _lengths = new int[MaxCodes];
        private readonly int _minimumCodeSize, _clear;
        private int _codeSize, _next, _previous = -1;
        private int _bits, _bitCount;
        private bool _ended;

        public LzwPixelCounter(int minimumCodeSize)
        {
            _minimumCodeSize = minimumCodeSize;
            _clear = 1 << minimumCodeSize;
            _codeSize = minimumCodeSize + 1;
            _next = _clear + 2;
            Array.Fill(_lengths, 1, 0, _clear);
        }

        public long Count { get; private set; }
        public bool Invalid { get; private set; }

        /// <summary>Takes the next sub-block; false once the end code (or an invalid code) is seen.</summary>
        public bool Feed(ReadOnlySpan<byte> data)
        {
            foreach (var b in data)
            {
                _bits |= b << _bitCount;
                _bitCount += 8;
                while (_bitCount >= _codeSize)
                {
                    var code = _bits & ((1 << _codeSize) - 1);
                    _bits >>= _codeSize;
                    _bitCount -= _codeSize;
                    if (!Code(code)) return false;
                }
            }
            return !_ended;
        }

        private bool Code(int code)
        {
            if (code == _clear)
            {
                _codeSize = _minimumCodeSize + 1;
                _next = _clear + 2;
                _previous = -1;
                return true;
            }
            if (code == _clear + 1)
            {
                _ended = true;
                return false;
            }
            // A code not yet in the table is valid only as the one about to be added (the KwKwK case), and never first.
            if (code > _clear && (_previous < 0 || code > _next))
            {
                Invalid = true;
                return false;
            }
            var length = code == _next ? _lengths[_previous] + 1 : _lengths[code];
            if (_previous >= 0 && _next < MaxCodes)
            {
                _lengths[_next] = _lengths[_previous] + 1;
                if (++_next == 1 << _codeSize && _codeSize < 12) _codeSize++;
            }
            Count += length;
            _previous = code;
            return true;
        }
    }

    /// <summary>Little-endian reads that throw <see cref="EndOfStreamException"/> at a cut-off end.</summary>
    private sealed class Reader(Stream stream)
    {
        private readonly byte[] _block = new byte[255];

        public long Position { get; private set; }

        public int ByteOrEnd()
        {
            var b = stream.ReadByte();
            if (b >= 0) Position++;
            return b;
        }

        public byte Byte() => ByteOrEnd() is var b and >= 0 ? (byte)b : throw new EndOfStreamException();

        public int UInt16() => Byte() | (Byte() << 8);

        public byte[] Bytes(int count)
        {
            var bytes = new byte[count];
            stream.ReadExactly(bytes);
            Position += count;
            return bytes;
        }

        public void Skip(int count)
        {
            while (count > 0)
            {
                var read = stream.Read(_block, 0, Math.Min(count, _block.Length));
                if (read == 0) throw new EndOfStreamException();
                count -= read;
                Position += read;
            }
        }

        public void SkipSubBlocks()
        {
            for (int size; (size = Byte()) != 0;) Skip(size);
        }

        /// <summary>The data sub-blocks up to the terminator (each valid until the next is read).</summary>
        public IEnumerable<byte[]> SubBlocks()
        {
            for (int size; (size = Byte()) != 0;)
            {
                var data = new byte[size];
                stream.ReadExactly(data);
                Position += size;
                yield return data;
            }
        }
    }
}
