using System.Numerics.Tensors;
using Lookalike.Vectors.Impl;

namespace Lookalike.Vectors;

/// <summary>
/// Exact search: every query is scored against every stored vector (SIMD dot products) and the best k
/// kept in a heap. Vectors are float32 ("Flat"), half precision ("F16") or one byte per dimension ("SQ8").
/// A loaded index maps its vectors from the file, so opening a collection larger than RAM is instant.
/// </summary>
public sealed unsafe class FlatIndex : IVectorIndex
{
    /// <summary>Rows scored together per query group in a batch: 256 rows of 512 floats stay in L2 cache.</summary>
    private const int BlockRows = 256;
    private const int QueriesPerGroup = 32;

    private readonly VectorCodec _codec;
    private readonly RowStore _rows;
    private readonly IdMap _ids;

    /// <summary>An empty exact index; <paramref name="storage"/> is "Flat", "F16" or "SQ8".</summary>
    public FlatIndex(int dimension, string storage = "Flat")
        : this(VectorCodec.Create(storage, dimension), null, new IdMap()) { }

    private FlatIndex(VectorCodec codec, RowStore? rows, IdMap ids)
    {
        _codec = codec;
        _rows = rows ?? new RowStore(codec.RowBytes);
        _ids = ids;
    }

    public string Description => _codec.Name;
    public int Dimension => _codec.Dimension;
    public int Count => _ids.LiveCount;
    public IEnumerable<long> Ids => _ids.LiveIds;

    /// <summary>Bytes per stored vector (what the storage choice saves).</summary>
    public int BytesPerVector => _codec.RowBytes;

    public void Add(ReadOnlySpan<long> ids, ReadOnlySpan<float> vectors)
    {
        VectorChecks.RequireShape(ids, vectors, Dimension);
        if (!_codec.IsTrained) _codec.Train(vectors);
        _rows.EnsureCapacity(_rows.Count + ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (!_ids.TryGetSlot(ids[i], out var slot))
            {
                slot = _ids.AddSlot(ids[i]);
                _rows.Append();
            }
            _codec.Encode(vectors.Slice(i * Dimension, Dimension), _rows.Row(slot));
        }
    }

