namespace Lookalike.Vectors.Impl;

/// <summary>The two-way map between caller ids (long) and the dense row numbers ("slots") an index stores.</summary>
internal sealed class IdMap
{
    private long[] _ids;
    private readonly Dictionary<long, int> _slots;

    public IdMap(int capacity = 0)
    {
        _ids = new long[Math.Max(capacity, 16)];
        _slots = new Dictionary<long, int>(capacity);
    }

    private IdMap(long[] ids, int count)
    {
        _ids = ids;
        _slots = new Dictionary<long, int>(count);
        for (var slot = 0; slot < count; slot++) _slots[ids[slot]] = slot;
        SlotCount = count;
    }

    /// <summary>Slots handed out so far (including removed ones where the index keeps tombstones).</summary>
    public int SlotCount { get; private set; }

    public int LiveCount => _slots.Count;

    public IEnumerable<long> LiveIds => _slots.Keys;

    public long IdOf(int slot) => _ids[slot];

    public bool TryGetSlot(long id, out int slot) => _slots.TryGetValue(id, out slot);

    public int AddSlot(long id)
    {
        if (SlotCount == _ids.Length) Array.Resize(ref _ids, _ids.Length * 2);
        _ids[SlotCount] = id;
        _slots[id] = SlotCount;
        return SlotCount++;
    }

    /// <summary>Forgets the id but keeps its slot (a tombstone).</summary>
    public void Forget(long id) => _slots.Remove(id);

    /// <summary>Makes <paramref name="slot"/> a tombstone, unless its id now lives in a later slot (it was added again).</summary>
    public void ForgetSlot(int slot)
    {
        if (_slots.TryGetValue(_ids[slot], out var current) && current == slot) _slots.Remove(_ids[slot]);
    }

    /// <summary>Removes <paramref name="slot"/> by moving the last slot into it (for indexes that compact at once).</summary>
    public void RemoveBySwappingLast(int slot)
    {
        _slots.Remove(_ids[slot]);
        var last = --SlotCount;
        if (slot == last) return;
        _ids[slot] = _ids[last];
        _slots[_ids[slot]] = slot;
    }

    public void Write(IndexFileWriter writer) => writer.WriteArray<long>(_ids.AsSpan(0, SlotCount));

    /// <summary>Reads the slot ids back; <paramref name="isLive"/> says which slots are not tombstones.</summary>
    public static IdMap Read(IndexFileReader reader, Func<int, bool>? isLive = null)
    {
        var ids = reader.ReadArray<long>();
        var map = new IdMap(ids, ids.Length);
        if (isLive != null)
            for (var slot = 0; slot < ids.Length; slot++)
                if (!isLive(slot)) map.ForgetSlot(slot);
        return map;
    }
}
