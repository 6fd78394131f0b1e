namespace Lookalike.Fingerprints.Embeddings;

/// <summary>A batch of images already preprocessed into the model's input tensor, ready for inference.</summary>
public sealed class PreparedBatch
{
    internal PreparedBatch(float[] tensor, long[] shape, int count)
    {
        Tensor = tensor; Shape = shape; Count = count;
    }

    internal float[] Tensor { get; }
    internal long[] Shape { get; }
    public int Count { get; }

    /// <summary>One batch from several (e.g. images prepared one by one on decode threads).</summary>
    public static PreparedBatch Combine(IReadOnlyList<PreparedBatch> parts)
    {
        if (parts.Count == 1) return parts[0];
        var tensor = new float[parts.Sum(p => p.Tensor.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.Tensor.CopyTo(tensor, offset);
            offset += part.Tensor.Length;
        }
        var count = parts.Sum(p => p.Count);
        var shape = (long[])parts[0].Shape.Clone();
        shape[0] = count; // NCHW and NHWC both lead with the batch
        return new PreparedBatch(tensor, shape, count);
    }
}
