using System.Runtime.InteropServices;

namespace Lookalike.Dedup.Decisions;

/// <summary>
/// Numbers distinct image ids 0, 1, 2... in order of first sight. Catalog ids are SQLite rowids, small and nearly
/// dense, so ids below <see cref="DenseLimit"/> go through a plain array (one memory access, no hashing: a
/// dictionary made grouping an order of magnitude slower); other ids fall back to a dictionary.
/// </summary>
internal sealed class IdIndex
{
    /// <summary>Ids below this use the array: at most 64 MB of table, reached only with ids that high.</summary>
    private const long DenseLimit = 1 << 24;

    private int[] _dense = new int[1024]; // index + 1; 0 = not seen
    private readonly Dictionary<long, int> _sparse = [];
    private readonly List<long> _ids = [];

    public int Count => _ids.Count;

    public long IdAt(int index) => _ids[index];

    /// <summary>The index of <paramref name="id"/>; <paramref name="added"/> is true when this is its first sight.</summary>
    public int GetOrAdd(long id, out bool added)
    {
        if (id is >= 0 and < DenseLimit)
        {
            if (id >= _dense.Length) Array.Resize(ref _dense, (int)Math.Min(DenseLimit, Math.Max(id + 1, 2L * _dense.Length)));
            ref var slot = ref _dense[id];
            added = slot == 0;
            if (added)
            {
                slot = _ids.Count + 1;
                _ids.Add(id);
            }
            return slot - 1;
        }
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_sparse, id, out var exists);
        added = !exists;
        if (added)
        {
            index = _ids.Count;
            _ids.Add(id);
        }
        return index;
    }
}