    public SearchHit[] Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null)
    {
        VectorChecks.RequireQuery(query, Dimension, k);
        var prepared = _codec.Prepare(query);
        var best = new ScoreHeap(k);
        Span<float> scores = new float[BlockRows];
        for (var blockStart = 0; blockStart < _rows.Count; blockStart += BlockRows)
            ScanBlock(prepared, blockStart, Math.Min(BlockRows, _rows.Count - blockStart), best, k, filter, scores);
        return ToHits(best);
    }

    /// <summary>
    /// Batch search that reads (and for F16, widens) each block of stored rows once per group of
    /// queries rather than once per query, so the scan is bound by compute rather than memory bandwidth.
    /// </summary>
    public SearchHit[][] SearchBatch(ReadOnlySpan<float> queries, int k, int threads = 0, Func<long, bool>? filter = null)
    {
        var count = queries.Length / Dimension;
        var all = queries.ToArray();
        var prepared = new PreparedQuery[count];
        for (var q = 0; q < count; q++)
        {
            VectorChecks.RequireQuery(queries.Slice(q * Dimension, Dimension), Dimension, k);
            prepared[q] = _codec.Prepare(queries.Slice(q * Dimension, Dimension));
        }
        var results = new SearchHit[count][];
        var groups = (count + QueriesPerGroup - 1) / QueriesPerGroup;
        Parallel.For(0, groups, Parallelism.Options(threads), group =>
        {
            var first = group * QueriesPerGroup;
            var heaps = Enumerable.Range(0, Math.Min(QueriesPerGroup, count - first)).Select(_ => new ScoreHeap(k)).ToArray();
            var scores = new float[BlockRows];
            var widened = _codec.WidenForBatches ? new float[BlockRows * Dimension] : null;
            for (var blockStart = 0; blockStart < _rows.Count; blockStart += BlockRows)
            {
                var rows = Math.Min(BlockRows, _rows.Count - blockStart);
                if (widened == null)
                {
                    for (var q = 0; q < heaps.Length; q++) ScanBlock(prepared[first + q], blockStart, rows, heaps[q], k, filter, scores);
                    continue;
                }
                for (var r = 0; r < rows; r++) _codec.Decode(_rows.Row(blockStart + r), widened.AsSpan(r * Dimension, Dimension));
                for (var q = 0; q < heaps.Length; q++)
                {
                    var query = all.AsSpan((first + q) * Dimension, Dimension);
                    for (var r = 0; r < rows; r++) scores[r] = TensorPrimitives.Dot(query, widened.AsSpan(r * Dimension, Dimension));
                    Offer(scores.AsSpan(0, rows), blockStart, heaps[q], k, filter);
                }
            }
            for (var q = 0; q < heaps.Length; q++) results[first + q] = ToHits(heaps[q]);
        });
        return results;
    }

    /// <summary>Scores rows [start, start+count) and offers them to the top-k heap.</summary>
    private void ScanBlock(in PreparedQuery query, int start, int count, ScoreHeap best, int k, Func<long, bool>? filter, Span<float> scores)
    {
        scores = scores[..count];
        _codec.ScoreRows(query, _rows.Row(start), scores);
        Offer(scores, start, best, k, filter);
    }

    /// <summary>Offers the scores of consecutive slots from <paramref name="start"/> to a top-k heap.</summary>
    private void Offer(ReadOnlySpan<float> scores, int start, ScoreHeap best, int k, Func<long, bool>? filter)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            if (best.Count == k && scores[i] <= best.TopScore) continue;
            if (filter != null && !filter(_ids.IdOf(start + i))) continue;
            best.PushBounded(scores[i], start + i, k);
        }
    }

    public SearchHit[] RangeSearch(ReadOnlySpan<float> query, float minScore, Func<long, bool>? filter = null)
    {
        VectorChecks.RequireQuery(query, Dimension, 1);
        var prepared = _codec.Prepare(query);
        var hits = new List<SearchHit>();
        for (var slot = 0; slot < _rows.Count; slot++)
        {
            var id = _ids.IdOf(slot);
            if (filter != null && !filter(id)) continue;
            var score = _codec.Score(prepared, _rows.Row(slot));
            if (score >= minScore) hits.Add(new SearchHit(id, score));
        }
        hits.Sort((a, b) => b.Score.CompareTo(a.Score));
        return hits.ToArray();
    }

    public bool TryGetVector(long id, Span<float> destination)
    {
        if (!_ids.TryGetSlot(id, out var slot)) return false;
        _codec.Decode(_rows.Row(slot), destination);
        return true;
    }

    /// <summary>Removes at once by moving the last row into the hole (an exact index needs no tombstones).</summary>
    public bool Remove(long id)
    {
        if (!_ids.TryGetSlot(id, out var slot)) return false;
        _ids.RemoveBySwappingLast(slot);
        _rows.RemoveBySwappingLast(slot);
        return true;
    }

    public void Save(string path)
    {
        using var writer = new IndexFileWriter(path, Description);
        writer.Write(Dimension);
        writer.Write(_codec.IsTrained ? 1 : 0);
        if (_codec.IsTrained) _codec.WriteParameters(writer);
        _ids.Write(writer);
        writer.WriteRows(_rows);
    }

    internal static FlatIndex Read(IndexFileReader reader)
    {
        var codec = VectorCodec.Create(reader.Description, reader.Read<int>());
        if (reader.Read<int>() == 1) codec.ReadParameters(reader);
        var ids = IdMap.Read(reader);
        var rows = reader.ReadRows(codec.RowBytes);
        if (rows.Count != ids.SlotCount) throw reader.Corrupt();
        return new FlatIndex(codec, rows, ids);
    }

    public void Dispose() => _rows.Dispose();

    private SearchHit[] ToHits(ScoreHeap heap) =>
        heap.DrainBestFirst().Select(h => new SearchHit(_ids.IdOf(h.Item), h.Score)).ToArray();
}
