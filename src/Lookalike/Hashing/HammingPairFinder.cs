using System.Numerics;
using System.Runtime.CompilerServices;

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
    public static List<(int A, int B, int Distance)> FindPairs(ReadOnlySpan<ulong> hashes, int radius, int parallelism = 0) =>
        hashes.Length < 2 ? [] : Join(hashes.ToArray(), hashes.ToArray(), selfJoin: true, radius, parallelism);

    /// <summary>All (query, target) index pairs with Hamming distance at most <paramref name="radius"/>.</summary>
    public static List<(int Query, int Target, int Distance)> FindMatches(ReadOnlySpan<ulong> queries, ReadOnlySpan<ulong> targets,
        int radius, int parallelism = 0) =>
        queries.Length == 0 || targets.Length == 0 ? [] : Join(queries.ToArray(), targets.ToArray(), selfJoin: false, radius, parallelism);

    private static List<(int, int, int)> Join(ulong[] queries, ulong[] targets, bool selfJoin, int radius, int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var chunks = ChooseChunks(targets.Length, radius);
        var tables = chunks.Select(chunk => new ChunkTable(chunk, targets)).ToArray();
        var chunkRadius = radius / chunks.Length;
        var masks = FlipMasks(tables.Max(t => t.Chunk.Bits), chunkRadius);

        var found = new List<(int, int, int)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, queries.Length, 4096), options,
            () => new List<(int, int, int)>(),
            (range, _, local) =>
            {
                FindInRange(range.Item1, range.Item2, queries, selfJoin, tables, masks, radius, chunkRadius, local);
                return local;
            },
            local => { lock (found) found.AddRange(local); });
        found.Sort();
        return found;
    }

    /// <summary>The matches of queries [from, to) (in a self-join only targets j &gt; i, so each pair is found
    /// once). Optimised at once: this loop is all the work, and tiered compilation would run it
    /// instrumented for seconds (measured 4x slower).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FindInRange(int from, int to, ulong[] queries, bool selfJoin, ChunkTable[] tables, uint[] masks,
        int radius, int chunkRadius, List<(int, int, int)> found)
    {
        for (int i = from; i < to; i++)
        {
            var code = queries[i];
            for (int c = 0; c < tables.Length; c++)
            {
                var table = tables[c];
                var value = table.Chunk.Value(code);
                var limit = 1u << table.Chunk.Bits;
                var items = table.Items;
                var bucketCodes = table.Codes;
                foreach (var mask in masks)
                {
                    if (mask >= limit) break; // masks are sorted: the rest flip bits this chunk lacks
                    var (start, end) = table.BucketAfter(value ^ mask, selfJoin ? i : -1);
                    for (int k = start; k < end; k++)
                    {
                        var distance = BitOperations.PopCount(code ^ bucketCodes[k]);
                        // Report a pair from the first chunk that finds it only.
                        if (distance <= radius && FirstCloseChunk(tables, code, bucketCodes[k], chunkRadius) == c)
                            found.Add((i, items[k], distance));
                    }
                }
            }
        }
    }

    private static int FirstCloseChunk(ChunkTable[] tables, ulong a, ulong b, int chunkRadius)
    {
        for (int c = 0; c < tables.Length; c++)
            if (BitOperations.PopCount(tables[c].Chunk.Value(a) ^ tables[c].Chunk.Value(b)) <= chunkRadius) return c;
        return -1;
    }

    /// <summary>Every XOR mask of at most <paramref name="radius"/> set bits among the low
    /// <paramref name="bits"/> bits, ascending (so a shorter chunk can stop early).</summary>
    private static uint[] FlipMasks(int bits, int radius)
    {
        var masks = new List<uint> { 0 };
        void Add(uint mask, int from, int left)
        {
            for (int bit = from; bit < bits; bit++)
            {
                masks.Add(mask | (1u << bit));
                if (left > 1) Add(mask | (1u << bit), bit + 1, left - 1);
            }
        }
        if (radius > 0) Add(0, 0, radius);
        masks.Sort();
        return masks.ToArray();
    }

    /// <summary>Chooses the number of chunks that minimises the expected work per item: each probe is a
    /// random read into a table of 2^bits offsets (costlier once the table leaves the CPU caches), and
    /// each candidate a sequential read and a popcount.</summary>
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
                var probeCost = chunk.Bits <= 16 ? 4 : chunk.Bits <= 20 ? 12 : 30;
                cost += probes * (probeCost + count / Math.Pow(2, chunk.Bits));
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

    /// <summary>Items grouped by one chunk's value, as offsets into one array (a stable counting sort, so
    /// each bucket lists items in increasing order), with the items' codes alongside for sequential reads.</summary>
    private sealed class ChunkTable
    {
        private readonly int[] _offsets;

        public ChunkTable(Chunk chunk, ulong[] codes)
        {
            Chunk = chunk;
            _offsets = new int[(1 << chunk.Bits) + 1];
            foreach (var code in codes) _offsets[chunk.Value(code) + 1]++;
            for (int k = 1; k < _offsets.Length; k++) _offsets[k] += _offsets[k - 1];
            Items = new int[codes.Length];
            Codes = new ulong[codes.Length];
            var next = _offsets[..^1];
            for (int i = 0; i < codes.Length; i++)
            {
                var slot = next[chunk.Value(codes[i])]++;
                Items[slot] = i;
                Codes[slot] = codes[i];
            }
        }

        public Chunk Chunk { get; }
        public int[] Items { get; }
        public ulong[] Codes { get; }

        /// <summary>The slots [start, end) of the bucket's items with an index above <paramref name="after"/>
        /// (each pair is found from its lower index).</summary>
        public (int Start, int End) BucketAfter(uint key, int after)
        {
            int start = _offsets[key], end = _offsets[key + 1];
            var skip = Items.AsSpan(start, end - start).BinarySearch(after + 1);
            return (start + (skip < 0 ? ~skip : skip), end);
        }
    }
}
