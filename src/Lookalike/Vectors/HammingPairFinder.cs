using System.Numerics;
using System.Runtime.CompilerServices;

namespace Lookalike.Vectors;

/// <summary>
/// Finds every pair of 64-bit hashes within a Hamming radius R without comparing all pairs, by multi-index
/// hashing (Norouzi et al.) run as a join of sorted buckets.
/// <para>Pigeonhole: split the bits into m chunks and give chunks 0..a radius r = R / m and the rest r - 1,
/// where a = R mod m. Two hashes within R differ in at most its radius in some chunk (else they would differ
/// in at least (a+1)(r+1) + (m-a-1) r = R + 1 bits). So for each chunk and each XOR mask f of at most the
/// chunk's radius bits, the items whose chunk value is v are compared with those whose value is v ^ f.</para>
/// <para>Cache: the buckets are cut into blocks of consecutive values that fit the CPU cache. A mask's high
/// bits (above the block) pair block B with block B ^ high, its low bits stay inside the block; so one work
/// item joins a block pair under all masks sharing that high part while both stay cached. (One random table
/// probe per item and mask, the textbook way, was 30x slower at a million items.)</para>
/// <para>Each pair once: it is reported from the first chunk within that chunk's radius only (checked on the
/// two codes, no hash set), where the mask is the pair's chunk difference, so it is met exactly once.</para>
/// </summary>
public static class HammingPairFinder
{
    private const int MaxChunkBits = 24; // a chunk's table holds 2^bits + 1 offsets
    private const int BlockBytes = 256 * 1024; // outer and inner block together, to stay in L2

    /// <summary>All pairs (i &lt; j) with Hamming distance at most <paramref name="radius"/>, sorted.</summary>
    public static List<(int A, int B, int Distance)> FindPairs(ReadOnlySpan<ulong> hashes, int radius, int parallelism = 0) =>
        hashes.Length < 2 ? [] : Join(hashes.ToArray(), hashes.ToArray(), selfJoin: true, radius, parallelism);

    /// <summary>All (query, target) index pairs with Hamming distance at most <paramref name="radius"/>, sorted.</summary>
    public static List<(int Query, int Target, int Distance)> FindMatches(ReadOnlySpan<ulong> queries, ReadOnlySpan<ulong> targets,
        int radius, int parallelism = 0) =>
        queries.Length == 0 || targets.Length == 0 ? [] : Join(queries.ToArray(), targets.ToArray(), selfJoin: false, radius, parallelism);

    /// <summary>The join behind both; <paramref name="chunkCount"/> 0 lets the cost model choose m (tests fix it to
    /// cover every plan).</summary>
    internal static List<(int, int, int)> Join(ulong[] queries, ulong[] targets, bool selfJoin, int radius, int parallelism, int chunkCount = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        var chunks = chunkCount > 0 ? Split(chunkCount, radius) : ChooseChunks(queries.Length, targets.Length, radius, selfJoin);
        var found = new List<(int, int, int)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        // Every chunk's tables at once, built in parallel (each is one sequential counting sort): memory stays
        // linear, a few times the codes.
        var targetTables = new ChunkTable[chunks.Length];
        var queryTables = selfJoin ? targetTables : new ChunkTable[chunks.Length];
        Parallel.For(0, selfJoin ? chunks.Length : 2 * chunks.Length, options, k =>
        {
            if (chunks[k % chunks.Length].Radius < 0) return; // a chunk the pigeonhole does not need
            if (k < chunks.Length) targetTables[k] = new ChunkTable(chunks[k], targets);
            else queryTables[k - chunks.Length] = new ChunkTable(chunks[k - chunks.Length], queries);
        });
        for (int c = 0; c < chunks.Length; c++)
        {
            var chunk = chunks[c];
            if (chunk.Radius < 0) continue;
            var (targetTable, queryTable) = (targetTables[c], queryTables[c]);
            // Walk the side with fewer buckets, look up partners in the other: a mask works both ways.
            var swap = targetTable.Values.Length < queryTable.Values.Length;
            var blockBits = BlockBits(chunk.Bits, queries.Length + targets.Length);
            var join = new BlockJoin(swap ? targetTable : queryTable, swap ? queryTable : targetTable, swap, selfJoin, chunks, c, radius, blockBits);
            var work = (
                from high in FlipMasks(chunk.Bits - blockBits, chunk.Radius)
                let lowMasks = FlipMasks(blockBits, chunk.Radius - BitOperations.PopCount(high))
                from block in Enumerable.Range(0, 1 << (chunk.Bits - blockBits))
                where !selfJoin || (block ^ high) >= block // in a self-join block pairs are met from the lower block
                select (High: high, LowMasks: lowMasks, Block: (uint)block)).ToArray();
            Parallel.For(0, work.Length, options, () => new List<(int, int, int)>(),
                (k, _, local) => { join.Run(work[k].Block, work[k].High, work[k].LowMasks, local); return local; },
                local => { lock (found) found.AddRange(local); });
        }
        found.Sort();
        return found;
    }

