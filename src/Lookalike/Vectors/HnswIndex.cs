using System.Collections.Concurrent;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics.X86;
using Lookalike.Vectors.Impl;

namespace Lookalike.Vectors;

/// <summary>
/// Hierarchical Navigable Small World graph (Malkov &amp; Yashunin, 2016), the approximate index behind
/// "HNSW{M}".
/// <para>
/// Every vector is a node. Layer 0 holds all nodes, each linked to up to 2M close neighbours; each higher
/// layer holds a random ~1/M of the layer below (a node's top layer is drawn from an exponential
/// distribution) with up to M links. A search starts at the single entry node on the top layer, walks
/// greedily towards the query on each layer, and on layer 0 runs a best-first "beam" search that keeps the
/// <see cref="EfSearch"/> best nodes seen. Inserting a vector is a search for its own neighbours followed
/// by linking both ways; a full link list is pruned with the "heuristic" that drops a neighbour when it is
/// closer to an already kept neighbour than to the node, which keeps links pointing in diverse directions.
/// </para>
/// <para>
/// A new node chooses up to 2M neighbours of its own on layer 0 (as faiss does), where hnswlib chooses M and
/// leaves the rest to later back-links. Measured at 100k x 512 (bench index, generated clustered data, M = 16,
/// ef_construction 100): recall@10 0.976 / 0.991 / 0.996 at ef 32 / 64 / 128 against hnswlib's 0.967 / 0.990 /
/// 0.996 in the same run, and 0.970 / 0.986 / 0.995 when choosing M (another run, same data); the single-query
/// median latency at equal ef did not grow.
/// </para>
/// <para>
/// <see cref="Search"/> walks layer 0 on one-byte codes of the vectors (<see cref="Int8WalkCodes"/>) kept in
/// the same row as the node's layer-0 links, so a hop reads about 700 bytes at one place instead of a 2 KB
/// float32 vector here and a link list there, and then re-ranks the ef best nodes it kept exactly with the
/// float32 vectors: the scores it returns are exact, only the walk is approximate. An insert searches layer 0 the
/// same way, so its neighbour selection sees exact scores; range searches and <see cref="FindSimilarPairs"/>, which
/// compare each score with a threshold, score in float32 throughout. Measured at 100k x 512 (bench index, one run,
/// loaded machine): recall@10 equal to the float32 walk at ef 16-128, single-query p50 2.3-2.7x lower.
/// </para>
/// <para>
/// Removal marks a tombstone: the node still routes searches but is never returned; <see cref="Compact"/>
/// rebuilds the graph without them. Inserts of one batch run in parallel, guarded by striped per-node locks.
/// </para>
/// </summary>
public sealed unsafe class HnswIndex : IVectorIndex
{
    private const int LockStripes = 4096;
    private const int MaxLevel = 31;

    private readonly int _dimension;
    private readonly int _codeBytes;   // walk codes at the start of each layer-0 row, then the links
    private readonly double _levelMultiplier;
    private readonly object[] _nodeLocks = Enumerable.Range(0, LockStripes).Select(_ => new object()).ToArray();
    private readonly object _entryLock = new();

    // Graph state (replaced wholesale by Compact).
    private RowStore _vectors;
    private RowStore _layer0;          // per node: [walk codes][count, up to 2M neighbour slots], 64-byte rows
    private int[]?[] _upperLinks;      // per node: for layers 1..level, [count, up to M neighbour slots] each
    private byte[] _levels;
    private bool[] _removed;
    private IdMap _ids;
    private int _entry = -1;
    private int _topLevel = -1;
    private volatile bool _inserting;  // while true, link lists are read under their lock

    [ThreadStatic] private static SearchScratch? t_scratch;

