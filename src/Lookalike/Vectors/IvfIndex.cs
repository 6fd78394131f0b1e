using System.Numerics.Tensors;
using Lookalike.Vectors.Impl;

namespace Lookalike.Vectors;

/// <summary>
/// Inverted-file index ("IVF{n},Flat" or "IVF{n},PQ{m}"). k-means, trained on a sample of the first vectors
/// added, cuts the space into n cells; each vector is filed under its nearest centroid, and a search scans
/// only the <see cref="NProbe"/> cells whose centroids best match the query.
/// <para>
/// With PQ, a cell stores m bytes per vector: the product-quantised residual (vector − centroid). Because
/// q·x = q·centroid + q·residual, one ADC table per query serves every cell. The PQ scores only pick
/// candidates: the best <see cref="RerankCandidates"/> are re-scored exactly against the float32 vectors,
/// which live in a separate row store that a loaded index maps from disk instead of holding in RAM.
/// </para>
/// </summary>
public sealed unsafe class IvfIndex : IVectorIndex
{
    /// <summary>Training uses at most this many vectors per cell (FAISS warns below 39).</summary>
    private const int TrainingPerCell = 40;
    private const int PqTrainingSample = 16_384;
    private const int KMeansIterations = 10;

    private readonly int _dimension;
    private readonly int _pqParts;
    private float[] _centroids = [];
    private ProductQuantizer? _pq;
    private InvertedList[] _lists;
    private readonly RowStore _exact;   // float32 by slot: re-rank vectors for PQ, unused for Flat
    private int[] _listOf = [];
    private readonly IdMap _ids;

