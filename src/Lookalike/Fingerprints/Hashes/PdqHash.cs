using System.Globalization;
using System.Numerics;

namespace Lookalike.Fingerprints.Hashes;

/// <summary>
/// A 256-bit PDQ hash. Bit k (k = 16 i + j for DCT coefficient row i, column j) has the value 2^k, and the hex
/// form is that 256-bit number written big-endian in 64 lower-case digits, as the reference's Hash256::format
/// prints it (its sixteen 16-bit words from the last to the first), so hashes read and written here are
/// the ones other PDQ tools and hash-sharing lists exchange.
/// </summary>
public readonly record struct PdqHash(ulong Bits0, ulong Bits1, ulong Bits2, ulong Bits3)
{
    public const int BitCount = 256;

    /// <summary>The reference's recommended match distance: hashes at most this many bits apart are the same picture.</summary>
    public const int MatchDistance = 31;

    /// <summary>The reference recommends discarding hashes of quality below this (49 and under): flat or tiny images.</summary>
    public const int MinUsefulQuality = 50;

    public static int Distance(PdqHash a, PdqHash b) =>
        BitOperations.PopCount(a.Bits0 ^ b.Bits0) + BitOperations.PopCount(a.Bits1 ^ b.Bits1) +
        BitOperations.PopCount(a.Bits2 ^ b.Bits2) + BitOperations.PopCount(a.Bits3 ^ b.Bits3);

    /// <summary>64 lower-case hex digits.</summary>
    public override string ToString() => $"{Bits3:x16}{Bits2:x16}{Bits1:x16}{Bits0:x16}";

    /// <summary>Parses 64 hex digits (either case); false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> hex, out PdqHash hash)
    {
        hash = default;
        if (hex.Length != 64) return false;
        Span<ulong> words = stackalloc ulong[4];
        for (int w = 0; w < 4; w++)
            if (!ulong.TryParse(hex.Slice(48 - 16 * w, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[w]))
                return false;
        hash = new PdqHash(words[0], words[1], words[2], words[3]);
        return true;
    }

    /// <summary>The hash whose bits are set where <paramref name="isSet"/> says, bit k for k = 0..255.</summary>
    internal static PdqHash FromBits(Func<int, bool> isSet)
    {
        Span<ulong> words = stackalloc ulong[4];
        for (int k = 0; k < BitCount; k++)
            if (isSet(k)) words[k / 64] |= 1UL << (k % 64);
        return new PdqHash(words[0], words[1], words[2], words[3]);
    }
}
