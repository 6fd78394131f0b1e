using System.Runtime.InteropServices;
using System.Runtime.InteropServices.Marshalling;
using System.Text;

namespace Lookalike.Files;

/// <summary>
/// Lossless strings for file names that are not valid UTF-8. Linux names are bytes; .NET's directory listing decodes
/// them as UTF-8 and puts U+FFFD where they are not, so such a name no longer opens. Here each byte 0x80-0xFF that is
/// not part of a valid UTF-8 sequence becomes the private-use character U+F700 + byte (0xE9 is U+F7E9), the same idea
/// as Python's surrogateescape but with characters that UTF-8, SQLite and JSON all carry unchanged, so the catalog
/// stores such a path as text and gets the same bytes back. A name that really holds one of U+F780-U+F7FF has that
/// character's three bytes escaped too, so the mapping stays one-to-one; every other valid UTF-8 name is its usual
/// string. Every native call on a path in Lookalike (open, statx, rename, link, readdir...) turns the string back into
/// the exact bytes (<see cref="RawNameMarshaller"/>); people see the escapes as <c>\xe9</c> (<see cref="PrintableText"/>);
/// the JSON output holds the private-use characters themselves.
/// </summary>
public static class RawName
{
    private const int Offset = 0xF700;
    internal const char First = '\uF780', Last = '\uF7FF';

    /// <summary>Whether <paramref name="text"/> holds escaped bytes (so .NET's own file calls cannot open it).</summary>
    public static bool HasEscapes(string text) => text.AsSpan().IndexOfAnyInRange(First, Last) >= 0;

    /// <summary>The string for the name or path <paramref name="bytes"/>: its UTF-8 text, invalid bytes escaped.</summary>
    public static string Text(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            var text = Encoding.UTF8.GetString(bytes);
            if (!HasEscapes(text)) return text;
        }
        var result = new StringBuilder(bytes.Length + 8);
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done && !(rune.Value >= First && rune.Value <= Last)) result.Append(rune.ToString());
            else foreach (var b in bytes[..consumed]) result.Append((char)(Offset + b));
            bytes = bytes[consumed..];
        }
        return result.ToString();
    }

    /// <summary>The exact bytes of the name or path <paramref name="text"/> (the inverse of <see cref="Text"/>).</summary>
    public static byte[] Bytes(string text)
    {
        if (!HasEscapes(text)) return Encoding.UTF8.GetBytes(text);
        var result = new List<byte>(text.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value >= First && rune.Value <= Last) result.Add((byte)(rune.Value - Offset));
            else result.AddRange(utf8[..rune.EncodeToUtf8(utf8)]);
        }
        return result.ToArray();
    }
}

/// <summary>Passes a path string to a native call as its exact bytes (<see cref="RawName.Bytes"/>), NUL-terminated: use it
/// as <c>StringMarshallingCustomType</c> of every <c>LibraryImport</c> that takes a path.</summary>
[CustomMarshaller(typeof(string), MarshalMode.ManagedToUnmanagedIn, typeof(RawNameMarshaller))]
internal static unsafe class RawNameMarshaller
{
    public static byte* ConvertToUnmanaged(string? managed)
    {
        if (managed is null) return null;
        var bytes = RawName.Bytes(managed);
        var native = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(native, bytes.Length));
        native[bytes.Length] = 0;
        return native;
    }

    public static void Free(byte* unmanaged) => NativeMemory.Free(unmanaged);
}
