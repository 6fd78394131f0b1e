using System.Numerics;

namespace Lookalike.Hashing;

/// <summary>
/// Finds every pair of 64-bit hashes within a Hamming radius without comparing all pairs, by multi-index
/// hashing (Norouzi et al.): split the bits into m chunks; if two hashes differ in at most R bits, then
/// by pigeonhole some chunk differs in at most floor(R / m) bits. Each chunk gets a table from chunk
/// value to items; each item probes its own chunk values and their close variants, and only the
/// candidates found are compared in full. m is chosen per call from a cost estimate.
/// </summary>
public static class HammingPairFinder
{
    private const int MaxChunkBits = 24; // a chunk's table holds 2^bits + 1 offsets

    /// <summary>All pairs (i &lt; j) with Hamming distance at most <paramref name="radius"/>.</summary>
    public static List<(int A, int B, int Distance)> FindPairs(ReadOnlySpan<ulong> hashes, int radius, int parallelism = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        if (hashes.Length < 2) return [];
        var codes = hashes.ToArray();
        var chunks = ChooseChunks(codes.Length, radius);
        var tables = chunks.Select(chunk => new ChunkTable(chunk, codes)).ToArray();
        var chunkRadius = radius / chunks.Length;

        var found = new List<(int, int, int)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, codes.Length, 4096), options,
            () => new List<(int, int, int)>(),
            (range, _, local) =>
            {
                var probes = new List<uint>();
                for (int i = range.Item1; i < range.Item2; i++)
                for (int c = 0; c < tables.Length; c++)
                {
                    var table = tables[c];
                    probes.Clear();
                    Variants(table.Chunk.Value(codes[i]), table.Chunk.Bits, chunkRadius, probes);
                    foreach (var key in probes)
                    foreach (var j in table.Bucket(key))
                    {
                        if (j <= i) continue;
                        var distance = BitOperations.PopCount(codes[i] ^ codes[j]);
                        // Report a pair from the first chunk that finds it only.
                        if (distance <= radius && FirstCloseChunk(tables, codes[i], codes[j], chunkRadius) == c)
                            local.Add((i, j, distance));
                    }
                }
                return local;
            },
            local => { lock (found) found.AddRange(local); });
        found.Sort();
        return found;
    }

    private static int FirstCloseChunk(ChunkTable[] tables, ulong a, ulong b, int chunkRadius)
    {
        for (int c = 0; c < tables.Length; c++)
            if (BitOperations.PopCount(tables[c].Chunk.Value(a) ^ tables[c].Chunk.Value(b)) <= chunkRadius) return c;
        return -1;
    }

    /// <summary>Every value within <paramref name="radius"/> bit flips of <paramref name="value"/>.</summary>
    private static void Variants(uint value, int bits, int radius, List<uint> into)
    {
        into.Add(value);
        if (radius > 0) Flip(value, 0, bits, radius, into);

        static void Flip(uint value, int from, int bits, int left, List<uint> into)
        {
            for (int bit = from; bit < bits; bit++)
            {
                var flipped = value ^ (1u << bit);
                into.Add(flipped);
                if (left > 1) Flip(flipped, bit + 1, bits, left - 1, into);
            }
        }
    }

    /// <summary>Chooses the number of chunks that minimises probes plus expected candidates.</summary>
    private static Chunk[] ChooseChunks(int count, int radius)
    {
        Chunk[]? best = null;
        var bestCost = double.MaxValue;
        for (int m = (64 + MaxChunkBits - 1) / MaxChunkBits; m <= Math.Min(16, radius + 1); m++)
        {
            var chunks = Split(m);
            var r = radius / m;
            double cost = 0;
            foreach (var chunk in chunks)
            {
                var probes = ProbeCount(chunk.Bits, r);
                cost += probes * (1 + count / Math.Pow(2, chunk.Bits)); // a probe, plus the items it finds
            }
            if (cost < bestCost) { bestCost = cost; best = chunks; }
        }
        return best ?? Split((64 + MaxChunkBits - 1) / MaxChunkBits);
    }

    private static double ProbeCount(int bits, int radius)
    {
        double total = 0, combinations = 1;
        for (int k = 0; k <= radius; k++)
        {
            total += combinations;
            combinations = combinations * (bits - k) / (k + 1);
        }
        return total;
    }

    private static Chunk[] Split(int m)
    {
        var chunks = new Chunk[m];
        for (int c = 0, start = 0; c < m; c++)
        {
            var bits = 64 / m + (c < 64 % m ? 1 : 0);
            chunks[c] = new Chunk(start, bits);
            start += bits;
        }
        return chunks;
    }

    private readonly record struct Chunk(int Shift, int Bits)
    {
        public uint Value(ulong code) => (uint)((code >> Shift) & ((1UL << Bits) - 1));
    }

    /// <summary>Items grouped by one chunk's value, as offsets into one sorted array (counting sort).</summary>
    private sealed class ChunkTable
    {
        private readonly int[] _offsets;
        private readonly int[] _items;

        public ChunkTable(Chunk chunk, ulong[] codes)
        {
            Chunk = chunk;
            _offsets = new int[(1 << chunk.Bits) + 1];
            foreach (var code in codes) _offsets[chunk.Value(code) + 1]++;
            for (int k = 1; k < _offsets.Length; k++) _offsets[k] += _offsets[k - 1];
            _items = new int[codes.Length];
            var next = _offsets[..^1];
            for (int i = 0; i < codes.Length; i++) _items[next[chunk.Value(codes[i])]++] = i;
        }

        public Chunk Chunk { get; }

        public ReadOnlySpan<int> Bucket(uint key) => _items.AsSpan(_offsets[key], _offsets[key + 1] - _offsets[key]);
    }
}