    /// <summary>An empty IVF index with <paramref name="cells"/> cells; <paramref name="pqParts"/> = 0 stores
    /// vectors as they are (IVF-Flat), otherwise as PQ codes of that many bytes.</summary>
    public IvfIndex(int dimension, int cells, int pqParts = 0, int seed = 42)
    {
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension));
        if (cells <= 0) throw new ArgumentOutOfRangeException(nameof(cells), cells, "IVF needs at least one cell.");
        if (pqParts < 0 || (pqParts > 0 && dimension % pqParts != 0))
            throw new ArgumentException($"PQ{pqParts} needs a dimension divisible by {pqParts}; the index has {dimension}.", nameof(pqParts));
        _dimension = dimension;
        Cells = cells;
        _pqParts = pqParts;
        Seed = seed;
        _lists = Enumerable.Range(0, cells).Select(_ => new InvertedList(CodeBytes)).ToArray();
        _exact = new RowStore(dimension * sizeof(float));
        _ids = new IdMap();
    }

    private IvfIndex(int dimension, int cells, int pqParts, int seed, RowStore exact, IdMap ids)
        : this(dimension, cells, pqParts, seed)
    {
        _exact.Dispose();
        _exact = exact;
        _ids = ids;
    }

    public int Cells { get; }
    public int Seed { get; }

    /// <summary>Cells scanned per search.</summary>
    public int NProbe { get; set; } = 16;

    /// <summary>How many PQ candidates are re-scored exactly (at least k); ignored by IVF-Flat.</summary>
    public int RerankCandidates { get; set; } = 400;

    /// <summary>Threads for training and encoding (0 = all cores).</summary>
    public int BuildThreads { get; set; }

    public bool IsTrained => _centroids.Length > 0;
    public string Description => _pqParts > 0 ? $"IVF{Cells},PQ{_pqParts}" : $"IVF{Cells},Flat";
    public int Dimension => _dimension;
    public int Count => _ids.LiveCount;
    public IEnumerable<long> Ids => _ids.LiveIds;

    /// <summary>Bytes per vector held in RAM by the cells (the exact vectors for re-ranking are extra, on disk once saved).</summary>
    public int CodeBytes => _pqParts > 0 ? _pqParts : _dimension * sizeof(float);

    /// <summary>Learns the cells (and PQ codebooks) from a sample of <paramref name="vectors"/>.</summary>
    public void Train(ReadOnlySpan<float> vectors)
    {
        var n = vectors.Length / _dimension;
        var minimum = Math.Max(Cells, _pqParts > 0 ? ProductQuantizer.CentroidsPerPart : 0);
        if (n < minimum)
            throw new ArgumentException($"{Description} needs at least {minimum} vectors to train, got {n}.", nameof(vectors));
        var sample = Sample(vectors, Math.Min(n, Cells * TrainingPerCell));
        _centroids = KMeans.Train(sample, _dimension, Cells, KMeansIterations, spherical: true, Seed, BuildThreads);
        if (_pqParts == 0) return;
        var residuals = Sample(vectors, Math.Min(n, PqTrainingSample));
        var assignment = new int[residuals.Length / _dimension];
        KMeans.Assign(residuals, _dimension, _centroids, assignment, BuildThreads);
        for (var i = 0; i < assignment.Length; i++)
            TensorPrimitives.Subtract(residuals.AsSpan(i * _dimension, _dimension), _centroids.AsSpan(assignment[i] * _dimension, _dimension),
                residuals.AsSpan(i * _dimension, _dimension));
        _pq = ProductQuantizer.Train(residuals, _dimension, _pqParts, Seed, BuildThreads);
    }

    /// <summary>Adds vectors; an untrained index first trains on this batch.</summary>
    public void Add(ReadOnlySpan<long> ids, ReadOnlySpan<float> vectors)
    {
        VectorChecks.RequireShape(ids, vectors, _dimension);
        if (!IsTrained) Train(vectors);
        var all = vectors.ToArray();
        var assignment = new int[ids.Length];
        KMeans.Assign(all, _dimension, _centroids, assignment, BuildThreads);
        var codes = new byte[ids.Length * CodeBytes];
        Parallel.For(0, ids.Length, Parallelism.Options(BuildThreads), () => new float[Math.Max(_dimension, _pqParts * ProductQuantizer.CentroidsPerPart) * 2],
            (i, _, scratch) =>
            {
                Encode(all.AsSpan(i * _dimension, _dimension), assignment[i], codes.AsSpan(i * CodeBytes, CodeBytes), scratch);
                return scratch;
            }, _ => { });
        if (_pqParts > 0) _exact.EnsureCapacity(_exact.Count + ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            Remove(ids[i]);
            var slot = _ids.AddSlot(ids[i]);
            if (_pqParts > 0) all.AsSpan(i * _dimension, _dimension).CopyTo(new Span<float>(_exact.Row(_exact.Append()), _dimension));
            if (_listOf.Length <= slot) Array.Resize(ref _listOf, Math.Max(slot + 1, _listOf.Length * 2));
            _listOf[slot] = assignment[i];
            _lists[assignment[i]].Add(slot, codes.AsSpan(i * CodeBytes, CodeBytes));
        }
    }

    public SearchHit[] Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null)
    {
        VectorChecks.RequireQuery(query, _dimension, k);
        if (!IsTrained) return [];
        var hits = SearchCells(query, k, filter, NearestCells(query, NProbe));
        // A selective filter can leave fewer than k in the probed cells: then probe every cell.
        return hits.Length < k && filter != null && NProbe < Cells ? SearchCells(query, k, filter, NearestCells(query, Cells)) : hits;
    }

    private SearchHit[] SearchCells(ReadOnlySpan<float> query, int k, Func<long, bool>? filter, (int Cell, float Score)[] cells)
    {
        var candidates = _pqParts > 0 ? Math.Max(RerankCandidates, k) : k;
        var best = new ScoreHeap(candidates);
        var table = _pq != null ? new float[_pqParts * ProductQuantizer.CentroidsPerPart] : null;
        _pq?.ComputeTable(query, table);
        fixed (float* q = query)
        fixed (float* t = table)
            foreach (var (cell, cellScore) in cells)
            {
                var slots = _lists[cell].Slots;
                fixed (byte* codes = _lists[cell].Codes)
                    for (var i = 0; i < slots.Length; i++)
                    {
                        var slot = slots[i];
                        if (filter != null && !filter(_ids.IdOf(slot))) continue;
                        var code = codes + (long)i * CodeBytes;
                        var score = t != null
                            ? cellScore + ProductQuantizer.Score(t, code, _pqParts)
                            : TensorPrimitives.Dot(new ReadOnlySpan<float>(q, _dimension), new ReadOnlySpan<float>(code, _dimension));
                        best.PushBounded(score, slot, candidates);
                    }
            }
        var found = best.DrainBestFirst();
        if (_pqParts > 0) found = Rerank(query, found);
        return found.Take(k).Select(h => new SearchHit(_ids.IdOf(h.Item), h.Score)).ToArray();
    }

    /// <summary>Every vector in the probed cells scoring at least <paramref name="minScore"/>, scored exactly.</summary>
    public SearchHit[] RangeSearch(ReadOnlySpan<float> query, float minScore, Func<long, bool>? filter = null)
    {
        VectorChecks.RequireQuery(query, _dimension, 1);
        if (!IsTrained) return [];
        var hits = new List<SearchHit>();
        Span<float> vector = new float[_dimension];
        foreach (var (cell, _) in NearestCells(query, NProbe))
            foreach (var slot in _lists[cell].Slots)
            {
                var id = _ids.IdOf(slot);
                if (filter != null && !filter(id)) continue;
                ExactVector(slot, vector);
                var score = TensorPrimitives.Dot(query, vector);
                if (score >= minScore) hits.Add(new SearchHit(id, score));
            }
        hits.Sort((a, b) => b.Score.CompareTo(a.Score));
        return hits.ToArray();
    }

    public bool TryGetVector(long id, Span<float> destination)
    {
        if (!_ids.TryGetSlot(id, out var slot)) return false;
        ExactVector(slot, destination);
        return true;
    }

    /// <summary>Takes the vector out of its cell at once; with PQ its re-rank row stays until saved.</summary>
    public bool Remove(long id)
    {
        if (!_ids.TryGetSlot(id, out var slot)) return false;
        _lists[_listOf[slot]].Remove(slot);
        _ids.Forget(id);
        return true;
    }

    public void Save(string path)
    {
        using var writer = new IndexFileWriter(path, Description);
        writer.Write(_dimension);
        writer.Write(Seed);
        writer.Write(NProbe);
        writer.Write(RerankCandidates);
        writer.WriteArray<float>(_centroids);
        if (_pq != null) _pq.Write(writer);
        _ids.Write(writer);
        foreach (var list in _lists) list.Write(writer);
        writer.WriteRows(_exact);
    }

    internal static IvfIndex Read(IndexFileReader reader, int cells, int pqParts)
    {
        var dimension = reader.Read<int>();
        var seed = reader.Read<int>();
        var nprobe = reader.Read<int>();
        var rerank = reader.Read<int>();
        var centroids = reader.ReadArray<float>();
        if (centroids.Length != 0 && centroids.Length != cells * dimension) throw reader.Corrupt();
        var pq = pqParts > 0 && centroids.Length > 0 ? ProductQuantizer.Read(reader, dimension) : null;
        var ids = IdMap.Read(reader);
        var codeBytes = pqParts > 0 ? pqParts : dimension * sizeof(float);
        var lists = Enumerable.Range(0, cells).Select(_ => InvertedList.Read(reader, codeBytes)).ToArray();
        var index = new IvfIndex(dimension, cells, pqParts, seed, reader.ReadRows(dimension * sizeof(float)), ids)
        {
            NProbe = nprobe, RerankCandidates = rerank, _centroids = centroids, _pq = pq, _lists = lists,
        };
        var listOf = new int[ids.SlotCount];
        var live = new bool[ids.SlotCount];
        for (var cell = 0; cell < cells; cell++)
            foreach (var slot in lists[cell].Slots)
            {
                if ((uint)slot >= (uint)listOf.Length) throw reader.Corrupt();
                (listOf[slot], live[slot]) = (cell, true);
            }
        index._listOf = listOf;
        for (var slot = 0; slot < live.Length; slot++)
            if (!live[slot]) ids.ForgetSlot(slot);
        return index;
    }

    public void Dispose() => _exact.Dispose();

    private void Encode(ReadOnlySpan<float> vector, int cell, Span<byte> code, float[] scratch)
    {
        if (_pq == null)
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector).CopyTo(code);
            return;
        }
        var residual = scratch.AsSpan(0, _dimension);
        TensorPrimitives.Subtract(vector, _centroids.AsSpan(cell * _dimension, _dimension), residual);
        _pq.Encode(residual, code, scratch.AsSpan(_dimension, _pqParts * ProductQuantizer.CentroidsPerPart));
    }

    private void ExactVector(int slot, Span<float> destination)
    {
        if (_pqParts > 0) new ReadOnlySpan<float>(_exact.Row(slot), _dimension).CopyTo(destination);
        else System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(_lists[_listOf[slot]].CodeOf(slot)).CopyTo(destination);
    }

    /// <summary>The <paramref name="probes"/> cells whose centroids score best against the query, with those scores.</summary>
    private (int Cell, float Score)[] NearestCells(ReadOnlySpan<float> query, int probes)
    {
        probes = Math.Min(probes, Cells);
        var heap = new ScoreHeap(probes);
        for (var cell = 0; cell < Cells; cell++)
            heap.PushBounded(TensorPrimitives.Dot(query, _centroids.AsSpan(cell * _dimension, _dimension)), cell, probes);
        return heap.DrainBestFirst();
    }

    /// <summary>The recall guardrail: PQ only shortlists; final scores come from the exact vectors.</summary>
    private (int Item, float Score)[] Rerank(ReadOnlySpan<float> query, (int Item, float Score)[] candidates)
    {
        var rescored = new (int Item, float Score)[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            var slot = candidates[i].Item;
            rescored[i] = (slot, TensorPrimitives.Dot(query, new ReadOnlySpan<float>(_exact.Row(slot), _dimension)));
        }
        Array.Sort(rescored, (a, b) => b.Score.CompareTo(a.Score));
        return rescored;
    }

    private float[] Sample(ReadOnlySpan<float> vectors, int count)
    {
        var n = vectors.Length / _dimension;
        var random = new Random(Seed);
        var picks = Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(count).ToArray();
        var sample = new float[count * _dimension];
        for (var i = 0; i < count; i++) vectors.Slice(picks[i] * _dimension, _dimension).CopyTo(sample.AsSpan(i * _dimension));
        return sample;
    }
}