    public HnswIndex(int dimension, int m = 32, int efConstruction = 200, int seed = 42)
    {
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension));
        if (m < 2) throw new ArgumentOutOfRangeException(nameof(m), m, "HNSW needs M >= 2.");
        _dimension = dimension;
        M = m;
        EfConstruction = Math.Max(efConstruction, m);
        Seed = seed;
        _levelMultiplier = 1 / Math.Log(m);
        _codeBytes = Int8WalkCodes.PaddedLength(dimension);
        _vectors = new RowStore(dimension * sizeof(float));
        _layer0 = new RowStore(Layer0RowBytes(dimension, m));
        _upperLinks = [];
        _levels = [];
        _removed = [];
        _ids = new IdMap();
    }

    /// <summary>Links per node on layers above 0 (layer 0 allows twice as many).</summary>
    public int M { get; }
    public int EfConstruction { get; }
    public int Seed { get; }

    /// <summary>Beam width of a search: higher is slower and more accurate (at least k is used).</summary>
    public int EfSearch { get; set; } = 64;

    /// <summary>Beam width that seeds <see cref="RangeSearch"/> and <see cref="FindSimilarPairs"/> before they
    /// flood outwards through every neighbour above the threshold.</summary>
    public int RangeEf { get; set; } = 16;

    /// <summary>Whether <see cref="Search"/> walks layer 0 on the one-byte codes and re-ranks its ef best nodes
    /// exactly (the default), or scores every node it visits in float32.</summary>
    public bool WalkOnCodes { get; set; } = true;

    /// <summary>Threads for inserting a batch (0 = all cores).</summary>
    public int BuildThreads { get; set; }

    public string Description => $"HNSW{M}";
    public int Dimension => _dimension;
    public int Count => _ids.LiveCount;
    public IEnumerable<long> Ids => _ids.LiveIds;
    public int RemovedCount => _ids.SlotCount - _ids.LiveCount;

    private int MaxLinks0 => 2 * M;

    /// <summary>
    /// Memory per stored vector: the float32 vector, its layer-0 row (walk codes and links), its share of the upper layers (arrays
    /// and their headers) and per-node bookkeeping; the id map is not counted.
    /// </summary>
    public double BytesPerVector
    {
        get
        {
            var count = _ids.SlotCount;
            if (count == 0) return 0;
            const int arrayHeader = 24;
            long upper = 0;
            for (var slot = 0; slot < count; slot++)
                if (_upperLinks[slot] is { } links) upper += arrayHeader + links.Length * sizeof(int);
            return _vectors.RowBytes + _layer0.RowBytes + (double)upper / count + IntPtr.Size + sizeof(byte) + sizeof(bool);
        }
    }

    public void Add(ReadOnlySpan<long> ids, ReadOnlySpan<float> vectors)
    {
        VectorChecks.RequireShape(ids, vectors, _dimension);
        var first = _ids.SlotCount;
        var total = first + ids.Length;
        _vectors.EnsureCapacity(total);
        _layer0.EnsureCapacity(total);
        GrowArrays(total);
        for (var i = 0; i < ids.Length; i++)
        {
            Remove(ids[i]); // an id added again replaces its vector
            var slot = _ids.AddSlot(ids[i]);
            var vector = vectors.Slice(i * _dimension, _dimension);
            vector.CopyTo(new Span<float>(_vectors.Row(_vectors.Append()), _dimension));
            Int8WalkCodes.Encode(vector, _layer0.Row(_layer0.Append()));
            var level = RandomLevel(slot);
            _levels[slot] = (byte)level;
            _upperLinks[slot] = level > 0 ? new int[level * (1 + M)] : null;
        }
        _inserting = true;
        try
        {
            // Workers take the next slot in order from one counter (as hnswlib does), rather than Parallel.For's
            // ranges, which would start a second worker half-way through the batch: the graph then grows in
            // insertion order whatever the thread count.
            var next = first - 1;
            var workers = Math.Min(ids.Length, BuildThreads > 0 ? BuildThreads : Environment.ProcessorCount);
            Parallel.For(0, workers, Parallelism.Options(BuildThreads), _ =>
            {
                for (int slot; (slot = Interlocked.Increment(ref next)) < total;) Insert(slot);
            });
        }
        finally
        {
            _inserting = false;
        }
    }

    public SearchHit[] Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null)
    {
        VectorChecks.RequireQuery(query, _dimension, k);
        if (_entry < 0) return [];
        (int Item, float Score)[] found;
        // On codes the beam keeps a quarter more than k when k exceeds ef: the re-rank can only reorder what the walk
        // kept, and approximate scores misplace a few nodes near the k-th (recall@100 at ef 64: 0.929 without, 0.936 in float32).
        var ef = WalkOnCodes ? Math.Max(EfSearch, k + k / 4) : Math.Max(EfSearch, k);
        fixed (float* q = query)
        {
            var (entry, entryScore) = DescendToLayer0(q);
            found = WalkOnCodes
                ? WalkLayer0OnCodes(q, entry, ef, filter, onlyLive: true)
                : SearchLayer(new ExactScorer(this, q), entry, entryScore, ef, 0, filter, onlyLive: true).DrainBestFirst();
        }
        var hits = found.Take(k).Select(h => new SearchHit(_ids.IdOf(h.Item), h.Score)).ToArray();
        // A selective filter can starve the beam: fall back to an exact scan so k results still come back.
        return hits.Length < k && hits.Length < Count ? ExactSearch(query, k, filter) : hits;
    }

    public SearchHit[] RangeSearch(ReadOnlySpan<float> query, float minScore, Func<long, bool>? filter = null)
    {
        VectorChecks.RequireQuery(query, _dimension, 1);
        if (_entry < 0) return [];
        fixed (float* q = query)
        {
            var (entry, entryScore) = DescendToLayer0(q);
            var reached = new List<(int Item, float Score)>();
            SearchLayer(new ExactScorer(this, q), entry, entryScore, Math.Max(EfSearch, RangeEf), 0, null, onlyLive: false, reached, minScore);
            return FloodAbove(q, reached, minScore, filter).Select(h => new SearchHit(_ids.IdOf(h.Item), h.Score)).ToArray();
        }
    }

    /// <summary>
    /// All pairs of stored vectors with similarity ≥ <paramref name="minScore"/> (what dedup groups). Each
    /// node is its own entry point: a short beam search on layer 0 from the node finds its closest
    /// neighbours, and a flood through every neighbour above the threshold collects the rest, so no
    /// descent through the upper layers is paid per node.
    /// </summary>
    public IReadOnlyList<SimilarPair> FindSimilarPairs(float minScore, int threads = 0)
    {
        var lists = new ConcurrentBag<List<SimilarPair>>();
        Parallel.For(0, _ids.SlotCount, Parallelism.Options(threads), () => new List<SimilarPair>(), (slot, _, pairs) =>
        {
            if (_removed[slot]) return pairs;
            var q = (float*)_vectors.Row(slot);
            var reached = new List<(int Item, float Score)>();
            SearchLayer(new ExactScorer(this, q), slot, Score(q, slot), RangeEf, 0, null, onlyLive: false, reached, minScore);
            foreach (var (other, score) in FloodAbove(q, reached, minScore, null))
                if (other != slot) pairs.Add(SimilarPairs.Ordered(_ids.IdOf(slot), _ids.IdOf(other), score));
            return pairs;
        }, lists.Add);
        return SimilarPairs.Distinct(lists);
    }

    public bool TryGetVector(long id, Span<float> destination)
    {
        if (!_ids.TryGetSlot(id, out var slot)) return false;
        new ReadOnlySpan<float>(_vectors.Row(slot), _dimension).CopyTo(destination);
        return true;
    }

    /// <summary>Marks a tombstone: the node keeps routing searches but is never returned.</summary>
    public bool Remove(long id)
    {
        if (!_ids.TryGetSlot(id, out var slot)) return false;
        _removed[slot] = true;
        _ids.Forget(id);
        return true;
    }

    /// <summary>Rebuilds the graph from the live vectors only, dropping every tombstone.</summary>
    public void Compact()
    {
        if (RemovedCount == 0) return;
        var liveSlots = Enumerable.Range(0, _ids.SlotCount).Where(s => !_removed[s]).ToArray();
        var ids = liveSlots.Select(_ids.IdOf).ToArray();
        var vectors = new float[liveSlots.Length * _dimension];
        for (var i = 0; i < liveSlots.Length; i++)
            new ReadOnlySpan<float>(_vectors.Row(liveSlots[i]), _dimension).CopyTo(vectors.AsSpan(i * _dimension));
        var rebuilt = new HnswIndex(_dimension, M, EfConstruction, Seed) { BuildThreads = BuildThreads };
        rebuilt.Add(ids, vectors);
        _vectors.Dispose();
        _layer0.Dispose();
        (_vectors, _layer0, _upperLinks, _levels, _removed, _ids, _entry, _topLevel) =
            (rebuilt._vectors, rebuilt._layer0, rebuilt._upperLinks, rebuilt._levels, rebuilt._removed, rebuilt._ids, rebuilt._entry, rebuilt._topLevel);
    }

    public void Save(string path)
    {
        using var writer = new IndexFileWriter(path, Description);
        writer.Write(_dimension);
        writer.Write(EfConstruction);
        writer.Write(Seed);
        writer.Write(EfSearch);
        writer.Write(_entry);
        writer.Write(_topLevel);
        writer.WriteArray<bool>(_removed.AsSpan(0, _ids.SlotCount));
        _ids.Write(writer);
        writer.WriteArray<byte>(_levels.AsSpan(0, _ids.SlotCount));
        var upper = new List<int>();
        for (var slot = 0; slot < _ids.SlotCount; slot++) upper.AddRange(_upperLinks[slot] ?? []);
        writer.WriteArray<int>(upper.ToArray());
        writer.WriteRows(_layer0);
        writer.WriteRows(_vectors);
    }

    internal static HnswIndex Read(IndexFileReader reader, int m)
    {
        var dimension = reader.Read<int>();
        var index = new HnswIndex(dimension, m, reader.Read<int>(), reader.Read<int>()) { EfSearch = reader.Read<int>() };
        index._entry = reader.Read<int>();
        index._topLevel = reader.Read<int>();
        var removed = reader.ReadArray<bool>();
        index._ids = IdMap.Read(reader, slot => slot < removed.Length && !removed[slot]);
        var levels = reader.ReadArray<byte>();
        var upper = reader.ReadArray<int>();
        var count = index._ids.SlotCount;
        if (removed.Length != count || levels.Length != count) throw reader.Corrupt();
        index._removed = removed;
        index._levels = levels;
        index._upperLinks = new int[]?[count];
        var offset = 0;
        for (var slot = 0; slot < count; slot++)
        {
            var length = levels[slot] * (1 + m);
            if (length == 0) continue;
            if (offset + length > upper.Length) throw reader.Corrupt();
            index._upperLinks[slot] = upper.AsSpan(offset, length).ToArray();
            offset += length;
        }
        index._layer0.Dispose();
        index._vectors.Dispose();
        var linksOnly = (1 + 2 * m) * sizeof(int);
        var layer0 = reader.ReadRows(Layer0RowBytes(dimension, m), linksOnly);
        index._vectors = reader.ReadRows(dimension * sizeof(float));
        if (layer0.Count != count || index._vectors.Count != count) throw reader.Corrupt();
        index._layer0 = layer0.RowBytes == linksOnly ? index.WithWalkCodes(layer0) : layer0;
        return index;
    }

    /// <summary>Layer-0 rows of a file saved before the walk codes existed, copied into rows with codes.</summary>
    private RowStore WithWalkCodes(RowStore linksOnly)
    {
        var rows = new RowStore(_layer0.RowBytes, linksOnly.Count);
        rows.AppendZeroed(linksOnly.Count);
        for (var slot = 0; slot < linksOnly.Count; slot++)
        {
            Int8WalkCodes.Encode(new ReadOnlySpan<float>(_vectors.Row(slot), _dimension), rows.Row(slot));
            linksOnly.RowSpan(slot).CopyTo(new Span<byte>(rows.Row(slot) + _codeBytes, linksOnly.RowBytes));
        }
        linksOnly.Dispose();
        return rows;
    }

    private static int Layer0RowBytes(int dimension, int m) =>
        (Int8WalkCodes.PaddedLength(dimension) + (1 + 2 * m) * sizeof(int) + 63) & ~63;

    public void Dispose()
    {
        _vectors.Dispose();
        _layer0.Dispose();
    }

    // ---- Insertion -------------------------------------------------------------------------------

    private void Insert(int slot)
    {
        var level = _levels[slot];
        int entry, topLevel;
        lock (_entryLock)
        {
            (entry, topLevel) = (_entry, _topLevel);
            if (entry < 0)
            {
                (_entry, _topLevel) = (slot, level);
                return;
            }
        }
        var q = (float*)_vectors.Row(slot);
        var entryScore = Score(q, entry);
        for (var layer = topLevel; layer > level; layer--) (entry, entryScore) = GreedyStep(q, entry, entryScore, layer);
        var lowest = Math.Min(level, topLevel);
        var chosen = new List<(int Item, float Score)>[lowest + 1];
        for (var layer = lowest; layer >= 0; layer--)
        {
            var candidates = layer == 0
                ? WalkLayer0OnCodes(q, entry, EfConstruction, null, onlyLive: false)
                : SearchLayer(new ExactScorer(this, q), entry, entryScore, EfConstruction, layer, null, onlyLive: false).DrainBestFirst();
            chosen[layer] = SelectDiverse(candidates, layer == 0 ? MaxLinks0 : M);
            SetOwnLinks(slot, layer, chosen[layer]);
            (entry, entryScore) = candidates[0];
        }
        // Others link to the node only once its own lists are filled on every layer. Linking back layer by
        // layer would let a concurrent insert reach it on layer l+1, step down into its still empty list on
        // layer l and come away with it as its only neighbour there; hnswlib prevents the same by holding the
        // node's lock for its whole insert, which would deadlock with striped locks.
        for (var layer = lowest; layer >= 0; layer--)
            foreach (var (neighbour, score) in chosen[layer]) LinkBack(neighbour, slot, score, layer);
        if (level > topLevel)
            lock (_entryLock)
                if (level > _topLevel) (_entry, _topLevel) = (slot, level);
    }

    /// <summary>
    /// The neighbour-selection heuristic: walk candidates best first and keep one only if it is closer
    /// to the new node than to every neighbour already kept, i.e. it covers a new direction.
    /// </summary>
    private List<(int Item, float Score)> SelectDiverse((int Item, float Score)[] bestFirst, int max)
    {
        // As hnswlib: fewer candidates than links allowed are all kept (only the first nodes of a graph).
        if (bestFirst.Length < max) return [.. bestFirst];
        var kept = new List<(int Item, float Score)>(max);
        foreach (var candidate in bestFirst)
        {
            if (kept.Count >= max) break;
            var candidateVector = (float*)_vectors.Row(candidate.Item);
            var diverse = true;
            foreach (var k in kept)
                if (Score(candidateVector, k.Item) > candidate.Score)
                {
                    diverse = false;
                    break;
                }
            if (diverse) kept.Add(candidate);
        }
        return kept;
    }

    private void SetOwnLinks(int slot, int layer, List<(int Item, float Score)> neighbours)
    {
        // Nobody links to the node before this (see Insert), so its list is simply written.
        lock (LockOf(slot))
        {
            var links = Links(slot, layer);
            for (var i = 0; i < neighbours.Count; i++) links[1 + i] = neighbours[i].Item;
            links[0] = neighbours.Count;
        }
    }

    /// <summary>Adds <paramref name="newNode"/> to <paramref name="node"/>'s links, re-pruning a full list.</summary>
    private void LinkBack(int node, int newNode, float score, int layer)
    {
        lock (LockOf(node))
        {
            var links = Links(node, layer);
            var count = links[0];
            if (links[1..(1 + count)].Contains(newNode)) return;
            if (count < links.Length - 1)
            {
                links[1 + count] = newNode;
                links[0] = count + 1;
                return;
            }
            var nodeVector = (float*)_vectors.Row(node);
            var candidates = new (int Item, float Score)[count + 1];
            for (var i = 0; i < count; i++) candidates[i] = (links[1 + i], Score(nodeVector, links[1 + i]));
            candidates[count] = (newNode, score);
            Array.Sort(candidates, (a, b) => b.Score.CompareTo(a.Score));
            var kept = SelectDiverse(candidates, links.Length - 1);
            for (var i = 0; i < kept.Count; i++) links[1 + i] = kept[i].Item;
            links[0] = kept.Count;
        }
    }

    private int RandomLevel(int slot)
    {
        // Hash of (seed, slot) rather than a shared Random: deterministic however the inserts are scheduled.
        var h = (ulong)slot * 0x9E3779B97F4A7C15UL ^ (ulong)Seed * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        var uniform = ((h >> 11) + 0.5) / (1UL << 53);
        return Math.Min((int)(-Math.Log(uniform) * _levelMultiplier), MaxLevel);
    }

    private void GrowArrays(int capacity)
    {
        if (capacity <= _levels.Length) return;
        var size = Math.Max(capacity, _levels.Length * 3 / 2);
        Array.Resize(ref _levels, size);
        Array.Resize(ref _removed, size);
        Array.Resize(ref _upperLinks, size);
    }

    // ---- Searching -------------------------------------------------------------------------------

    /// <summary>Greedy walk down the upper layers to the node on layer 1 closest to the query.</summary>
    private (int Entry, float Score) DescendToLayer0(float* q)
    {
        int entry, topLevel;
        lock (_entryLock) (entry, topLevel) = (_entry, _topLevel);
        var score = Score(q, entry);
        for (var layer = topLevel; layer > 0; layer--) (entry, score) = GreedyStep(q, entry, score, layer);
        return (entry, score);
    }

    /// <summary>On one layer, moves to a better neighbour until none is better (a beam of width 1).</summary>
    private (int, float) GreedyStep(float* q, int node, float score, int layer)
    {
        var scratch = Scratch();
        for (var improved = true; improved;)
        {
            improved = false;
            var count = ReadLinks(node, layer, scratch.Neighbours);
            for (var i = 0; i < count; i++)
            {
                var candidate = scratch.Neighbours[i];
                var s = Score(q, candidate);
                if (s > score) (node, score, improved) = (candidate, s, true);
            }
        }
        return (node, score);
    }

    /// <summary>
    /// Best-first beam search on one layer: expand the most promising unexpanded node, keep the
    /// <paramref name="ef"/> best accepted nodes, stop when the best unexpanded node is worse than the worst
    /// kept one. Removed or filtered-out nodes are still walked through, just never kept.
    /// For range searches, every node scored at or above <paramref name="reachAt"/> is also added to
    /// <paramref name="reached"/> (whether kept or not), so the flood that follows need not score it again.
    /// The returned heap belongs to this thread's scratch: drain it before searching again.
    /// </summary>
    private ScoreHeap SearchLayer<TScorer>(in TScorer scorer, int entry, float entryScore, int ef, int layer, Func<long, bool>? filter,
        bool onlyLive, List<(int Item, float Score)>? reached = null, float reachAt = float.PositiveInfinity)
        where TScorer : struct, INodeScorer
    {
        var scratch = Scratch();
        scratch.StartVisit(_ids.SlotCount);
        var toExpand = scratch.ToExpand; // scores negated: the best candidate is on top
        var best = scratch.Best;
        toExpand.Clear();
        best.Clear();
        scratch.Visit(entry);
        if (entryScore >= reachAt) reached!.Add((entry, entryScore));
        toExpand.Push(-entryScore, entry);
        if (Accepts(entry, filter, onlyLive)) best.Push(entryScore, entry);
        var neighbours = scratch.Neighbours;
        while (toExpand.Count > 0)
        {
            var score = -toExpand.TopScore;
            if (best.Count >= ef && score < best.TopScore) break;
            var node = toExpand.TopItem;
            toExpand.Pop();
            var count = ReadLinks(node, layer, neighbours);
            // Keep the unvisited neighbours and ask for all their vectors before scoring the first, so the
            // memory loads overlap instead of each one waiting for the last to be scored.
            var fresh = 0;
            for (var i = 0; i < count; i++)
            {
                var candidate = neighbours[i];
                if (!scratch.Visit(candidate)) continue;
                neighbours[fresh++] = candidate;
                scorer.Prefetch(candidate);
            }
            for (var i = 0; i < fresh; i++)
            {
                var candidate = neighbours[i];
                var s = scorer.Score(candidate);
                if (s >= reachAt) reached!.Add((candidate, s));
                if (best.Count >= ef && s <= best.TopScore) continue;
                toExpand.Push(-s, candidate);
                if (!Accepts(candidate, filter, onlyLive)) continue;
                best.Push(s, candidate);
                if (best.Count > ef) best.Pop();
            }
        }
        return best;
    }

    /// <summary>
    /// Continues the search that found <paramref name="reached"/> (all at or above <paramref name="minScore"/>,
    /// already marked visited): visits every layer-0 neighbour that is also above it (a flood fill),
    /// returning the accepted ones best first.
    /// </summary>
    private List<(int Item, float Score)> FloodAbove(float* q, List<(int Item, float Score)> reached, float minScore, Func<long, bool>? filter)
    {
        var scratch = Scratch();
        var frontier = new Stack<int>();
        var hits = new List<(int Item, float Score)>();
        foreach (var (item, score) in reached)
        {
            frontier.Push(item);
            if (Accepts(item, filter, onlyLive: true)) hits.Add((item, score));
        }
        while (frontier.Count > 0)
        {
            var count = ReadLinks(frontier.Pop(), 0, scratch.Neighbours);
            for (var i = 0; i < count; i++)
            {
                var candidate = scratch.Neighbours[i];
                if (!scratch.Visit(candidate)) continue;
                var s = Score(q, candidate);
                if (s < minScore) continue;
                frontier.Push(candidate);
                if (Accepts(candidate, filter, onlyLive: true)) hits.Add((candidate, s));
            }
        }
        hits.Sort((a, b) => b.Score.CompareTo(a.Score));
        return hits;
    }

    /// <summary>
    /// The beam search on layer 0 scored with the walk codes, its <paramref name="ef"/> best nodes then re-scored
    /// exactly: what queries and inserts (whose neighbour choice then sees exact scores) search layer 0 with.
    /// </summary>
    private (int Item, float Score)[] WalkLayer0OnCodes(float* q, int entry, int ef, Func<long, bool>? filter, bool onlyLive)
    {
        var codes = _codeBytes <= 4096 ? stackalloc sbyte[_codeBytes] : new sbyte[_codeBytes];
        var (factor, correction) = Int8WalkCodes.PrepareQuery(new ReadOnlySpan<float>(q, _dimension), codes);
        fixed (sbyte* c = codes)
        {
            var walk = new CodeScorer(this, c, factor, correction);
            return Rerank(q, SearchLayer(walk, entry, walk.Score(entry), ef, 0, filter, onlyLive).DrainBestFirst());
        }
    }

    /// <summary>Exact float32 scores for the nodes a walk on codes kept, best first.</summary>
    private (int Item, float Score)[] Rerank(float* q, (int Item, float Score)[] walked)
    {
        var exact = new ExactScorer(this, q);
        foreach (var (item, _) in walked) exact.Prefetch(item);
        for (var i = 0; i < walked.Length; i++) walked[i].Score = exact.Score(walked[i].Item);
        Array.Sort(walked, (a, b) => b.Score.CompareTo(a.Score));
        return walked;
    }

    private SearchHit[] ExactSearch(ReadOnlySpan<float> query, int k, Func<long, bool>? filter)
    {
        var best = new ScoreHeap(k);
        fixed (float* q = query)
            for (var slot = 0; slot < _ids.SlotCount; slot++)
                if (Accepts(slot, filter, onlyLive: true)) best.PushBounded(Score(q, slot), slot, k);
        return best.DrainBestFirst().Select(h => new SearchHit(_ids.IdOf(h.Item), h.Score)).ToArray();
    }

    private bool Accepts(int slot, Func<long, bool>? filter, bool onlyLive) =>
        !onlyLive || (!_removed[slot] && (filter == null || filter(_ids.IdOf(slot))));

    private float Score(float* q, int slot) =>
        TensorPrimitives.Dot(new ReadOnlySpan<float>(q, _dimension), new ReadOnlySpan<float>(_vectors.Row(slot), _dimension));

    private Span<int> Links(int slot, int layer) => layer == 0
        ? new Span<int>(_layer0.Row(slot) + _codeBytes, 1 + MaxLinks0)
        : _upperLinks[slot].AsSpan((layer - 1) * (1 + M), 1 + M);

    /// <summary>Copies a node's neighbours into <paramref name="buffer"/> (under its lock while inserts run).</summary>
    private int ReadLinks(int slot, int layer, int[] buffer)
    {
        if (!_inserting) return CopyLinks(Links(slot, layer), buffer);
        lock (LockOf(slot)) return CopyLinks(Links(slot, layer), buffer);
    }

    private static int CopyLinks(Span<int> links, int[] buffer)
    {
        var count = links[0];
        links.Slice(1, count).CopyTo(buffer);
        return count;
    }

    private object LockOf(int slot) => _nodeLocks[slot & (LockStripes - 1)];

    private SearchScratch Scratch()
    {
        var scratch = t_scratch ??= new SearchScratch();
        if (scratch.Neighbours.Length < 1 + MaxLinks0) scratch.Neighbours = new int[1 + MaxLinks0];
        return scratch;
    }

    /// <summary>How a beam search scores a node against its query (a struct, so each kind compiles to its own loop).</summary>
    private interface INodeScorer
    {
        float Score(int slot);

        /// <summary>Asks for the bytes <see cref="Score"/> will read, before it reads them.</summary>
        void Prefetch(int slot);
    }

    /// <summary>Float32 dot products with the stored vectors.</summary>
    private readonly struct ExactScorer(HnswIndex index, float* query) : INodeScorer
    {
        private readonly byte* _rows = index._vectors.Row(0);
        private readonly int _dimension = index._dimension;

        public float Score(int slot) =>
            TensorPrimitives.Dot(new ReadOnlySpan<float>(query, _dimension), new ReadOnlySpan<float>(_rows + (long)slot * _dimension * sizeof(float), _dimension));

        public void Prefetch(int slot)
        {
            if (Sse.IsSupported) Sse.Prefetch0(_rows + (long)slot * _dimension * sizeof(float));
        }
    }

    /// <summary>Approximate scores from the walk codes at the start of each layer-0 row.</summary>
    private readonly struct CodeScorer(HnswIndex index, sbyte* query, float factor, int correction) : INodeScorer
    {
        private readonly byte* _rows = index._layer0.Row(0);
        private readonly long _rowBytes = index._layer0.RowBytes;
        private readonly int _codeBytes = index._codeBytes;

        public float Score(int slot) => Int8WalkCodes.Score(_rows + slot * _rowBytes, query, _codeBytes, factor, correction);

        public void Prefetch(int slot)
        {
            if (!Sse.IsSupported) return;
            var row = _rows + slot * _rowBytes;
            for (var offset = 0; offset < _codeBytes; offset += 64) Sse.Prefetch0(row + offset);
        }
    }

    /// <summary>Per-thread search state: a visited mark per node (reset by bumping a generation), two heaps.</summary>
    private sealed class SearchScratch
    {
        private int[] _marks = [];
        private int _generation;

        public ScoreHeap ToExpand { get; } = new(256);
        public ScoreHeap Best { get; } = new(256);
        public int[] Neighbours { get; set; } = [];

        public void StartVisit(int nodes)
        {
            if (_marks.Length < nodes) _marks = new int[nodes + nodes / 2];
            if (++_generation == int.MaxValue)
            {
                Array.Clear(_marks);
                _generation = 1;
            }
        }

        /// <summary>Marks a node visited; false when it already was.</summary>
        public bool Visit(int node)
        {
            if (_marks[node] == _generation) return false;
            _marks[node] = _generation;
            return true;
        }
    }
}
