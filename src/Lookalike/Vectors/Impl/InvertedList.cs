namespace Lookalike.Vectors.Impl;

/// <summary>One IVF cell: the slots of the vectors assigned to it and their codes, stored contiguously so a
/// probe is a linear scan.</summary>
internal sealed class InvertedList(int codeBytes)
{
    private int[] _slots = new int[4];
    private byte[] _codes = new byte[4 * codeBytes];

    public int Count { get; private set; }
    public int CodeBytes { get; } = codeBytes;
    public ReadOnlySpan<int> Slots => _slots.AsSpan(0, Count);
    public ReadOnlySpan<byte> Codes => _codes.AsSpan(0, Count * CodeBytes);

    public void Add(int slot, ReadOnlySpan<byte> code)
    {
        if (Count == _slots.Length)
        {
            Array.Resize(ref _slots, Count * 2);
            Array.Resize(ref _codes, Count * 2 * CodeBytes);
        }
        _slots[Count] = slot;
        code.CopyTo(_codes.AsSpan(Count * CodeBytes, CodeBytes));
        Count++;
    }

    public ReadOnlySpan<byte> CodeOf(int slot)
    {
        var position = Slots.IndexOf(slot);
        return position < 0 ? default : _codes.AsSpan(position * CodeBytes, CodeBytes);
    }

    /// <summary>Removes a slot by moving the list's last entry into its place.</summary>
    public bool Remove(int slot)
    {
        var position = Slots.IndexOf(slot);
        if (position < 0) return false;
        var last = --Count;
        _slots[position] = _slots[last];
        _codes.AsSpan(last * CodeBytes, CodeBytes).CopyTo(_codes.AsSpan(position * CodeBytes, CodeBytes));
        return true;
    }

    public void Write(IndexFileWriter writer)
    {
        writer.WriteArray(Slots);
        writer.WriteArray(Codes);
    }

    public static InvertedList Read(IndexFileReader reader, int codeBytes)
    {
        var slots = reader.ReadArray<int>();
        var codes = reader.ReadArray<byte>();
        if (codes.Length != slots.Length * codeBytes) throw reader.Corrupt();
        return new InvertedList(codeBytes) { _slots = slots.Length > 0 ? slots : new int[4], _codes = codes.Length > 0 ? codes : new byte[4 * codeBytes], Count = slots.Length };
    }
}
