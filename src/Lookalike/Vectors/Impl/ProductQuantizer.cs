using System.Numerics.Tensors;

namespace Lookalike.Vectors.Impl;

/// <summary>
/// Product quantisation: a vector is cut into <see cref="Parts"/> sub-vectors and each is replaced by the
/// number (one byte) of the nearest of 256 trained sub-centroids. A query is compared with codes by
/// asymmetric distance computation (ADC): one table of q_part·centroid for every part and centroid, then
/// a code's score is the sum of <see cref="Parts"/> table lookups.
/// </summary>
internal sealed class ProductQuantizer
{
    public const int CentroidsPerPart = 256;

    /// <summary>Per part, the 256 centroids stored transposed ([sub-dimension][centroid]) so that one query
    /// part against all centroids is a handful of 256-wide SIMD multiply-adds.</summary>
    private readonly float[] _codebooksT;
    private readonly float[] _halfNorms;

    public int Dimension { get; }
    public int Parts { get; }
    public int SubDimension => Dimension / Parts;

    private ProductQuantizer(int dimension, int parts, float[] codebooksT)
    {
        Dimension = dimension;
        Parts = parts;
        _codebooksT = codebooksT;
        _halfNorms = new float[parts * CentroidsPerPart];
        for (var part = 0; part < parts; part++)
            for (var sub = 0; sub < SubDimension; sub++)
                for (var c = 0; c < CentroidsPerPart; c++)
                {
                    var value = codebooksT[(part * SubDimension + sub) * CentroidsPerPart + c];
                    _halfNorms[part * CentroidsPerPart + c] += value * value / 2;
                }
    }

    public static ProductQuantizer Train(ReadOnlySpan<float> vectors, int dimension, int parts, int seed, int threads)
    {
        if (dimension % parts != 0) throw new ArgumentException($"PQ{parts} needs a dimension divisible by {parts}; the index has {dimension}.");
        var n = vectors.Length / dimension;
        var subDimension = dimension / parts;
        var codebooksT = new float[parts * subDimension * CentroidsPerPart];
        var partsDone = new float[parts][];
        var data = vectors.ToArray();
        Parallel.For(0, parts, Parallelism.Options(threads), part =>
        {
            var sub = new float[n * subDimension];
            for (var i = 0; i < n; i++) data.AsSpan(i * dimension + part * subDimension, subDimension).CopyTo(sub.AsSpan(i * subDimension));
            partsDone[part] = KMeans.Train(sub, subDimension, CentroidsPerPart, 12, spherical: false, seed + part, threads: 1);
        });
        for (var part = 0; part < parts; part++)
            for (var c = 0; c < CentroidsPerPart; c++)
                for (var s = 0; s < subDimension; s++)
                    codebooksT[(part * subDimension + s) * CentroidsPerPart + c] = partsDone[part][c * subDimension + s];
        return new ProductQuantizer(dimension, parts, codebooksT);
    }

    /// <summary>table[part*256 + c] = vector_part · centroid(part, c).</summary>
    public void ComputeTable(ReadOnlySpan<float> vector, Span<float> table)
    {
        table.Clear();
        for (var part = 0; part < Parts; part++)
        {
            var row = table.Slice(part * CentroidsPerPart, CentroidsPerPart);
            for (var s = 0; s < SubDimension; s++)
            {
                var d = part * SubDimension + s;
                TensorPrimitives.MultiplyAdd(_codebooksT.AsSpan(d * CentroidsPerPart, CentroidsPerPart), vector[d], row, row);
            }
        }
    }

    /// <summary>Codes of one vector: per part, the centroid nearest in L2.</summary>
    public void Encode(ReadOnlySpan<float> vector, Span<byte> code, Span<float> tableScratch)
    {
        ComputeTable(vector, tableScratch);
        TensorPrimitives.Subtract(tableScratch, _halfNorms, tableScratch);
        for (var part = 0; part < Parts; part++)
            code[part] = (byte)TensorPrimitives.IndexOfMax(tableScratch.Slice(part * CentroidsPerPart, CentroidsPerPart));
    }

    public void Decode(ReadOnlySpan<byte> code, Span<float> vector)
    {
        for (var part = 0; part < Parts; part++)
            for (var s = 0; s < SubDimension; s++)
            {
                var d = part * SubDimension + s;
                vector[d] = _codebooksT[d * CentroidsPerPart + code[part]];
            }
    }

    /// <summary>ADC score of one code: the sum of its table entries.</summary>
    public static unsafe float Score(float* table, byte* code, int parts)
    {
        float sum0 = 0, sum1 = 0;
        var part = 0;
        for (; part + 1 < parts; part += 2)
        {
            sum0 += table[part * CentroidsPerPart + code[part]];
            sum1 += table[(part + 1) * CentroidsPerPart + code[part + 1]];
        }
        if (part < parts) sum0 += table[part * CentroidsPerPart + code[part]];
        return sum0 + sum1;
    }

    public void Write(IndexFileWriter writer)
    {
        writer.Write(Parts);
        writer.WriteArray<float>(_codebooksT);
    }

    public static ProductQuantizer Read(IndexFileReader reader, int dimension)
    {
        var parts = reader.Read<int>();
        var codebooksT = reader.ReadArray<float>();
        if (parts <= 0 || dimension % parts != 0 || codebooksT.Length != dimension * CentroidsPerPart) throw reader.Corrupt();
        return new ProductQuantizer(dimension, parts, codebooksT);
    }
}