    /// <summary>Low bits of a chunk value that make one block: about <see cref="BlockBytes"/> of offsets, items and codes.</summary>
    private static int BlockBits(int chunkBits, long items)
    {
        var bytesPerValue = sizeof(int) + (sizeof(int) + sizeof(ulong)) * items / Math.Pow(2, chunkBits);
        return Math.Clamp((int)Math.Floor(Math.Log2(BlockBytes / bytesPerValue)), 0, chunkBits);
    }

    /// <summary>Joins the buckets of one chunk, one block pair and high mask at a time.</summary>
    private sealed class BlockJoin(ChunkTable outer, ChunkTable inner, bool swap, bool selfJoin, Chunk[] chunks, int chunk, int radius, int blockBits)
    {
        /// <summary>Compares every outer bucket v of <paramref name="block"/> with the inner bucket v ^ mask, for
        /// each mask made of <paramref name="high"/> (above the block bits) and one of <paramref name="lowMasks"/>.
        /// Optimised at once: this loop is all the work, and tiered compilation would run it instrumented for seconds.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(uint block, uint high, uint[] lowMasks, List<(int, int, int)> found)
        {
            var values = outer.Values;
            var starts = outer.Starts;
            var outerCodes = outer.Codes;
            var innerCodes = inner.Codes;
            var innerOffsets = inner.Offsets;
            int first = outer.FirstAtOrAbove(block << blockBits), end = outer.FirstAtOrAbove((block + 1) << blockBits);
            foreach (var low in lowMasks)
            {
                var mask = high << blockBits | low;
                for (int e = first; e < end; e++)
                {
                    var v = values[e];
                    var u = v ^ mask;
                    // In a self-join each bucket pair is met from both ends: keep v < u, and v == u for pairs within the bucket.
                    if (selfJoin && u < v) continue;
                    int innerStart = innerOffsets[u], innerEnd = innerOffsets[u + 1];
                    for (int p = starts[e], outerEnd = starts[e + 1]; p < outerEnd; p++)
                    {
                        var code = outerCodes[p];
                        for (int q = selfJoin && u == v ? p + 1 : innerStart; q < innerEnd; q++)
                        {
                            var distance = BitOperations.PopCount(code ^ innerCodes[q]);
                            if (distance <= radius && FirstCloseChunk(chunks, code, innerCodes[q]) == chunk)
                                found.Add(Pair(outer.Items[p], inner.Items[q], distance));
                        }
                    }
                }
            }
        }

        private (int, int, int) Pair(int outerItem, int innerItem, int distance) =>
            selfJoin ? (Math.Min(outerItem, innerItem), Math.Max(outerItem, innerItem), distance)
            : swap ? (innerItem, outerItem, distance) : (outerItem, innerItem, distance);
    }

    private static int FirstCloseChunk(Chunk[] chunks, ulong a, ulong b)
    {
        for (int c = 0; c < chunks.Length; c++)
            if (BitOperations.PopCount(chunks[c].Value(a) ^ chunks[c].Value(b)) <= chunks[c].Radius) return c;
        return -1;
    }

    /// <summary>Every XOR mask of at most <paramref name="radius"/> set bits among the low <paramref name="bits"/> bits.</summary>
    private static uint[] FlipMasks(int bits, int radius)
    {
        if (radius < 0) return [];
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
        return masks.ToArray();
    }

