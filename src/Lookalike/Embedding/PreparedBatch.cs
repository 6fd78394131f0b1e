namespace Lookalike.Embedding;

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
}
