using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Lookalike.Dedup.Verify;

/// <summary>Mutual nearest neighbours by Hamming distance that pass Lowe's ratio test: a corner matches when it is
/// clearly closer to one corner of the other picture than to any other, and that corner's nearest is it.</summary>
internal static class DescriptorMatcher
{
    /// <summary>Farther than this (of 256 bits) is no match at all.</summary>
    public const int MaxDistance = 72;
    public const float Ratio = 0.85f;

    public static List<(int A, int B)> Match(IReadOnlyList<Keypoint> a, IReadOnlyList<Keypoint> b)
    {
        // The other picture's descriptors laid out flat, four words each: the all-pairs loop below (a few hundred
        // thousand distances per pair of pictures, much of the verifier's time) then reads one array in order instead
        // of copying a 48-byte keypoint through an interface call per distance (unchecked: j < b.Count by construction).
        var words = new ulong[4 * b.Count];
        for (int j = 0; j < b.Count; j++)
        {
            var d = b[j].Descriptor;
            (words[4 * j], words[4 * j + 1], words[4 * j + 2], words[4 * j + 3]) = (d.A, d.B, d.C, d.D);
        }
        var bestOfB = new int[b.Count];
        var bestDistanceOfB = new int[b.Count];
        Array.Fill(bestOfB, -1);
        Array.Fill(bestDistanceOfB, int.MaxValue);
        var bestOfA = new (int Index, int Distance, int Second)[a.Count];
        for (int i = 0; i < a.Count; i++)
        {
            int best = -1, bestDistance = int.MaxValue, second = int.MaxValue;
            var da = a[i].Descriptor;
            var (w0, w1, w2, w3) = (da.A, da.B, da.C, da.D);
            // No early exit after some words: whether one pays is a coin toss per pair, and the mispredicted branch cost more
            // than the popcounts it saved (measured: bench verifier-stages). The updates below are rare, so well predicted.
            ref ulong word = ref MemoryMarshal.GetArrayDataReference(words);
            ref int bestDistances = ref MemoryMarshal.GetArrayDataReference(bestDistanceOfB);
            for (int j = 0; j < bestDistanceOfB.Length; j++)
            {
                ref ulong w = ref Unsafe.Add(ref word, 4 * j);
                int d = BitOperations.PopCount(w0 ^ w) + BitOperations.PopCount(w1 ^ Unsafe.Add(ref w, 1))
                        + BitOperations.PopCount(w2 ^ Unsafe.Add(ref w, 2)) + BitOperations.PopCount(w3 ^ Unsafe.Add(ref w, 3));
                if (d < second)
                {
                    if (d < bestDistance) { second = bestDistance; bestDistance = d; best = j; }
                    else second = d;
                }
                if (d < Unsafe.Add(ref bestDistances, j)) { Unsafe.Add(ref bestDistances, j) = d; bestOfB[j] = i; }
            }
            bestOfA[i] = (best, bestDistance, second);
        }
        var matches = new List<(int, int)>();
        for (int i = 0; i < a.Count; i++)
        {
            var (j, d, second) = bestOfA[i];
            if (j < 0 || d > MaxDistance || bestOfB[j] != i) continue;
            if (second != int.MaxValue && d > Ratio * second) continue;
            matches.Add((i, j));
        }
        return matches;
    }
}
