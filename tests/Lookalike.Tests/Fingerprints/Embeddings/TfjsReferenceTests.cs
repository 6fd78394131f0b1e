using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>
/// The ONNX conversion of the nsfwjs MobileNetV2 against the ORIGINAL TF.js model: reference vectors in
/// TestData/mobilenet_v2_tfjs_reference.json were computed by scripts/models/tfjs-reference.js (tfjs 4.22,
/// CPU backend) on the same synthetic input; the converted graph must agree within 1e-4.
/// </summary>
public sealed class TfjsReferenceTests(ITestOutputHelper output)
{
    private const int Size = 224;

    [Fact]
    public void ConvertedModelMatchesTfjsAtEveryReferenceLayer()
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(EmbeddingTestPaths.TestData, "mobilenet_v2_tfjs_reference.json")));
        var layers = reference.RootElement.GetProperty("layers").EnumerateObject().Select(p => p.Name).ToArray();
        var dir = Directory.CreateTempSubdirectory("lookalike-tfjs-ref-");
        try
        {
            var model = Path.Combine(dir.FullName, "probe.onnx");
            PythonScript.Run(Path.Combine(EmbeddingTestPaths.ModelScripts, "tfjs_layers_to_onnx.py"),
                [EmbeddingTestPaths.NsfwjsDump, model, .. layers.SelectMany(l => new[] { "--output", l })]);

            using var session = new InferenceSession(model);
            using var input = OrtValue.CreateTensorValueFromMemory(SyntheticInput(), [1, 3, Size, Size]);
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, ["input"], [input], layers);
            for (int o = 0; o < layers.Length; o++)
            {
                var expected = reference.RootElement.GetProperty("layers").GetProperty(layers[o]);
                var shape = outputs[o].GetTensorTypeAndShape().Shape;
                var values = outputs[o].GetTensorDataAsSpan<float>();
                if (shape.Length == 4)
                {
                    AssertClose(layers[o] + " max", expected.GetProperty("max"), PoolChannels(values, shape, max: true));
                    AssertClose(layers[o] + " mean", expected.GetProperty("mean"), PoolChannels(values, shape, max: false));
                }
                else
                {
                    AssertClose(layers[o], expected.GetProperty("values"), values.ToArray());
                }
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>x[c][y][x] = ((3y² + 5x + 71c + xy) mod 256) / 255, exactly as tfjs-reference.js builds it.</summary>
    private static float[] SyntheticInput()
    {
        var input = new float[3 * Size * Size];
        for (int c = 0; c < 3; c++)
        for (int y = 0; y < Size; y++)
        for (int x = 0; x < Size; x++)
            input[(c * Size + y) * Size + x] = ((3 * y * y + 5 * x + 71 * c + x * y) % 256) / 255f;
        return input;
    }

    private static float[] PoolChannels(ReadOnlySpan<float> map, long[] shape, bool max)
    {
        int channels = (int)shape[1], positions = (int)(shape[2] * shape[3]);
        var result = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            var plane = map.Slice(c * positions, positions);
            double acc = max ? double.NegativeInfinity : 0;
            foreach (var v in plane) acc = max ? Math.Max(acc, v) : acc + v;
            result[c] = (float)(max ? acc : acc / positions);
        }
        return result;
    }

    private void AssertClose(string what, JsonElement expected, float[] actual)
    {
        var want = expected.EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(want.Length, actual.Length);
        var worst = want.Select((w, i) => Math.Abs(w - actual[i])).Max();
        output.WriteLine($"{what}: {want.Length} values, largest difference from TF.js {worst:G3}");
        Assert.True(worst <= 1e-4, $"{what}: largest difference from TF.js {worst:G3} exceeds 1e-4");
    }
}