    /// <summary>
    /// Chooses the number of chunks m that minimises the expected work, assuming uniformly spread codes: per
    /// chunk and mask, one step per outer bucket (about min(n, 2^bits) of them) and one popcount per
    /// candidate pair (n_queries x n_targets / 2^bits). Few chunks mean many masks over sparse buckets, many
    /// chunks few masks over crowded ones. (Clustered codes add the same close pairs whatever m is.)
    /// </summary>
    private static Chunk[] ChooseChunks(int queries, int targets, int radius, bool selfJoin)
    {
        // Measured at 1M codes, radius 8 and 10, m = 3 and 4: a bucket step (two offset reads, a loop entered
        // and left, mostly mispredicted) costs about as much as 8 popcounts in a bucket's tight loop.
        const double bucketStep = 8, candidate = 1;
        Chunk[]? best = null;
        var bestCost = double.MaxValue;
        const int fewest = (64 + MaxChunkBits - 1) / MaxChunkBits; // more than R + 1 chunks would leave some unused
        for (int m = fewest; m <= Math.Max(fewest, Math.Min(16, radius + 1)); m++)
        {
            var chunks = Split(m, radius);
            double cost = 0;
            foreach (var chunk in chunks.Where(c => c.Radius >= 0))
            {
                var buckets = Math.Pow(2, chunk.Bits);
                var masks = MaskCount(chunk.Bits, chunk.Radius);
                cost += masks * (bucketStep * Math.Min(Math.Min(queries, targets), buckets) + candidate * (double)queries * targets / buckets)
                        + buckets; // the offsets to build
            }
            if (selfJoin) cost /= 2;
            if (cost < bestCost) { bestCost = cost; best = chunks; }
        }
        return best!;
    }

    private static double MaskCount(int bits, int radius)
    {
        double total = 0, combinations = 1;
        for (int k = 0; k <= radius; k++)
        {
            total += combinations;
            combinations = combinations * (bits - k) / (k + 1);
        }
        return total;
    }

    /// <summary>m chunks of near-equal width, the first R mod m + 1 with radius R / m and the rest one less.</summary>
    private static Chunk[] Split(int m, int radius)
    {
        var chunks = new Chunk[m];
        for (int c = 0, start = 0; c < m; c++)
        {
            var bits = 64 / m + (c < 64 % m ? 1 : 0);
            chunks[c] = new Chunk(start, bits, radius / m - (c <= radius % m ? 0 : 1));
            start += bits;
        }
        return chunks;
    }

    private readonly record struct Chunk(int Shift, int Bits, int Radius)
    {
        public uint Value(ulong code) => (uint)((code >> Shift) & ((1UL << Bits) - 1));
    }

    /// <summary>Items grouped by one chunk's value (a stable counting sort, so each bucket lists items in
    /// increasing order), with the items' codes alongside for sequential reads: Offsets[v]..Offsets[v + 1]
    /// is bucket v; Values lists the non-empty buckets in order and Starts where each begins (plus the end).</summary>
    private sealed class ChunkTable
    {
        public ChunkTable(Chunk chunk, ulong[] codes)
        {
            Offsets = new int[(1 << chunk.Bits) + 1];
            foreach (var code in codes) Offsets[chunk.Value(code) + 1]++;
            var distinct = 0;
            for (int k = 1; k < Offsets.Length; k++)
            {
                if (Offsets[k] > 0) distinct++;
                Offsets[k] += Offsets[k - 1];
            }
            Items = new int[codes.Length];
            Codes = new ulong[codes.Length];
            var next = Offsets[..^1];
            for (int i = 0; i < codes.Length; i++)
            {
                var slot = next[chunk.Value(codes[i])]++;
                Items[slot] = i;
                Codes[slot] = codes[i];
            }
            Values = new uint[distinct];
            Starts = new int[distinct + 1];
            for (uint v = 0, e = 0; v < Offsets.Length - 1; v++)
                if (Offsets[v + 1] > Offsets[v]) { Values[e] = v; Starts[e++] = Offsets[v]; }
            Starts[distinct] = codes.Length;
        }

        public int[] Offsets { get; }
        public uint[] Values { get; }
        public int[] Starts { get; }
        public int[] Items { get; }
        public ulong[] Codes { get; }

        /// <summary>The index of the first non-empty bucket with a value at or above <paramref name="value"/>.</summary>
        public int FirstAtOrAbove(uint value)
        {
            var index = Values.AsSpan().BinarySearch(value);
            return index < 0 ? ~index : index;
        }
    }
}
