namespace Lookalike.Vectors.Impl;

/// <summary>
/// A binary min-heap of (score, item) pairs: the lowest score sits on top. Used to keep the best k
/// (evict the top when something better comes) and, with negated scores, as a best-first queue.
/// </summary>
internal sealed class ScoreHeap(int capacity = 16)
{
    private float[] _scores = new float[Math.Max(capacity, 1)];
    private int[] _items = new int[Math.Max(capacity, 1)];

    public int Count { get; private set; }
    public float TopScore => _scores[0];
    public int TopItem => _items[0];

    public void Clear() => Count = 0;

    public void Push(float score, int item)
    {
        if (Count == _scores.Length)
        {
            Array.Resize(ref _scores, Count * 2);
            Array.Resize(ref _items, Count * 2);
        }
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_scores[parent] <= score) break;
            _scores[i] = _scores[parent];
            _items[i] = _items[parent];
            i = parent;
        }
        _scores[i] = score;
        _items[i] = item;
    }

    public void Pop()
    {
        Count--;
        if (Count > 0) SiftDown(_scores[Count], _items[Count]);
    }

    /// <summary>Keeps the best <paramref name="k"/>: adds when not full, else replaces the worst if this is better.</summary>
    public void PushBounded(float score, int item, int k)
    {
        if (Count < k) Push(score, item);
        else if (score > _scores[0]) SiftDown(score, item);
    }

    /// <summary>Empties the heap into (item, score) pairs ordered best (highest score) first.</summary>
    public (int Item, float Score)[] DrainBestFirst()
    {
        var result = new (int, float)[Count];
        for (var i = Count - 1; i >= 0; i--)
        {
            result[i] = (_items[0], _scores[0]);
            Pop();
        }
        return result;
    }

    private void SiftDown(float score, int item)
    {
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count) break;
            if (child + 1 < Count && _scores[child + 1] < _scores[child]) child++;
            if (_scores[child] >= score) break;
            _scores[i] = _scores[child];
            _items[i] = _items[child];
            i = child;
        }
        _scores[i] = score;
        _items[i] = item;
    }
}
