using System.Reflection;
using System.Runtime.InteropServices;
using Cloud.Unum.USearch;
using Lookalike.Vectors;

namespace Lookalike.Bench.Indexing;

/// <summary>
/// USearch (the Cloud.Unum.USearch package, its native HNSW with SIMD kernels chosen at run time) behind our
/// <see cref="IVectorIndex"/>, so `bench index` measures it with exactly the code that measures our indexes.
/// Inner product on the L2-normalised vectors, the same scores as ours.
/// </summary>
internal sealed class USearchPeer : IVectorIndex
{
    private readonly USearchIndex _index;
    private readonly IntPtr _handle;
    private readonly int _threads;

    public USearchPeer(int dimension, int connectivity, int expansionAdd, ScalarKind storage, int threads)
    {
        Dimension = dimension;
        _threads = threads;
        _index = new USearchIndex(MetricKind.Ip, storage, (ulong)dimension, (ulong)connectivity, (ulong)expansionAdd);
        // The C# wrapper has no call to set expansion_search after construction, nor to reserve capacity for
        // concurrent adds; the C API beneath it has both, so we call them on the wrapper's native handle.
        _handle = (IntPtr)typeof(USearchIndex).GetField("_index", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(_index)!;
        Description = $"HNSW{connectivity} ea={expansionAdd}";
    }

    public string Description { get; }
    public int Dimension { get; }
    public int Count => (int)_index.Size();
    public IEnumerable<long> Ids => throw new NotSupportedException();

    /// <summary>The SIMD kernel family the native library picked (e.g. "skylake" for AVX-512).</summary>
    public string HardwareAcceleration => Marshal.PtrToStringAnsi(usearch_hardware_acceleration(_handle, out _)) ?? "?";

    /// <summary>What the native index holds in memory (vectors, graph, locks) per stored vector.</summary>
    public double BytesPerVector => (double)(ulong)usearch_memory_usage(_handle, out _) / Math.Max(1, Count);

    public int ExpansionSearch
    {
        set
        {
            usearch_change_expansion_search(_handle, (UIntPtr)value, out var error);
            Check(error);
        }
    }

    public void Add(ReadOnlySpan<long> ids, ReadOnlySpan<float> vectors)
    {
        usearch_reserve(_handle, (UIntPtr)(_index.Size() + (ulong)ids.Length), out var error);
        Check(error);
        var all = vectors.ToArray();
        var keys = ids.ToArray();
        var dimension = Dimension;
        // With capacity reserved, usearch_add is safe to call from several threads at once (one context per thread).
        Parallel.For(0, keys.Length, new ParallelOptions { MaxDegreeOfParallelism = _threads },
            () => new float[dimension],
            (i, _, row) =>
            {
                Array.Copy(all, i * dimension, row, 0, dimension);
                _index.Add((ulong)keys[i], row);
                return row;
            }, _ => { });
    }

    public SearchHit[] Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null)
    {
        if (filter != null) throw new NotSupportedException("the peer runs unfiltered searches only");
        var found = _index.Search(query.ToArray(), k, out var keys, out var distances);
        var hits = new SearchHit[found];
        // USearch reports the inner-product distance 1 - dot.
        for (var i = 0; i < found; i++) hits[i] = new SearchHit((long)keys[i], 1 - distances[i]);
        return hits;
    }

    public SearchHit[] RangeSearch(ReadOnlySpan<float> query, float minScore, Func<long, bool>? filter = null) => throw new NotSupportedException();
    public bool TryGetVector(long id, Span<float> destination) => throw new NotSupportedException();
    public bool Remove(long id) => _index.Remove((ulong)id) > 0;
    public void Save(string path) => _index.Save(path);
    public void Dispose() => _index.Dispose();

    private static void Check(IntPtr error)
    {
        if (error != IntPtr.Zero) throw new InvalidOperationException($"USearch: {Marshal.PtrToStringAnsi(error)}");
    }

    [DllImport("libusearch_c")]
    private static extern void usearch_change_expansion_search(IntPtr index, UIntPtr expansion, out IntPtr error);

    [DllImport("libusearch_c")]
    private static extern void usearch_reserve(IntPtr index, UIntPtr capacity, out IntPtr error);

    [DllImport("libusearch_c")]
    private static extern UIntPtr usearch_memory_usage(IntPtr index, out IntPtr error);

    [DllImport("libusearch_c")]
    private static extern IntPtr usearch_hardware_acceleration(IntPtr index, out IntPtr error);
}
