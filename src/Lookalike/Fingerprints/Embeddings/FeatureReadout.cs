namespace Lookalike.Fingerprints.Embeddings;

/// <summary>
/// Reads one image's embedding out of a batch output: a vector as is, a token sequence's class token,
/// or a feature map pooled over its spatial positions (mean, max or GeM); always L2-normalised.
/// </summary>
internal static class FeatureReadout
{
    /// <param name="output">The whole batch output.</param>
    /// <param name="shape">Its shape; the first dimension is the batch.</param>
    public static float[] Read(ReadOnlySpan<float> output, long[] shape, int index, ImageTowerSpec spec)
    {
        int perImage = (int)(output.Length / shape[0]);
        var item = output.Slice(index * perImage, perImage);
        var vector = shape.Length switch
        {
            2 => item.ToArray(),
            3 when spec.TakeClassToken => item[..(int)shape[2]].ToArray(),
            4 when spec.Pooling != FeaturePooling.None => Pool(item, shape, spec),
            _ => throw new ModelException(
                $"{spec.File}: output of shape [{string.Join(",", shape)}] needs {(shape.Length == 3 ? "takeClassToken" : "a pooling")} in the manifest."),
        };
        if (vector.Length != spec.EmbeddingSize)
            throw new ModelException($"{spec.File}: produced {vector.Length} values but the manifest says embeddingSize {spec.EmbeddingSize}.");
        Normalize(vector);
        return vector;
    }

    private static float[] Pool(ReadOnlySpan<float> map, long[] shape, ImageTowerSpec spec)
    {
        bool channelsFirst = spec.OutputLayout == TensorLayout.Nchw;
        int channels = (int)(channelsFirst ? shape[1] : shape[3]);
        int positions = (int)(channelsFirst ? shape[2] * shape[3] : shape[1] * shape[2]);
        int channelStride = channelsFirst ? positions : 1;
        int positionStride = channelsFirst ? 1 : channels;
        var result = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            int at = c * channelStride;
            switch (spec.Pooling)
            {
                case FeaturePooling.Max:
                {
                    float max = float.NegativeInfinity;
                    for (int p = 0; p < positions; p++, at += positionStride) max = Math.Max(max, map[at]);
                    result[c] = max;
                    break;
                }
                case FeaturePooling.Mean:
                {
                    double sum = 0;
                    for (int p = 0; p < positions; p++, at += positionStride) sum += map[at];
                    result[c] = (float)(sum / positions);
                    break;
                }
                case FeaturePooling.Gem:
                {
                    // Generalised mean (Radenovic et al.): (mean x^p)^(1/p) over clamped activations.
                    double sum = 0, p = spec.GemP;
                    for (int i = 0; i < positions; i++, at += positionStride) sum += Math.Pow(Math.Max(map[at], 1e-6f), p);
                    result[c] = (float)Math.Pow(sum / positions, 1 / p);
                    break;
                }
            }
        }
        return result;
    }

    public static void Normalize(Span<float> vector)
    {
        double sum = 0;
        foreach (var v in vector) sum += (double)v * v;
        if (sum <= 0) return; // an all-zero vector stays zero: it is similar to nothing
        float inverse = (float)(1 / Math.Sqrt(sum));
        for (int i = 0; i < vector.Length; i++) vector[i] *= inverse;
    }
}
