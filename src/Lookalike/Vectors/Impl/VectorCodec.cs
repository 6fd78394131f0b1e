namespace Lookalike.Vectors.Impl;

/// <summary>
/// How an exact index stores each vector ("Flat" float32, "F16" half precision, "SQ8" one byte per
/// dimension) and how it scores a query against a stored row without decoding it first.
/// </summary>
internal abstract unsafe class VectorCodec(int dimension)
{
    public int Dimension { get; } = dimension;

    /// <summary>The factory name of this storage ("Flat", "F16", "SQ8").</summary>
    public abstract string Name { get; }

    public abstract int RowBytes { get; }

    /// <summary>Learns what the encoding needs from the first vectors added (only SQ8 needs anything).</summary>
    public virtual void Train(ReadOnlySpan<float> vectors) { }

    public virtual bool IsTrained => true;

    /// <summary>Whether batch scans should widen rows to float32 once per block (cheaper than scoring
    /// the encoded row once per query) rather than score the encoded rows directly.</summary>
    public virtual bool WidenForBatches => false;

    public abstract void Encode(ReadOnlySpan<float> vector, byte* row);

    public abstract void Decode(byte* row, Span<float> vector);

    /// <summary>Turns a query into the form <see cref="Score"/> takes (done once per search, not per row).</summary>
    public virtual PreparedQuery Prepare(ReadOnlySpan<float> query) => new(query.ToArray(), 0);

    /// <summary>Dot product of the prepared query with one stored row.</summary>
    public abstract float Score(in PreparedQuery query, byte* row);

    /// <summary>Scores <paramref name="scores"/>.Length consecutive rows starting at <paramref name="rows"/>
    /// (one call per block keeps per-row overhead out of the scan loop).</summary>
    public virtual void ScoreRows(in PreparedQuery query, byte* rows, Span<float> scores)
    {
        for (var i = 0; i < scores.Length; i++) scores[i] = Score(query, rows + (long)i * RowBytes);
    }

    public virtual void WriteParameters(IndexFileWriter writer) { }

    public virtual void ReadParameters(IndexFileReader reader) { }

    public static VectorCodec Create(string name, int dimension) => name switch
    {
        "Flat" => new Float32Codec(dimension),
        "F16" => new Float16Codec(dimension),
        "SQ8" => new ScalarInt8Codec(dimension),
        _ => throw new ArgumentException($"Unknown vector storage '{name}' (expected Flat, F16 or SQ8).", nameof(name)),
    };
}

/// <summary>A query ready for a codec: transformed values plus a constant added to every score.</summary>
internal readonly record struct PreparedQuery(float[] Values, float Offset);
