using Microsoft.ML.OnnxRuntime;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>Opens ONNX sessions with the requested threads and provider, falling back to CPU with a reason.</summary>
internal static class OnnxSessionFactory
{
    /// <param name="fallback">Why CUDA was not used, when it was asked for and is unavailable; otherwise null.</param>
    public static InferenceSession Open(string path, EmbedderOptions options, out string? fallback)
    {
        if (!File.Exists(path)) throw new ModelException($"{path}: model file not found.");
        fallback = null;
        var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (options.Threads > 0)
        {
            sessionOptions.IntraOpNumThreads = options.Threads;
            sessionOptions.InterOpNumThreads = 1;
        }
        if (!options.SpinWait) sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (options.Device == ExecutionDevice.Cuda)
        {
            try
            {
                sessionOptions.AppendExecutionProvider_CUDA();
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                fallback = $"CUDA execution provider unavailable ({FirstLine(e.Message)}); running on CPU. " +
                           "The bundled libonnxruntime.so is the CPU build: install an ONNX Runtime GPU build with CUDA and cuDNN to use the GPU.";
            }
        }
        try
        {
            return new InferenceSession(path, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelException($"{path}: ONNX Runtime cannot load this model: {FirstLine(e.Message)}", e);
        }
        finally
        {
            sessionOptions.Dispose();
        }
    }

    /// <summary>
    /// Opens the session and checks it has the manifest's input and output (the model's first output when
    /// <paramref name="outputName"/> is null); errors list the names the file really has.
    /// </summary>
    public static InferenceSession OpenTower(string path, EmbedderOptions options, string inputName, string? outputName,
        out string resolvedOutput, out string? fallback)
    {
        var session = Open(path, options, out fallback);
        try
        {
            if (!session.InputMetadata.ContainsKey(inputName))
                throw new ModelException($"{path}: has no input '{inputName}' (inputs: {string.Join(", ", session.InputMetadata.Keys)}).");
            resolvedOutput = outputName ?? session.OutputMetadata.Keys.First();
            if (!session.OutputMetadata.ContainsKey(resolvedOutput))
                throw new ModelException($"{path}: has no output '{resolvedOutput}' (outputs: {string.Join(", ", session.OutputMetadata.Keys)}).");
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The input's batch size when the file fixes it (Immich's exports take exactly 1 image or text), else null.</summary>
    public static int? FixedBatch(InferenceSession session, string inputName) =>
        session.InputMetadata[inputName].Dimensions is [> 0 and var batch, ..] ? batch : null;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
